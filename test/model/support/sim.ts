import {
  createSimulation,
  type Simulation,
  type SimulationConfigInput,
  type Snapshot,
} from '../../../src/model/index';

/** A one-topic setup ('orders', `partitions` partitions) with overrides. */
export function setup(
  overrides: Partial<SimulationConfigInput> & { partitions?: number } = {},
): Simulation {
  const { partitions = 3, ...rest } = overrides;
  return createSimulation({
    seed: 7,
    topics: [{ name: 'orders', partitions }],
    producers: [{ id: 'p', topic: 'orders', ratePerSec: 20, keys: { mode: 'keyed', count: 12 } }],
    apps: [{ id: 'app', topics: ['orders'], instances: 1, processingMs: 10, jitter: 0 }],
    ...rest,
  });
}

export function group(s: Snapshot, groupId = 'app') {
  const g = s.groups.find((x) => x.groupId === groupId);
  if (!g) throw new Error(`no group ${groupId}`);
  return g;
}

export function member(s: Snapshot, memberId: string) {
  for (const g of s.groups) {
    const m = g.members.find((x) => x.memberId === memberId);
    if (m) return m;
  }
  throw new Error(`no member ${memberId}`);
}
