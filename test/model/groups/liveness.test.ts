/**
 * Group membership and liveness (kafka-semantics §7): Java heartbeats from a
 * background thread and leaves the group when poll() is not called within
 * max.poll.interval.ms; kafkajs heartbeats only from its loop, so a handler
 * longer than the session timeout gets the member evicted. A crash is noticed
 * after session.timeout.ms; a clean close sends LeaveGroup at once.
 */
import { describe, expect, it } from 'vitest';
import {
  createSimulation,
  SimulationError,
  type Action,
  type GroupSnapshot,
  type Simulation,
  type SimulationConfigInput,
} from '../../../src/model/index';
import { groupSim, memberOf, partitionsOf, theGroup, TOPIC } from './helpers';

/** When the latest rebalance began: the one in progress, else the last logged. */
function lastRebalanceStart(g: GroupSnapshot): number | undefined {
  return g.rebalance?.startedAt ?? g.rebalances.at(-1)?.startedAt;
}

function lastReasons(g: GroupSnapshot): readonly string[] {
  return g.rebalance?.reasons ?? g.rebalances.at(-1)?.reasons ?? [];
}

/** The SimulationError a call throws (fails the test if it throws nothing or something else). */
function rejection(f: () => unknown): SimulationError {
  try {
    f();
  } catch (e) {
    if (e instanceof SimulationError) return e;
    throw e;
  }
  throw new Error('expected a SimulationError');
}

/** `n` records on partition 0, produced now. */
function burst(sim: Simulation, n: number): void {
  for (let i = 0; i < n; i++) {
    const action: Action = { type: 'produce', topic: TOPIC, key: `k${i}`, partition: 0 };
    sim.apply(action);
  }
}

/** Who processed a record in the (only) group, in order. */
function processedBy(sim: Simulation, offset: number): string[] {
  const view = sim.inspect(TOPIC, 0, offset)?.groups[0];
  return view ? view.processedBy.map((p) => p.memberId) : [];
}

/** One consumer on one partition, no producer: records come from `burst`. */
function single(app: NonNullable<SimulationConfigInput['apps']>[number]): Simulation {
  return createSimulation({
    seed: 5,
    topics: [{ name: TOPIC, partitions: 1 }],
    producers: [],
    apps: [{ topics: [TOPIC], instances: 1, jitter: 0, ...app }],
  });
}

describe('client defaults (kafka-semantics §7 table)', () => {
  it('Java: session 45000, heartbeat 3000, max.poll.interval 300000, max.poll.records 500', () => {
    const sim = groupSim();
    expect(sim.config.apps[0]).toMatchObject({
      client: 'java',
      sessionTimeoutMs: 45_000,
      heartbeatIntervalMs: 3000,
      maxPollIntervalMs: 300_000,
      maxPollRecords: 500,
      staticMembership: false,
    });
  });

  it('kafkajs: sessionTimeout 30000, rebalanceTimeout 60000, heartbeatInterval 3000', () => {
    const sim = groupSim({ app: { client: 'kafkajs', assignor: 'kafkajs-roundrobin' } });
    expect(sim.config.apps[0]).toMatchObject({
      client: 'kafkajs',
      sessionTimeoutMs: 30_000,
      rebalanceTimeoutMs: 60_000,
      heartbeatIntervalMs: 3000,
    });
  });

  it('a heartbeat left out stays at most a third of the session timeout', () => {
    const sim = groupSim({ app: { sessionTimeoutMs: 6000 } });
    expect(sim.config.apps[0]!.heartbeatIntervalMs).toBe(2000);
  });
});

