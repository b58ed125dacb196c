/**
 * Random free-lab sessions for the time-travel properties: small setups, a
 * person's actions at random times, and the straight runs they must match.
 */
import fc from 'fast-check';
import {
  createSimulation,
  SimulationError,
  type Action,
  type CommitMode,
  type Simulation,
  type SimulationConfigInput,
} from '../../../src/model/index';
import type { Scenario } from '../../../src/scenarios/index';
import {
  labScenario,
  Session,
  type SessionOptions,
  type TimedAction,
} from '../../../src/session/index';

export const TOPIC = 'events';

export interface Lab {
  readonly config: SimulationConfigInput;
  readonly scenario: Scenario;
  /** A person's actions in time order (some may be refused when applied). */
  readonly actions: readonly TimedAction[];
  /** Where the straight run stops (after the last action). */
  readonly end: number;
  readonly apps: readonly string[];
  readonly producers: readonly string[];
  /** Default checkpoints, or tight ones (thinned often, re-simulating more per seek). */
  readonly options: SessionOptions;
}

const optionsArb: fc.Arbitrary<SessionOptions> = fc.oneof(
  { weight: 2, arbitrary: fc.constant({}) },
  {
    weight: 1,
    arbitrary: fc
      .record({
        budgetBytes: fc.constantFrom(1, 200_000, 1_000_000),
        maxCount: fc.integer({ min: 2, max: 8 }),
        firstSpacingMs: fc.constantFrom(100, 250, 1000),
      })
      .map((checkpoints) => ({ checkpoints })),
  },
);

const commitArb: fc.Arbitrary<CommitMode> = fc.constantFrom<CommitMode>(
  { mode: 'after-processing' },
  { mode: 'before-processing' },
  { mode: 'auto', intervalMs: 700 },
);

/** Action times: mostly on a 250 ms grid (so on checkpoint times too), some in between. */
const timeArb = fc
  .record({ slot: fc.integer({ min: 0, max: 60 }), offset: fc.constantFrom(0, 0, 0, 0.5, 137.25) })
  .map(({ slot, offset }) => slot * 250 + offset);

const stepArb = fc.record({
  at: timeArb,
  kind: fc.integer({ min: 0, max: 7 }),
  pick: fc.nat(),
  value: fc.integer({ min: 0, max: 500 }),
});

export interface LabOptions {
  readonly maxActions?: number;
}

/** 1–6 partitions, 1–3 apps, keyed or unkeyed producers at 50–300 records/s, timed actions. */
export function labArb(options: LabOptions = {}): fc.Arbitrary<Lab> {
  return fc
    .record({
      seed: fc.integer({ min: 0, max: 0xffffffff }),
      partitions: fc.integer({ min: 1, max: 6 }),
      producers: fc.array(
        fc.record({
          keyed: fc.boolean(),
          rate: fc.integer({ min: 50, max: 300 }),
          keys: fc.integer({ min: 1, max: 20 }),
        }),
        { minLength: 1, maxLength: 2 },
      ),
      apps: fc.array(
        fc.record({
          instances: fc.integer({ min: 0, max: 3 }),
          processingMs: fc.integer({ min: 1, max: 40 }),
          commit: commitArb,
          sessionTimeoutMs: fc.integer({ min: 6000, max: 9000 }),
        }),
        { minLength: 1, maxLength: 3 },
      ),
      steps: fc.array(stepArb, { maxLength: options.maxActions ?? 8 }),
      tail: fc.integer({ min: 300, max: 5000 }),
      options: optionsArb,
    })
    .map((r) => {
      const apps = r.apps.map((_, i) => `app${i}`);
      const producers = r.producers.map((_, i) => `p${i}`);
      const config: SimulationConfigInput = {
        seed: r.seed,
        topics: [{ name: TOPIC, partitions: r.partitions }],
        producers: r.producers.map((p, i) => ({
          id: producers[i]!,
          topic: TOPIC,
          ratePerSec: p.rate,
          keys: { mode: p.keyed ? 'keyed' : 'none', count: p.keys },
        })),
        apps: r.apps.map((a, i) => ({
          id: apps[i]!,
          topics: [TOPIC],
          instances: a.instances,
          processingMs: a.processingMs,
          commit: a.commit,
          sessionTimeoutMs: a.sessionTimeoutMs,
        })),
      };
      let partitions = r.partitions;
      const members = r.apps.map((a) => a.instances);
      const steps = [...r.steps].sort((a, b) => a.at - b.at);
      const actions: TimedAction[] = steps.map((step) => {
        const appIndex = step.pick % apps.length;
        const appId = apps[appIndex]!;
        const memberId = `${appId}-${1 + (step.value % Math.max(1, members[appIndex]!))}`;
        const action = ((): Action => {
          switch (step.kind) {
            case 0:
              partitions += 1 + (step.value % 3);
              return { type: 'addPartitions', topic: TOPIC, partitions };
            case 1:
              members[appIndex]!++;
              return { type: 'addConsumer', appId };
            case 2:
              return { type: 'crashConsumer', memberId };
            case 3:
              return { type: 'stopConsumer', memberId };
            case 4:
              return {
                type: 'updateProducer',
                producerId: producers[step.pick % producers.length]!,
                changes: { ratePerSec: step.value },
              };
            case 5:
              members[appIndex]! += step.value % 4;
              return { type: 'updateApp', appId, changes: { instances: step.value % 4 } };
            case 6:
              return { type: 'updateApp', appId, changes: { processingMs: 1 + (step.value % 60) } };
            default:
              return { type: 'produce', topic: TOPIC, key: String(step.value % 9) };
          }
        })();
        return { at: step.at, action };
      });
      const last = actions.length > 0 ? actions[actions.length - 1]!.at : 0;
      return {
        config,
        scenario: labScenario(config),
        actions,
        end: last + r.tail,
        apps,
        producers,
        options: r.options,
      };
    });
}

