import {
  createSimulation,
  SimulationError,
  type Simulation,
  type Snapshot,
} from '../../../src/model/index';
import type { Scenario } from './arbitraries';

export interface Run {
  readonly sim: Simulation;
  readonly snapshots: Snapshot[];
  readonly rejected: number;
}

/**
 * Plays a scenario, taking a snapshot every `everyMs`. Actions the model
 * rejects (e.g. stopping a member that already left) must leave it unchanged.
 */
export function play(scenario: Scenario, everyMs = 500, onSnapshot?: (s: Snapshot) => void): Run {
  const sim = createSimulation(scenario.config);
  const snapshots: Snapshot[] = [];
  let rejected = 0;
  const take = () => {
    const s = sim.snapshot({ recordsPerPartition: 0 });
    onSnapshot?.(s);
    if (snapshots.length < 400) snapshots.push(s);
  };
  const runTo = (t: number) => {
    while (sim.now + everyMs <= t) {
      sim.advance(everyMs);
      take();
    }
    sim.advance(t - sim.now);
  };
  for (const { at, action } of scenario.timeline) {
    runTo(at);
    try {
      sim.apply(action);
    } catch (e) {
      if (!(e instanceof SimulationError)) throw e;
      rejected++;
    }
  }
  runTo(scenario.endMs);
  take();
  return { sim, snapshots, rejected };
}