describe('a dead consumer is noticed after session.timeout.ms (kafka-semantics §7)', () => {
  it.each([
    ['java', 'range', 45_000],
    ['kafkajs', 'kafkajs-roundrobin', 30_000],
  ] as const)(
    '%s: the rebalance starts exactly sessionTimeoutMs after the crash',
    (client, assignor, session) => {
      const sim = groupSim({ app: { client, assignor } });
      sim.advance(5000);
      const held = partitionsOf(theGroup(sim), 'app-2');
      expect(held.length).toBeGreaterThan(0);
      sim.apply({ type: 'crashConsumer', memberId: 'app-2' });
      expect(memberOf(theGroup(sim), 'app-2').sessionExpiresAt).toBe(5000 + session);

      sim.advanceTo(5000 + session - 1);
      let g = theGroup(sim);
      expect(g.counters.rebalances).toBe(0);
      expect(g.state).toBe('Stable');
      expect(memberOf(g, 'app-2').status).toBe('crashed');
      // Its partitions stay assigned to it, unconsumed, the whole time.
      expect(partitionsOf(g, 'app-2')).toEqual(held);
      for (const p of held) {
        expect(g.partitions[p]!.consumerId).toBe('app-2');
        expect(g.partitions[p]!.pausedMs).toBe(session - 1);
      }

      sim.advanceTo(5000 + session);
      g = theGroup(sim);
      expect(g.counters.rebalances).toBe(1);
      expect(lastRebalanceStart(g)).toBe(5000 + session);
      expect(lastReasons(g)).toContain('app-2 session timed out');

      sim.advance(10_000);
      g = theGroup(sim);
      expect(g.members.map((m) => m.memberId)).toEqual(['app-1']);
      expect(g.partitions.every((p) => p.consumerId === 'app-1')).toBe(true);
    },
  );

  it('a clean stop sends LeaveGroup: the rebalance starts once the record in hand is done', () => {
    const sim = groupSim({ app: { processingMs: 20 } });
    sim.advance(5000);
    sim.apply({ type: 'stopConsumer', memberId: 'app-2' });
    sim.advance(100);
    const g = theGroup(sim);
    expect(g.counters.rebalances).toBe(1);
    const started = lastRebalanceStart(g)!;
    expect(started).toBeGreaterThanOrEqual(5000);
    expect(started).toBeLessThanOrEqual(5020);
    expect(lastReasons(g)).toContain('app-2 left the group');
  });

  it('a clean stop of an idle member rebalances at that very instant', () => {
    const sim = groupSim({ ratePerSec: 0 });
    sim.advance(5000);
    sim.apply({ type: 'stopConsumer', memberId: 'app-1' });
    const g = theGroup(sim);
    expect(g.counters.rebalances).toBe(1);
    expect(lastRebalanceStart(g)).toBe(5000);
  });
});

describe('Java: max.poll.records × processing beyond max.poll.interval.ms (kafka-semantics §7)', () => {
  // The first poll returns the one record there is; the next (at 200 ms) the 10 that have
  // arrived meanwhile (max.poll.records): 2000 ms of work before the next poll, over the
  // 1000 ms allowed, so the poll times out at 200 + 1000.
  const slow = () =>
    single({ id: 'app', processingMs: 200, maxPollRecords: 10, maxPollIntervalMs: 1000 });

  it('the member leaves the group at lastPoll + max.poll.interval.ms', () => {
    const sim = slow();
    burst(sim, 30);
    sim.advanceTo(1199);
    expect(theGroup(sim).counters.evictions).toBe(0);
    sim.advanceTo(1200);
    const g = theGroup(sim);
    expect(g.counters.evictions).toBe(1);
    expect(memberOf(g, 'app-1').status).toBe('evicted');
    expect(g.counters.rebalances).toBe(1);
    expect(lastReasons(g).join()).toContain('max.poll.interval.ms');
    // It still has the record in hand (offset 6, started at 1200).
    expect(memberOf(g, 'app-1').inFlight.map((f) => f.offset)).toEqual([6]);
  });

  it('its commit of the record in hand fails, it rejoins as a new member, and the record is processed twice', () => {
    const sim = slow();
    burst(sim, 30);
    sim.advanceTo(1399);
    expect(theGroup(sim).counters.failedCommits).toBe(0);
    sim.advanceTo(1400);
    let g = theGroup(sim);
    expect(g.counters.failedCommits).toBe(1);
    expect(g.partitions[0]!.currentOffset).toBe(6);
    expect(g.members.map((m) => m.memberId)).toEqual(['app-2']);
    sim.advanceTo(6000);
    g = theGroup(sim);
    expect(g.counters.duplicates).toBeGreaterThanOrEqual(1);
    expect(processedBy(sim, 6)).toEqual(['app-1', 'app-2']);
    // Offsets the first member committed are not processed again.
    expect(processedBy(sim, 5)).toEqual(['app-1']);
  });

  it('a poll returns only what is there: a small backlog polls often and is never evicted', () => {
    // Just over 1 record/s of 1000 ms: a backlog of a few records builds and the consumer is
    // never idle, but each poll holds only that backlog, never 500 records (500 s > 60 s).
    const sim = createSimulation({
      seed: 5,
      topics: [{ name: TOPIC, partitions: 1 }],
      producers: [{ id: 'p', topic: TOPIC, ratePerSec: 1.02, keys: { mode: 'keyed', count: 5 } }],
      apps: [
        {
          id: 'app',
          topics: [TOPIC],
          instances: 1,
          jitter: 0,
          processingMs: 1000,
          maxPollIntervalMs: 60_000,
        },
      ],
    });
    sim.advance(90_000);
    const g = theGroup(sim);
    expect(g.totalLag).toBeGreaterThanOrEqual(2);
    expect(g.counters).toMatchObject({ evictions: 0, failedCommits: 0 });
  });

  it('with max.poll.records × processing under the interval nobody is evicted', () => {
    const sim = single({
      id: 'app',
      processingMs: 200,
      maxPollRecords: 4,
      maxPollIntervalMs: 1000,
    });
    burst(sim, 30);
    sim.advanceTo(20_000);
    const g = theGroup(sim);
    expect(g.counters).toMatchObject({
      evictions: 0,
      failedCommits: 0,
      rebalances: 0,
      duplicates: 0,
      processed: 30,
    });
  });
});

