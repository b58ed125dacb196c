import fc from 'fast-check';
import type { Action, CommitMode, SimulationConfigInput } from '../../../src/model/index';

export const TOPIC = 'events';

export interface ScenarioOptions {
  /** Only keyed producers, all with one partitioner, and no partition growth. */
  readonly keyedOnly?: boolean;
  readonly commit?: CommitMode;
  readonly allowAddPartitions?: boolean;
}

export interface TimedAction {
  readonly at: number;
  readonly action: Action;
}

export interface Scenario {
  readonly config: SimulationConfigInput;
  readonly timeline: readonly TimedAction[];
  readonly endMs: number;
}

const commitArb: fc.Arbitrary<CommitMode> = fc.oneof(
  fc.constant<CommitMode>({ mode: 'after-processing' }),
  fc.constant<CommitMode>({ mode: 'before-processing' }),
  fc
    .integer({ min: 100, max: 3000 })
    .map<CommitMode>((intervalMs) => ({ mode: 'auto', intervalMs })),
);

/** Random small setups and timelines of actions that are valid when applied. */
export function scenarioArb(options: ScenarioOptions = {}): fc.Arbitrary<Scenario> {
  const partitioner = options.keyedOnly
    ? fc.constantFrom('kafkajs-default' as const, 'java-uniform-sticky' as const)
    : fc.constantFrom('kafkajs-default', 'kafkajs-legacy', 'java-sticky', 'java-uniform-sticky');
  return fc
    .record({
      seed: fc.integer({ min: 0, max: 0xffffffff }),
      partitions: fc.integer({ min: 1, max: 8 }),
      producers: fc.array(
        fc.record({
          rate: fc.integer({ min: 0, max: 60 }),
          keyed: options.keyedOnly ? fc.constant(true) : fc.boolean(),
          count: fc.integer({ min: 1, max: 30 }),
          zipf: fc.boolean(),
          poison: fc.constantFrom(0, 0, 0.05),
        }),
        { minLength: 1, maxLength: 3 },
      ),
      sharedPartitioner: partitioner,
      apps: fc.array(
        fc.record({
          instances: fc.integer({ min: 0, max: 5 }),
          processingMs: fc.integer({ min: 1, max: 200 }),
          commit: options.commit ? fc.constant(options.commit) : commitArb,
          fromBeginning: fc.boolean(),
          assignor: fc.constantFrom(
            'range' as const,
            'roundrobin' as const,
            'kafkajs-roundrobin' as const,
          ),
          deadLetter: fc.boolean(),
          sessionTimeoutMs: fc.integer({ min: 6000, max: 12_000 }),
          sharedGroup: fc.boolean(),
        }),
        { minLength: 1, maxLength: 3 },
      ),
      retention: fc.record({
        maxRecords: fc.integer({ min: 20, max: 400 }),
        segmentRecords: fc.integer({ min: 1, max: 20 }),
      }),
      steps: fc.array(
        fc.record({
          gap: fc.integer({ min: 0, max: 4000 }),
          kind: fc.integer({ min: 0, max: 9 }),
          pick: fc.nat(),
          value: fc.integer({ min: 0, max: 80 }),
        }),
        { maxLength: 12 },
      ),
      tail: fc.integer({ min: 1000, max: 15_000 }),
    })
    .map((r) => {
      const appIds = r.apps.map((_, i) => `app${i}`);
      const config: SimulationConfigInput = {
        seed: r.seed,
        topics: [{ name: TOPIC, partitions: r.partitions, retention: r.retention }],
        producers: r.producers.map((p, i) => ({
          id: `p${i}`,
          topic: TOPIC,
          ratePerSec: p.rate,
          keys: {
            mode: p.keyed ? 'keyed' : 'none',
            count: p.count,
            distribution: p.zipf ? 'zipf' : 'uniform',
          },
          partitioner: r.sharedPartitioner,
          poisonRate: p.poison,
        })),
        apps: r.apps.map((a, i) => ({
          id: appIds[i]!,
          // Apps that share a groupId must share an assignor; app0's group is the shared one.
          groupId: a.sharedGroup && i > 0 ? 'app0' : appIds[i]!,
          topics: [TOPIC],
          instances: a.instances,
          processingMs: a.processingMs,
          commit: a.commit,
          fromBeginning: a.fromBeginning,
          assignor: a.sharedGroup && i > 0 ? r.apps[0]!.assignor : a.assignor,
          onFailure: a.deadLetter
            ? { policy: 'dead-letter', retries: 1 }
            : { policy: 'retry-forever' },
          sessionTimeoutMs: a.sessionTimeoutMs,
        })),
      };
      let at = 0;
      let partitions = r.partitions;
      const memberSerial = r.apps.map((a) => a.instances);
      const timeline: TimedAction[] = [];
      for (const step of r.steps) {
        at += step.gap;
        const appIndex = step.pick % r.apps.length;
        const appId = appIds[appIndex]!;
        // Members are named `${appId}-${n}`; naming a member that already left is rejected and skipped.
        const memberId = `${appId}-${1 + (step.value % Math.max(1, memberSerial[appIndex]!))}`;
        let action: Action | null = null;
        switch (step.kind) {
          case 0:
            if (options.allowAddPartitions !== false && !options.keyedOnly && partitions < 16) {
              partitions += 1 + (step.value % 4);
              action = { type: 'addPartitions', topic: TOPIC, partitions };
            }
            break;
          case 1:
            memberSerial[appIndex]!++;
            action = { type: 'addConsumer', appId };
            break;
          case 2:
            action = { type: 'crashConsumer', memberId };
            break;
          case 3:
            action = { type: 'stopConsumer', memberId };
            break;
          case 4:
            action = {
              type: 'updateProducer',
              producerId: `p${step.pick % r.producers.length}`,
              changes: { ratePerSec: step.value },
            };
            break;
          case 5:
            action = { type: 'updateApp', appId, changes: { processingMs: 1 + step.value * 3 } };
            break;
          case 6:
            action = options.keyedOnly
              ? { type: 'produce', topic: TOPIC, key: String(step.value % 7) }
              : { type: 'produce', topic: TOPIC, key: null, value: `v${step.value}` };
            break;
          case 7:
            action = { type: 'updateApp', appId, changes: { instances: step.value % 4 } };
            memberSerial[appIndex]! += step.value % 4;
            break;
          default:
            action = null;
        }
        if (action) timeline.push({ at, action });
      }
      return { config, timeline, endMs: at + r.tail };
    });
}
