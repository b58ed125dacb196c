import { describe, expect, it } from 'vitest';
import {
  createSimulation,
  defaultConfig,
  partitionForKey,
  SimulationError,
} from '../../src/model/index';
import { group, member, setup } from './support/sim';

describe('default setup (the one-page guide)', () => {
  it('has topic user-events with 3 partitions, one keyed producer and one group', () => {
    const sim = createSimulation(defaultConfig());
    sim.advance(30_000);
    const s = sim.snapshot();
    expect(s.topics.map((t) => [t.name, t.partitions.length])).toEqual([['user-events', 3]]);
    expect(s.producers).toHaveLength(1);
    expect(s.producers[0]!.keys.mode).toBe('keyed');
    expect(s.groups).toHaveLength(1);
    expect(s.totals.produced).toBe(120);
    // Every partition receives keys, and the one consumer keeps up.
    for (const p of s.topics[0]!.partitions) expect(p.logEndOffset).toBeGreaterThan(0);
    expect(group(s, 'notifier').totalLag).toBeLessThanOrEqual(3);
  });
});

describe('keyed records: same key → same partition (kafka-semantics §1)', () => {
  it('puts every record on murmur2(key) % N', () => {
    const sim = setup();
    sim.advance(10_000);
    for (const p of sim.snapshot({ recordsPerPartition: 1000 }).topics[0]!.partitions) {
      for (const r of p.records) expect(partitionForKey(r.key!, 3)).toBe(p.partition);
    }
  });

  it('an explicit partition wins over the key; one outside the topic is rejected', () => {
    const sim = setup({ producers: [] });
    sim.apply({ type: 'produce', topic: 'orders', key: '1', partition: 2 });
    expect(sim.snapshot().topics[0]!.partitions[2]!.records[0]!.key).toBe('1');
    expect(() => sim.apply({ type: 'produce', topic: 'orders', key: '1', partition: 3 })).toThrow(
      /Invalid partition given with record: 3 is not in the range \[0\.\.\.3\)/,
    );
  });

  it('kafkajs-legacy places keys by its own hash', () => {
    const sim = setup({
      producers: [
        {
          id: 'p',
          topic: 'orders',
          ratePerSec: 50,
          keys: { mode: 'keyed', count: 30 },
          partitioner: 'kafkajs-legacy',
        },
      ],
    });
    sim.advance(5_000);
    const s = sim.snapshot({ recordsPerPartition: 1000 });
    const moved = s.topics[0]!.partitions.some((p) =>
      p.records.some((r) => partitionForKey(r.key!, 3) !== p.partition),
    );
    expect(moved).toBe(true);
  });
});

describe('adding partitions (kafka-semantics §5)', () => {
  it('remaps keys, and a backlog then breaks per-key order', () => {
    const sim = setup({
      apps: [{ id: 'app', topics: ['orders'], instances: 1, processingMs: 80, jitter: 0 }],
    });
    sim.advance(20_000);
    expect(sim.snapshot().totals.orderingViolations).toBe(0);
    const preview = sim.previewAddPartitions('orders', 6);
    expect(preview.keys).toBe(12);
    expect(preview.moved).toBeGreaterThan(0);
    sim.apply({ type: 'addPartitions', topic: 'orders', partitions: 6 });
    sim.advance(60_000);
    const s = sim.snapshot();
    expect(s.topics[0]!.partitions).toHaveLength(6);
    expect(s.totals.orderingViolations).toBeGreaterThan(0);
  });

  it('producers keep the old count until their metadata refresh', () => {
    const sim = setup({ cluster: { metadataMaxAgeMs: 10_000 } });
    sim.advance(10_001);
    sim.apply({ type: 'addPartitions', topic: 'orders', partitions: 12 });
    sim.advance(9_000);
    const early = sim.snapshot().topics[0]!.partitions.slice(3);
    expect(early.every((p) => p.logEndOffset === 0)).toBe(true);
    sim.advance(20_000);
    expect(
      sim
        .snapshot()
        .topics[0]!.partitions.slice(3)
        .some((p) => p.logEndOffset > 0),
    ).toBe(true);
  });

  it('rejects an equal or smaller count with Kafka’s words and changes nothing', () => {
    const sim = setup();
    sim.advance(1000);
    const before = sim.traceHash();
    expect(() => sim.apply({ type: 'addPartitions', topic: 'orders', partitions: 3 })).toThrow(
      'Topic already has 3 partition(s).',
    );
    expect(() => sim.apply({ type: 'addPartitions', topic: 'orders', partitions: 2 })).toThrow(
      'The topic orders currently has 3 partition(s); 2 would not be an increase.',
    );
    expect(sim.traceHash()).toBe(before);
    expect(sim.snapshot().topics[0]!.partitions).toHaveLength(3);
  });

  it('with fromBeginning=false, records on a new partition before the group picks it up are skipped', () => {
    const sim = setup({ cluster: { metadataMaxAgeMs: 4000 } });
    sim.advance(4001);
    sim.apply({ type: 'addPartitions', topic: 'orders', partitions: 6 });
    sim.advance(30_000);
    expect(group(sim.snapshot()).counters.skipped).toBeGreaterThan(0);
  });
});

