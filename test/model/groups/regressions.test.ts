/**
 * Regressions: each a minimal reproduction of a consumer-group bug the
 * independent tests found (now fixed); the assertion states the Kafka
 * behaviour (kafka-semantics §3, §7).
 */
import { describe, expect, it } from 'vitest';
import { createSimulation, type Simulation } from '../../../src/model/index';
import { groupSim, memberOf, ownershipProblems, partitionsOf, theGroup, TOPIC } from './helpers';

/** Advances 1 ms at a time until the group is in `state` (at most `limit` ms). */
function advanceUntilState(sim: Simulation, state: string, limit = 5000): void {
  for (let i = 0; i < limit; i++) {
    if (theGroup(sim).state === state) return;
    sim.advance(1);
  }
  throw new Error(`never reached ${state}`);
}

describe('classic protocol', () => {
  // ClusterConfig.rebalanceMs is "how long a JoinGroup/SyncGroup round takes once every member
  // has rejoined", and eager means nothing is consumed in between (§3): the round takes that
  // long even when every member is idle at the change (no timer may cut it short).
  it('a round takes cluster.rebalanceMs even when every member is idle', () => {
    const sim = groupSim({
      ratePerSec: 0,
      app: { assignor: 'sticky' },
      cluster: { rebalanceMs: 2000 },
    });
    sim.advance(10_000);
    sim.apply({ type: 'addConsumer', appId: 'app' });
    sim.advance(1);
    expect(theGroup(sim).state).not.toBe('Stable');
    sim.advance(5000);
    const [round] = theGroup(sim).rebalances;
    expect(round!.endedAt - round!.startedAt).toBeGreaterThanOrEqual(2000);
  });

  // A member that goes silent during the SyncGroup round (CompletingRebalance) had rejoined, so
  // the coordinator counts it until its session expires (§7) and the assignment includes it:
  // its partitions wait for it, and no two members ever list the same partition. The same holds
  // for a static member closed (away) or evicted (max.poll) in that round.
  it('cooperative: a crash during the SyncGroup round leaves each partition one owner', () => {
    const sim = createSimulation({
      seed: 1,
      topics: [{ name: TOPIC, partitions: 2 }],
      producers: [{ id: 'p', topic: TOPIC, ratePerSec: 10 }],
      apps: [
        {
          id: 'app',
          topics: [TOPIC],
          instances: 1,
          processingMs: 5,
          jitter: 0,
          assignor: 'cooperative-sticky',
        },
      ],
    });
    sim.advanceTo(2000);
    sim.apply({ type: 'addConsumer', appId: 'app' });
    advanceUntilState(sim, 'CompletingRebalance');
    sim.apply({ type: 'crashConsumer', memberId: 'app-1' });
    sim.advance(2000);
    // Model: app-1 (crashed) still lists [0, 1] and app-2 was handed [0, 1] in the same round.
    expect(ownershipProblems(theGroup(sim))).toEqual([]);
  });
});

describe('KIP-848 with static members', () => {
  // A static instance that comes back takes over its predecessor (§7) with the predecessor's
  // target, and reconciles on its own heartbeats whatever the group's state: a partition the
  // predecessor had not acquired yet (it crashed right after joining) still gets consumed.
  it('an instance taking over a member that crashed mid-reconciliation gets its target', () => {
    const sim = createSimulation({
      seed: 1,
      topics: [{ name: TOPIC, partitions: 2 }],
      producers: [{ id: 'p', topic: TOPIC, ratePerSec: 10 }],
      apps: [
        {
          id: 'app',
          topics: [TOPIC],
          instances: 1,
          processingMs: 5,
          jitter: 0,
          assignor: 'kip848-uniform',
          staticMembership: true,
        },
      ],
    });
    sim.advanceTo(2000);
    sim.apply({ type: 'addConsumer', appId: 'app' });
    sim.apply({ type: 'crashConsumer', memberId: 'app-2' });
    sim.advanceTo(5000);
    sim.apply({ type: 'addConsumer', appId: 'app' }); // app-3 takes over app-instance-2
    sim.advanceTo(60_000);
    const g = theGroup(sim);
    expect(memberOf(g, 'app-3').instanceId).toBe('app-instance-2');
    // Model: partition 1 has had no owner since 2 s, its lag grows without end.
    expect(g.partitions.map((p) => p.consumerId)).toEqual(['app-1', 'app-3']);
  });

  // KIP-848: a group whose only members are silent static ones (away, waiting out their
  // sessions) is not empty: when one session expires, its partitions get new targets, and an
  // instance that takes over another silent member reconciles towards them.
  it('a group of away static members still reassigns an expired member’s partitions', () => {
    const sim = groupSim({
      partitions: 4,
      ratePerSec: 10,
      app: { assignor: 'kip848-uniform', staticMembership: true, processingMs: 5 },
    });
    sim.advanceTo(2000);
    const first = partitionsOf(theGroup(sim), 'app-1');
    sim.apply({ type: 'stopConsumer', memberId: 'app-1' });
    sim.advanceTo(3000);
    sim.apply({ type: 'stopConsumer', memberId: 'app-2' });
    sim.advanceTo(47_500); // app-1's session has expired, app-2's has not
    sim.apply({ type: 'addConsumer', appId: 'app' }); // app-3 takes over app-instance-2
    sim.advanceTo(120_000);
    const g = theGroup(sim);
    expect(g.members.map((m) => m.memberId)).toEqual(['app-3']);
    expect(g.state).toBe('Stable');
    for (const p of first) expect(g.partitions[p]!.consumerId).toBe('app-3');
  });
});
