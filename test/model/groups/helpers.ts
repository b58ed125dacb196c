/**
 * Shared setup for the consumer-group tests: one topic `orders`, one keyed
 * producer and one app `app` (members `app-1`, `app-2`, …) whose settings
 * the test chooses.
 */
import {
  createSimulation,
  type ConsumerAppConfigInput,
  type GroupSnapshot,
  type MemberSnapshot,
  type Simulation,
  type SimulationConfigInput,
} from '../../../src/model/index';

export const TOPIC = 'orders';

export interface GroupSetup {
  readonly seed?: number;
  readonly partitions?: number;
  /** Records per second of the one keyed producer (0: no producer). */
  readonly ratePerSec?: number;
  readonly app?: Omit<ConsumerAppConfigInput, 'id'>;
  readonly cluster?: SimulationConfigInput['cluster'];
}

export function groupConfig(setup: GroupSetup = {}): SimulationConfigInput {
  const { seed = 11, partitions = 6, ratePerSec = 50, app = {}, cluster } = setup;
  return {
    seed,
    topics: [{ name: TOPIC, partitions }],
    producers:
      ratePerSec > 0
        ? [{ id: 'p', topic: TOPIC, ratePerSec, keys: { mode: 'keyed', count: 60 } }]
        : [],
    apps: [{ id: 'app', topics: [TOPIC], instances: 2, processingMs: 20, jitter: 0, ...app }],
    ...(cluster ? { cluster } : {}),
  };
}

export function groupSim(setup: GroupSetup = {}): Simulation {
  return createSimulation(groupConfig(setup));
}

/** The only group of a one-app setup. */
export function theGroup(sim: Simulation): GroupSnapshot {
  const g = sim.snapshot({ recordsPerPartition: 0 }).groups[0];
  if (!g) throw new Error('no group');
  return g;
}

export function memberOf(g: GroupSnapshot, memberId: string): MemberSnapshot {
  const m = g.members.find((x) => x.memberId === memberId);
  if (!m) throw new Error(`no member ${memberId} in ${g.members.map((x) => x.memberId).join()}`);
  return m;
}

/** CONSUMER-ID per partition, in partition order. */
export function owners(g: GroupSnapshot): (string | null)[] {
  return g.partitions.map((p) => p.consumerId);
}

/** Partition numbers a member is assigned (one-topic setups). */
export function partitionsOf(g: GroupSnapshot, memberId: string): number[] {
  return memberOf(g, memberId)
    .assignment.map(([, p]) => p)
    .sort((a, b) => a - b);
}

/**
 * Every partition is listed by at most one member (crashed, away and evicted
 * ones included), and a partition's CONSUMER-ID is the member that lists it.
 * Returns the problems found, so a property can report them.
 */
export function ownershipProblems(g: GroupSnapshot): string[] {
  const problems: string[] = [];
  const holder = new Map<string, string>();
  for (const m of g.members) {
    for (const [topic, partition] of m.assignment) {
      const key = `${topic}-${partition}`;
      const other = holder.get(key);
      if (other !== undefined) problems.push(`${key} held by ${other} and ${m.memberId}`);
      holder.set(key, m.memberId);
    }
  }
  for (const p of g.partitions) {
    const key = `${p.topic}-${p.partition}`;
    if (p.consumerId !== null && holder.get(key) !== p.consumerId) {
      problems.push(
        `${key}: CONSUMER-ID ${p.consumerId} but listed by ${holder.get(key) ?? 'none'}`,
      );
    }
  }
  return problems;
}
