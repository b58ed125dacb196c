import { createSimulation } from './src/model/index.ts';
const sim = createSimulation({ seed: 5, topics: [{ name: 'orders', partitions: 1 }], producers: [], apps: [{ id: 'app', topics: ['orders'], instances: 1, jitter: 0, processingMs: 200, maxPollRecords: 10, maxPollIntervalMs: 1000 }] });
for (let i = 0; i < 30; i++) sim.apply({ type: 'produce', topic: 'orders', key: `k${i}`, partition: 0 });
for (const t of [1199, 1200, 1399, 1400, 6000]) { sim.advanceTo(t); const g = sim.snapshot().groups[0]!; console.log(t, g.counters.evictions, g.counters.failedCommits, g.partitions[0]!.currentOffset, g.members.map(m => `${m.memberId} ${m.status} ${m.inFlight.map(f => f.offset)}`).join(' | ')); }
const v = sim.inspect('orders', 0, 6)?.groups[0]; console.log(v?.processedBy.map(p => p.memberId));
const v5 = sim.inspect('orders', 0, 5)?.groups[0]; console.log(v5?.processedBy.map(p => p.memberId));