describe('key-less records (kafka-semantics §2)', () => {
  it('kafkajs round-robin spreads them evenly and loses per-entity order across consumers', () => {
    const sim = setup({
      producers: [{ id: 'p', topic: 'orders', ratePerSec: 30, keys: { mode: 'none', count: 5 } }],
      apps: [{ id: 'app', topics: ['orders'], instances: 3, processingMs: 90, jitter: 0.5 }],
    });
    sim.advance(30_000);
    const s = sim.snapshot({ recordsPerPartition: 0 });
    const ends = s.topics[0]!.partitions.map((p) => p.logEndOffset);
    expect(Math.max(...ends) - Math.min(...ends)).toBeLessThanOrEqual(1);
    expect(s.totals.orderingViolations).toBeGreaterThan(0);
  });

  it('the Java sticky partitioner sends runs of records to one partition', () => {
    const sim = setup({
      producers: [
        {
          id: 'p',
          topic: 'orders',
          ratePerSec: 200,
          keys: { mode: 'none', count: 5 },
          partitioner: 'java-uniform-sticky',
          batchSize: 2000,
        },
      ],
    });
    sim.advance(1_000);
    const partitions = sim.snapshot({ recordsPerPartition: 1000 }).topics[0]!.partitions;
    // 2000-byte batches of 100-byte records: switches every 20 records.
    const records = partitions
      .flatMap((p) => p.records.map((r) => ({ p: p.partition, t: r.timestamp })))
      .sort((a, b) => a.t - b.t);
    let switches = 0;
    for (let i = 1; i < records.length; i++) if (records[i]!.p !== records[i - 1]!.p) switches++;
    expect(records.length).toBe(200);
    expect(switches).toBeLessThanOrEqual(10);
  });
});

describe('partition count caps parallel consumers', () => {
  it('members beyond the partition count get nothing', () => {
    const sim = setup({ apps: [{ id: 'app', topics: ['orders'], instances: 5 }] });
    sim.advance(1000);
    const members = group(sim.snapshot()).members;
    expect(members.map((m) => m.assignment.length).sort()).toEqual([0, 0, 1, 1, 1]);
  });
});

describe('lag = log end offset − committed offset (kafka-semantics §4)', () => {
  it('is null (“-”) with no committed offset, not 0', () => {
    const sim = setup({ producers: [] });
    sim.advance(1000);
    const rows = group(sim.snapshot()).partitions;
    expect(
      rows.every((r) => r.currentOffset === null && r.lag === null && r.timeLagMs === null),
    ).toBe(true);
    expect(group(sim.snapshot()).totalLag).toBeNull();
  });

  it('grows when producers outpace consumers, and more consumers fix it', () => {
    const sim = setup({
      producers: [{ id: 'p', topic: 'orders', ratePerSec: 30, keys: { mode: 'keyed', count: 50 } }],
      apps: [{ id: 'app', topics: ['orders'], instances: 1, processingMs: 60, jitter: 0 }],
    });
    sim.advance(30_000);
    const slow = group(sim.snapshot()).totalLag!;
    expect(slow).toBeGreaterThan(200);
    for (const r of group(sim.snapshot()).partitions)
      expect(r.lag).toBe(r.logEndOffset - r.currentOffset!);
    sim.apply({ type: 'updateApp', appId: 'app', changes: { instances: 3 } });
    sim.advance(60_000);
    expect(group(sim.snapshot()).totalLag!).toBeLessThan(slow);
    expect(group(sim.snapshot()).maxTimeLagMs!).toBeGreaterThanOrEqual(0);
  });

  it('keeps a bounded lag series', () => {
    const sim = setup({ cluster: { sampleIntervalMs: 100, seriesLength: 50 } });
    sim.advance(60_000);
    const series = sim.lagSeries('app');
    expect(series.times).toHaveLength(50);
    expect(series.times.at(-1)).toBe(60_000);
    expect(group(sim.snapshot()).samples).toBe(601);
    expect(series.partitionLag).toHaveLength(3);
    expect(series.partitionLag[0]).toHaveLength(50);
  });
});