/** Applies an action, or returns false when the model refuses it (and nothing changed). */
export function tryApply(session: Session, action: Action): boolean {
  try {
    session.apply(action);
    return true;
  } catch (e) {
    if (!(e instanceof SimulationError)) throw e;
    return false;
  }
}

export interface Played {
  readonly session: Session;
  /** The actions the model took, at their times. */
  readonly accepted: TimedAction[];
}

/** A person playing straight through: go to each action's time, act, then on to `end`. */
export function playLive(
  scenario: Scenario,
  actions: readonly TimedAction[],
  end: number,
  options?: SessionOptions,
): Played {
  const session = new Session(scenario, options);
  const accepted: TimedAction[] = [];
  for (const entry of actions) {
    session.goTo(entry.at);
    if (tryApply(session, entry.action)) accepted.push(entry);
  }
  session.goTo(end);
  return { session, accepted };
}

/**
 * The oracle: a bare simulation, no session, no checkpoints, every accepted
 * action applied at its time, then run on to `t`.
 *
 * A moment has one state: everything due at `t` runs before the actions of
 * `t`, and what those actions set off at `t` itself runs at once.
 */
export function straightRun(
  config: SimulationConfigInput,
  accepted: readonly TimedAction[],
  t: number,
): Simulation {
  return straightMomentsOf(config, accepted, [t], () => undefined);
}

export interface Moment {
  readonly hash: string;
  readonly length: number;
  readonly snapshot: string;
}

export function moment(sim: Simulation): Moment {
  return {
    hash: sim.traceHash(),
    length: sim.traceLength(),
    snapshot: JSON.stringify(sim.snapshot({ recordsPerPartition: 20 })),
  };
}

/** What a straight run shows at each of `times`, in one pass. */
export function straightMoments(
  config: SimulationConfigInput,
  accepted: readonly TimedAction[],
  times: readonly number[],
): Map<number, Moment> {
  const out = new Map<number, Moment>();
  straightMomentsOf(config, accepted, times, (t, sim) => out.set(t, moment(sim)));
  return out;
}

function straightMomentsOf(
  config: SimulationConfigInput,
  accepted: readonly TimedAction[],
  times: readonly number[],
  visit: (t: number, sim: Simulation) => void,
): Simulation {
  const sim = createSimulation(config);
  let next = 0;
  for (const t of [...new Set(times)].sort((a, b) => a - b)) {
    while (next < accepted.length && accepted[next]!.at <= t) {
      const { at, action } = accepted[next++]!;
      sim.advanceTo(at);
      sim.apply(action);
    }
    sim.advanceTo(t);
    visit(t, sim);
  }
  return sim;
}