describe('kafkajs: a handler longer than sessionTimeout (kafka-semantics §7)', () => {
  const kafkajs = (processingMs: number) =>
    single({
      id: 'app',
      client: 'kafkajs',
      assignor: 'kafkajs-roundrobin',
      processingMs,
      fromBeginning: true,
    });

  it('evicts the member at lastHeartbeat + sessionTimeout; its commit fails and it rejoins', () => {
    const sim = kafkajs(40_000);
    sim.advanceTo(7000);
    burst(sim, 5); // taken at once: its loop's last heartbeat is now
    sim.advanceTo(36_999);
    expect(theGroup(sim).counters.evictions).toBe(0);
    sim.advanceTo(37_000);
    let g = theGroup(sim);
    expect(g.counters.evictions).toBe(1);
    expect(memberOf(g, 'app-1').status).toBe('evicted');
    expect(lastRebalanceStart(g)).toBe(37_000);
    sim.advanceTo(47_000);
    g = theGroup(sim);
    expect(g.counters.failedCommits).toBe(1);
    expect(g.members.map((m) => m.memberId)).toEqual(['app-2']);
    // Nothing was committed, so the new member starts over at offset 0 (fromBeginning) and,
    // its handler being just as slow, is evicted in turn: each one processes record 0 again.
    sim.advanceTo(150_000);
    g = theGroup(sim);
    expect(processedBy(sim, 0).slice(0, 3)).toEqual(['app-1', 'app-2', 'app-3']);
    expect(g.counters.duplicates).toBeGreaterThanOrEqual(2);
    expect(g.counters.evictions).toBeGreaterThanOrEqual(3);
    expect(g.partitions[0]!.currentOffset).toBeNull();
  });

  it('a handler shorter than sessionTimeout is never evicted, however long the backlog', () => {
    const sim = kafkajs(20_000);
    sim.advanceTo(7000);
    burst(sim, 5); // 100 s of work in all, 20 s per record
    sim.advanceTo(300_000);
    const g = theGroup(sim);
    expect(g.counters).toMatchObject({ evictions: 0, rebalances: 0, duplicates: 0, processed: 5 });
    expect(g.members.map((m) => m.memberId)).toEqual(['app-1']);
  });

  it('Java with the same 40 s handler is not evicted: heartbeats come from a background thread', () => {
    const sim = single({ id: 'app', processingMs: 40_000, fromBeginning: true });
    sim.advanceTo(7000);
    burst(sim, 5);
    sim.advanceTo(300_000);
    expect(theGroup(sim).counters.evictions).toBe(0);
  });
});