describe('rebalances, crashes and clean leaves (kafka-semantics §3, §7)', () => {
  it('an eager rebalance stops every member until it completes', () => {
    const sim = setup({
      apps: [{ id: 'app', topics: ['orders'], instances: 2, processingMs: 10 }],
      cluster: { rebalanceMs: 2000 },
    });
    sim.advance(5000);
    sim.apply({ type: 'addConsumer', appId: 'app' });
    sim.advance(500);
    const g = group(sim.snapshot());
    expect(g.state).not.toBe('Stable');
    expect(g.rebalance?.reasons).toContain('app-3 joined');
    expect(g.partitions.every((p) => p.consumerId === null)).toBe(true);
    sim.advance(3000);
    expect(group(sim.snapshot()).state).toBe('Stable');
    expect(group(sim.snapshot()).generation).toBe(2);
  });

  it('a crashed member keeps its partitions until session.timeout.ms, then they move', () => {
    const sim = setup({
      apps: [
        { id: 'app', topics: ['orders'], instances: 2, processingMs: 10, sessionTimeoutMs: 10_000 },
      ],
    });
    sim.advance(5000);
    sim.apply({ type: 'crashConsumer', memberId: 'app-1' });
    sim.advance(9000);
    let s = sim.snapshot();
    expect(member(s, 'app-1').status).toBe('crashed');
    expect(member(s, 'app-1').sessionExpiresAt).toBe(15_000);
    const stuck = group(s).partitions.filter((p) => p.consumerId === 'app-1');
    expect(stuck.length).toBeGreaterThan(0);
    expect(stuck.some((p) => p.lag! > 10)).toBe(true);
    sim.advance(10_000);
    s = sim.snapshot();
    expect(group(s).members.map((m) => m.memberId)).toEqual(['app-2']);
    expect(group(s).partitions.every((p) => p.consumerId === 'app-2')).toBe(true);
  });

  it('committing before processing loses the record in hand on a crash', () => {
    const sim = setup({
      apps: [
        {
          id: 'app',
          topics: ['orders'],
          instances: 2,
          processingMs: 100,
          jitter: 0,
          commit: { mode: 'before-processing' },
          sessionTimeoutMs: 6000,
        },
      ],
    });
    sim.advance(5050);
    sim.apply({ type: 'crashConsumer', memberId: 'app-1' });
    sim.advance(20_000);
    const c = group(sim.snapshot()).counters;
    expect(c.lost).toBe(1);
    expect(c.duplicates).toBe(0);
  });

  it('auto-commit duplicates what was processed since the last commit on a crash', () => {
    const sim = setup({
      apps: [
        {
          id: 'app',
          topics: ['orders'],
          instances: 2,
          processingMs: 10,
          jitter: 0,
          commit: { mode: 'auto', intervalMs: 5000 },
          sessionTimeoutMs: 6000,
        },
      ],
    });
    sim.advance(9000);
    sim.apply({ type: 'crashConsumer', memberId: 'app-1' });
    sim.advance(20_000);
    const c = group(sim.snapshot()).counters;
    expect(c.duplicates).toBeGreaterThan(0);
    expect(c.lost).toBe(0);
  });

  it('a clean stop leaves at once and commits first (no duplicates)', () => {
    const sim = setup({
      apps: [
        {
          id: 'app',
          topics: ['orders'],
          instances: 2,
          processingMs: 10,
          commit: { mode: 'auto', intervalMs: 5000 },
        },
      ],
    });
    sim.advance(7000);
    sim.apply({ type: 'stopConsumer', memberId: 'app-2' });
    sim.advance(5000);
    const g = group(sim.snapshot());
    expect(g.members.map((m) => m.memberId)).toEqual(['app-1']);
    expect(g.counters.duplicates).toBe(0);
  });
});

