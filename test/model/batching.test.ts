// Batched consumption (Member.catchUp) is a way of running the simulation, not a different
// simulation: with it and without it (one timer per record), every snapshot, lag series,
// notice, inspection and trace length must be equal at every moment, whatever the setup and
// the actions. Only the trace hash may differ (a batch hashes its events in its own stream).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  createSimulation,
  SimulationError,
  type Simulation,
  type SimulationConfigInput,
} from '../../src/model/index';
import { scenarioArb, TOPIC, type Scenario } from './support/arbitraries';

const RUNS = { numRuns: 40, seed: 20261127 };

/** Everything a view or a test can read of a simulation at this moment. */
function observe(sim: Simulation): string {
  const snapshot = sim.snapshot();
  const parts: unknown[] = [snapshot, sim.takeNotices(), sim.traceLength(), sim.nextEventAt()];
  for (const g of snapshot.groups) {
    parts.push(sim.lagSeries(g.groupId), sim.orderingViolationsByKey(g.groupId));
  }
  for (const t of snapshot.topics) {
    for (const p of t.partitions) {
      const middle = Math.floor((p.logStartOffset + p.logEndOffset) / 2);
      for (const offset of [p.logStartOffset, middle, p.logEndOffset - 1])
        parts.push(sim.inspect(t.name, p.partition, offset));
    }
  }
  return JSON.stringify(parts);
}

/** Plays both ways side by side; returns whether the batched run ever batched (its hash moved). */
function playBoth(scenario: Scenario, everyMs: number): boolean {
  const batched = createSimulation(scenario.config, { batching: true });
  const timers = createSimulation(scenario.config, { batching: false });
  const both = [batched, timers];
  const compare = (when: string) => {
    expect(observe(batched), when).toBe(observe(timers));
  };
  const runTo = (t: number) => {
    while (batched.now + everyMs <= t) {
      for (const sim of both) sim.advance(everyMs);
      compare(`at ${batched.now} ms`);
    }
    for (const sim of both) sim.advanceTo(t);
  };
  for (const { at, action } of scenario.timeline) {
    runTo(at);
    const outcomes = both.map((sim) => {
      try {
        sim.apply(action);
        return 'applied';
      } catch (e) {
        if (!(e instanceof SimulationError)) throw e;
        return e.message;
      }
    });
    expect(outcomes[0], `${action.type} at ${at} ms`).toBe(outcomes[1]);
    compare(`after ${action.type} at ${at} ms`);
  }
  runTo(scenario.endMs);
  compare(`at the end, ${scenario.endMs} ms`);
  return batched.traceHash() !== timers.traceHash();
}

/** The arbitraries' setups, with jitter (batching needs it) and either client. */
function withJitter(
  scenario: Scenario,
  jitter: number,
  client: 'java' | 'kafkajs',
  concurrency: number,
): Scenario {
  const config = scenario.config as SimulationConfigInput & {
    apps: Record<string, unknown>[];
  };
  return {
    ...scenario,
    config: {
      ...config,
      apps: config.apps.map((a) => ({
        ...a,
        jitter,
        client,
        assignor: client === 'kafkajs' ? 'kafkajs-roundrobin' : a['assignor'],
        partitionsConsumedConcurrently: client === 'kafkajs' ? concurrency : 1,
      })),
    } as SimulationConfigInput,
  };
}

const setupArb = (keyedOnly: boolean) =>
  fc
    .tuple(
      scenarioArb({ keyedOnly }),
      fc.constantFrom(0, 0.05, 0.2, 0.5),
      fc.constantFrom('java' as const, 'kafkajs' as const),
      fc.constantFrom(1, 1, 2),
      fc.constantFrom(37, 250, 1000),
    )
    .map(([s, jitter, client, concurrency, everyMs]) => ({
      scenario: withJitter(s, jitter, client, concurrency),
      everyMs,
    }));

describe('batched consumption', () => {
  it('shows exactly what one timer per record shows: keyed setups, any action', () => {
    let batchedRuns = 0;
    fc.assert(
      fc.property(setupArb(true), ({ scenario, everyMs }) => {
        if (playBoth(scenario, everyMs)) batchedRuns++;
      }),
      RUNS,
    );
    // The comparison means something only if batches ran: most keyed setups batch.
    expect(batchedRuns).toBeGreaterThan(RUNS.numRuns / 4);
  });

  it('shows exactly what one timer per record shows: key-less, poison, added partitions', () => {
    fc.assert(
      fc.property(setupArb(false), ({ scenario, everyMs }) => {
        playBoth(scenario, everyMs);
      }),
      { ...RUNS, numRuns: 25 },
    );
  });

  it('the same when records arrive at the same instant (producers at equal rates)', () => {
    for (const client of ['java', 'kafkajs'] as const) {
      for (const mode of ['after-processing', 'before-processing'] as const) {
        const config: SimulationConfigInput = {
          seed: 11,
          topics: [{ name: TOPIC, partitions: 5 }],
          producers: [0, 1, 2].map((i) => ({
            id: `p${i}`,
            topic: TOPIC,
            ratePerSec: 40,
            keys: { mode: 'keyed' as const, count: 20 },
          })),
          apps: [
            {
              id: 'a',
              topics: [TOPIC],
              instances: 2,
              processingMs: 3,
              jitter: 0.4,
              client,
              assignor: client === 'kafkajs' ? 'kafkajs-roundrobin' : 'range',
              commit: { mode },
            },
          ],
        };
        const scenario: Scenario = { config, timeline: [], endMs: 6000 };
        expect(playBoth(scenario, 97)).toBe(true);
      }
    }
  });

  it('the same in a fork taken mid-batch, and at the step-by-step event moments', () => {
    const config: SimulationConfigInput = {
      seed: 3,
      topics: [{ name: TOPIC, partitions: 6 }],
      producers: [{ id: 'p', topic: TOPIC, ratePerSec: 300, keys: { mode: 'keyed', count: 50 } }],
      apps: [{ id: 'a', topics: [TOPIC], instances: 3, processingMs: 8, jitter: 0.3 }],
    };
    const batched = createSimulation(config, { batching: true });
    const timers = createSimulation(config, { batching: false });
    for (const sim of [batched, timers]) sim.advance(2345.6);
    const forks = [batched.fork(), timers.fork()];
    for (const sim of [...forks, batched, timers]) sim.advance(1000);
    expect(observe(forks[0]!)).toBe(observe(forks[1]!));
    expect(observe(batched)).toBe(observe(forks[0]!));
    // Stepping from event to event visits the same moments (records ending included).
    for (let i = 0; i < 200; i++) {
      const next = batched.nextEventAt();
      expect(next).toBe(timers.nextEventAt());
      batched.advanceTo(next);
      timers.advanceTo(next);
      expect(batched.traceLength()).toBe(timers.traceLength());
    }
    expect(observe(batched)).toBe(observe(timers));
    expect(batched.traceHash()).not.toBe(timers.traceHash()); // it did batch
  });
});