describe('liveness settings are validated with a located error (kafka-semantics §7)', () => {
  const config = (app: Record<string, unknown>): SimulationConfigInput => ({
    topics: [{ name: TOPIC }],
    apps: [{ id: 'app', topics: [TOPIC], ...app }],
  });

  it.each([
    [{ sessionTimeoutMs: 5999 }, 'INVALID_SESSION_TIMEOUT'],
    [{ sessionTimeoutMs: 1_800_001 }, 'INVALID_SESSION_TIMEOUT'],
  ])(
    'a session timeout outside the broker bounds (6000–1800000 ms) is refused: %j',
    (app, code) => {
      const e = rejection(() =>
        createSimulation({
          topics: [{ name: TOPIC }],
          apps: [{ id: 'app', topics: [TOPIC], ...app }],
        }),
      );
      expect(e.code).toBe(code);
      expect(e.path).toBe('config.apps[0].sessionTimeoutMs');
      expect(e.message).toMatch(/group\.min\.session\.timeout\.ms/);
    },
  );

  it.each([
    [{ heartbeatIntervalMs: 45_000 }, 'config.apps[0].heartbeatIntervalMs'],
    [{ heartbeatIntervalMs: 50_000 }, 'config.apps[0].heartbeatIntervalMs'],
    [{ sessionTimeoutMs: 6000, heartbeatIntervalMs: 6000 }, 'config.apps[0].heartbeatIntervalMs'],
    [
      {
        client: 'kafkajs',
        assignor: 'range',
        sessionTimeoutMs: 10_000,
        heartbeatIntervalMs: 10_000,
      },
      'config.apps[0].heartbeatIntervalMs',
    ],
  ])('heartbeatIntervalMs ≥ sessionTimeoutMs is rejected: %j', (app, path) => {
    const e = rejection(() => createSimulation(config(app)));
    expect(e.code).toBe('INVALID_CONFIG');
    expect(e.path).toBe(path);
    expect(e.detail).toMatch(/must be lower than sessionTimeoutMs/);
  });

  it('updateApp with heartbeat ≥ session is rejected and changes nothing', () => {
    const sim = groupSim();
    const before = sim.config.apps[0];
    const e = rejection(() =>
      sim.apply({ type: 'updateApp', appId: 'app', changes: { heartbeatIntervalMs: 45_000 } }),
    );
    expect(e).toMatchObject({ code: 'INVALID_CONFIG', path: 'action.changes.heartbeatIntervalMs' });
    expect(sim.config.apps[0]).toEqual(before);
  });

  it.each(['cooperative-sticky', 'kip848-uniform', 'kip848-range'])(
    'kafkajs with %s is rejected: INCONSISTENT_GROUP_PROTOCOL',
    (assignor) => {
      const e = rejection(() => createSimulation(config({ client: 'kafkajs', assignor })));
      expect(e.code).toBe('INCONSISTENT_GROUP_PROTOCOL');
      expect(e.path).toBe('config.apps[0].assignor');
    },
  );

  it.each(['range', 'roundrobin', 'sticky', 'kafkajs-roundrobin'])(
    'kafkajs with the eager %s is accepted',
    (assignor) => {
      expect(() => createSimulation(config({ client: 'kafkajs', assignor }))).not.toThrow();
    },
  );

  it('a kafkajs group cannot switch to a cooperative or KIP-848 assignor, by any route', () => {
    const sim = groupSim({ app: { client: 'kafkajs', assignor: 'range' } });
    for (const assignor of ['cooperative-sticky', 'kip848-range'] as const) {
      const e = rejection(() => sim.apply({ type: 'setAssignor', groupId: 'app', assignor }));
      expect(e).toMatchObject({ code: 'INCONSISTENT_GROUP_PROTOCOL', path: 'action.assignor' });
    }
    const coop = groupSim({ app: { assignor: 'cooperative-sticky' } });
    const e = rejection(() =>
      coop.apply({ type: 'updateApp', appId: 'app', changes: { client: 'kafkajs' } }),
    );
    expect(e).toMatchObject({
      code: 'INCONSISTENT_GROUP_PROTOCOL',
      path: 'action.changes.assignor',
    });
    expect(coop.config.apps[0]!.client).toBe('java');
    expect(theGroup(sim).assignor).toBe('range');
  });

  it('kafkajs with staticMembership is rejected (it has no group.instance.id)', () => {
    const e = rejection(() =>
      createSimulation(config({ client: 'kafkajs', staticMembership: true })),
    );
    expect(e).toMatchObject({ code: 'INVALID_CONFIG', path: 'config.apps[0].staticMembership' });
    const sim = groupSim({ app: { client: 'kafkajs', assignor: 'range' } });
    const e2 = rejection(() =>
      sim.apply({ type: 'updateApp', appId: 'app', changes: { staticMembership: true } }),
    );
    expect(e2.path).toBe('action.changes.staticMembership');
    expect(sim.config.apps[0]!.staticMembership).toBe(false);
  });
});