describe('poison records', () => {
  const poison = (onFailure: object) =>
    setup({
      producers: [{ id: 'p', topic: 'orders', ratePerSec: 10, keys: { mode: 'keyed', count: 12 } }],
      apps: [{ id: 'app', topics: ['orders'], instances: 1, processingMs: 20, onFailure } as never],
    });

  it('retry-forever stalls the consumer and lag grows', () => {
    const sim = poison({ policy: 'retry-forever' });
    sim.advance(2000);
    sim.apply({ type: 'produce', topic: 'orders', key: '1', poison: true });
    sim.advance(20_000);
    const g = group(sim.snapshot());
    expect(g.totalLag!).toBeGreaterThan(150);
    expect(g.members[0]!.inFlight[0]!.attempt).toBeGreaterThan(100);
  });

  it('dead-letter moves it to <topic>.dlq after N retries and carries on', () => {
    const sim = poison({ policy: 'dead-letter', retries: 3 });
    sim.advance(2000);
    sim.apply({ type: 'produce', topic: 'orders', key: '1', value: 'bad', poison: true });
    sim.advance(20_000);
    const s = sim.snapshot();
    expect(group(s).counters.deadLettered).toBe(1);
    const dlq = s.topics.find((t) => t.name === 'orders.dlq')!;
    expect(dlq.role).toBe('dead-letter');
    expect(dlq.partitions[0]!.records.map((r) => [r.key, r.value])).toEqual([['1', 'bad']]);
    expect(group(s).totalLag!).toBeLessThanOrEqual(2);
  });
});

describe('groups (kafka-semantics §7)', () => {
  it('two apps reusing one groupId split the partitions: each record reaches one app', () => {
    const sim = setup({
      partitions: 4,
      apps: [
        { id: 'billing', groupId: 'shared', topics: ['orders'], instances: 1, processingMs: 5 },
        { id: 'emails', groupId: 'shared', topics: ['orders'], instances: 1, processingMs: 5 },
      ],
    });
    sim.advance(20_000);
    const s = sim.snapshot();
    expect(s.groups).toHaveLength(1);
    const [a, b] = group(s, 'shared').members;
    expect(a!.assignment.length + b!.assignment.length).toBe(4);
    expect(a!.processed + b!.processed).toBe(group(s, 'shared').counters.processed);
    expect(a!.processed).toBeGreaterThan(0);
    expect(b!.processed).toBeGreaterThan(0);
  });

  it('apps sharing a groupId must share an assignor', () => {
    expect(() =>
      setup({
        apps: [
          { id: 'a', groupId: 'g', topics: ['orders'], assignor: 'range' },
          { id: 'b', groupId: 'g', topics: ['orders'], assignor: 'roundrobin' },
        ],
      }),
    ).toThrow(
      expect.objectContaining({
        code: 'INCONSISTENT_GROUP_PROTOCOL',
        path: 'config.apps[1].assignor',
      }),
    );
  });

  it('kafkajs: the leader deals its own topics; a member that does not subscribe skips them', () => {
    const sim = createSimulation({
      topics: [
        { name: 'orders', partitions: 2 },
        { name: 'payments', partitions: 2 },
      ],
      producers: [{ id: 'p', topic: 'payments', ratePerSec: 10 }],
      apps: [
        { id: 'a', groupId: 'g', topics: ['orders'], assignor: 'kafkajs-roundrobin' },
        { id: 'b', groupId: 'g', topics: ['payments'], assignor: 'kafkajs-roundrobin' },
      ],
    });
    sim.advance(10_000);
    const g = group(sim.snapshot(), 'g');
    expect(g.leaderId).toBe('a-1');
    expect(member(sim.snapshot(), 'b-1').ignored).toEqual([['orders', 1]]);
    // Nobody consumes payments: the leader did not subscribe to it.
    expect(
      g.partitions.filter((p) => p.topic === 'payments').every((p) => p.consumerId === null),
    ).toBe(true);
  });

  it('fan-out: each group gets every record', () => {
    const sim = setup({
      apps: [
        { id: 'app', topics: ['orders'], processingMs: 5 },
        { id: 'search', topics: ['orders'], processingMs: 5, instances: 2 },
      ],
    });
    sim.advance(10_000);
    const s = sim.snapshot();
    expect(group(s, 'app').counters.processed).toBeGreaterThan(190);
    expect(group(s, 'search').counters.processed).toBeGreaterThan(190);
  });

  it('replay: reset offsets of an inactive group to earliest reprocesses the log', () => {
    const sim = setup();
    sim.advance(10_000);
    expect(() =>
      sim.apply({ type: 'resetOffsets', groupId: 'app', topic: 'orders', to: 'earliest' }),
    ).toThrow(expect.objectContaining({ code: 'NON_EMPTY_GROUP' }));
    sim.apply({ type: 'removeApp', appId: 'app' });
    sim.advance(1000);
    sim.apply({ type: 'resetOffsets', groupId: 'app', topic: 'orders', to: 'earliest' });
    expect(group(sim.snapshot()).totalLag).toBeGreaterThan(200);
    sim.apply({
      type: 'addApp',
      app: { id: 'app2', groupId: 'app', topics: ['orders'], processingMs: 2 },
    });
    sim.advance(10_000);
    const g = group(sim.snapshot());
    expect(g.counters.duplicates).toBe(0);
    expect(g.totalLag).toBeLessThanOrEqual(2);
  });
});

describe('retention (kafka-semantics §5)', () => {
  it('deletes whole segments, oldest first, and keeps memory to the window', () => {
    const sim = setup({
      topics: [
        { name: 'orders', partitions: 1, retention: { maxRecords: 100, segmentRecords: 30 } },
      ],
      producers: [{ id: 'p', topic: 'orders', ratePerSec: 100 }],
    });
    sim.advance(10_000);
    const p = sim.snapshot({ recordsPerPartition: 10_000 }).topics[0]!.partitions[0]!;
    expect(p.logEndOffset).toBe(1000);
    expect(p.logStartOffset % 30).toBe(0);
    expect(p.logEndOffset - p.logStartOffset).toBeLessThanOrEqual(100 + 30);
    expect(p.records).toHaveLength(p.logEndOffset - p.logStartOffset);
  });
});

describe('bad input is rejected with a located error and changes nothing', () => {
  const cases: [string, unknown, string, string][] = [
    [
      'negative rate',
      { producers: [{ id: 'p', ratePerSec: -1 }], topics: [{ name: 't' }] },
      'INVALID_CONFIG',
      'config.producers[0].ratePerSec',
    ],
    [
      'zero partitions',
      { topics: [{ name: 't', partitions: 0 }] },
      'INVALID_PARTITIONS',
      'config.topics[0].partitions',
    ],
    [
      'bad topic name',
      { topics: [{ name: 'foo bar' }] },
      'INVALID_TOPIC_EXCEPTION',
      'config.topics[0].name',
    ],
    [
      'colliding names',
      { topics: [{ name: 'a.b' }, { name: 'a_b' }] },
      'INVALID_TOPIC_EXCEPTION',
      'config.topics[1].name',
    ],
    [
      'unknown strategy',
      { topics: [{ name: 't' }], apps: [{ id: 'a', assignor: 'sticky-ish' }] },
      'UNKNOWN_ASSIGNOR',
      'config.apps[0].assignor',
    ],
    [
      'typo in a field',
      { topics: [{ name: 't', partitons: 3 }] },
      'INVALID_CONFIG',
      'config.topics[0].partitons',
    ],
    [
      'unknown topic',
      { topics: [{ name: 't' }], producers: [{ id: 'p', topic: 'nope' }] },
      'UNKNOWN_TOPIC_OR_PARTITION',
      'config.producers[0].topic',
    ],
  ];
  it.each(cases)('config: %s', (_name, config, code, path) => {
    expect(() => createSimulation(config)).toThrow(expect.objectContaining({ code, path }));
  });

  const actions: [string, unknown, string, string][] = [
    ['unknown type', { type: 'explode' }, 'INVALID_ACTION', 'action.type'],
    [
      'unknown member',
      { type: 'crashConsumer', memberId: 'ghost' },
      'UNKNOWN_MEMBER_ID',
      'action.memberId',
    ],
    [
      'unknown producer',
      { type: 'updateProducer', producerId: 'x', changes: { ratePerSec: 1 } },
      'UNKNOWN_PRODUCER',
      'action.producerId',
    ],
    [
      'negative rate',
      { type: 'updateProducer', producerId: 'p', changes: { ratePerSec: -5 } },
      'INVALID_ACTION',
      'action.changes.ratePerSec',
    ],
    [
      'reducing partitions',
      { type: 'addPartitions', topic: 'orders', partitions: 1 },
      'INVALID_PARTITIONS',
      'action.partitions',
    ],
    [
      'bad topic name',
      { type: 'createTopic', topic: { name: '..' } },
      'INVALID_TOPIC_EXCEPTION',
      'action.topic.name',
    ],
    [
      'colliding topic',
      { type: 'createTopic', topic: { name: 'ord.ers' } },
      'INVALID_TOPIC_EXCEPTION',
      'action.topic.name',
    ],
    ['unknown app', { type: 'addConsumer', appId: 'nope' }, 'UNKNOWN_APP', 'action.appId'],
    [
      'unknown strategy',
      { type: 'addApp', app: { id: 'z', assignor: 'magic' } },
      'UNKNOWN_ASSIGNOR',
      'action.app.assignor',
    ],
    [
      'missing field',
      { type: 'addPartitions', topic: 'orders' },
      'INVALID_ACTION',
      'action.partitions',
    ],
  ];
  it.each(actions)('action: %s', (_name, action, code, path) => {
    const sim = setup({ topics: [{ name: 'orders', partitions: 3 }, { name: 'ord_ers' }] });
    sim.advance(3000);
    const hash = sim.traceHash();
    const snapshot = JSON.stringify(sim.snapshot());
    let error: unknown;
    try {
      sim.apply(action as never);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SimulationError);
    expect(error).toMatchObject({ code, path });
    expect(sim.traceHash()).toBe(hash);
    expect(JSON.stringify(sim.snapshot())).toBe(snapshot);
  });

  it('advance rejects negative or non-finite time', () => {
    const sim = setup();
    expect(() => sim.advance(-1)).toThrow(SimulationError);
    expect(() => sim.advance(Number.NaN)).toThrow(SimulationError);
  });
});

describe('determinism', () => {
  it('splitting advance() differently gives the same trace', () => {
    const a = setup();
    const b = setup();
    a.advance(30_000);
    for (let i = 0; i < 300; i++) b.advance(100);
    expect(a.traceHash()).toBe(b.traceHash());
  });

  it('a different seed gives a different trace', () => {
    const a = setup({ seed: 1 });
    const b = setup({ seed: 2 });
    a.advance(5000);
    b.advance(5000);
    expect(a.traceHash()).not.toBe(b.traceHash());
  });
});

describe('inspecting a record', () => {
  it('says who processed it and when, and whether it is committed', () => {
    const sim = setup({
      apps: [
        { id: 'app', topics: ['orders'], instances: 1, processingMs: 10, jitter: 0 },
        { id: 'slow', topics: ['orders'], instances: 1, processingMs: 5000, jitter: 0 },
      ],
    });
    sim.advance(5000);
    const p = sim.snapshot().topics[0]!.partitions.find((x) => x.logEndOffset > 3)!;
    const seen = sim.inspect('orders', p.partition, 1)!;
    expect(seen.record.offset).toBe(1);
    const app = seen.groups.find((g) => g.groupId === 'app')!;
    expect(app.status).toBe('processed');
    expect(app.committed).toBe(true);
    expect(app.processedBy[0]!.memberId).toBe('app-1');
    expect(app.processedBy[0]!.at).toBeGreaterThan(seen.record.timestamp);
    expect(seen.groups.find((g) => g.groupId === 'slow')!.status).toBe('waiting');
    expect(sim.inspect('orders', p.partition, p.logEndOffset)).toBeNull();
    expect(() => sim.inspect('orders', 9, 0)).toThrow(SimulationError);
  });
});
