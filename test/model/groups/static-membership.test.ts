/**
 * Static membership (group.instance.id, Java; kafka-semantics §7 "Clean
 * close()": static members send no LeaveGroup, so their partitions wait out
 * the session timeout; an instance back within it takes them over with no
 * rebalance). Java orders static members first, by instance id (§3).
 */
import { describe, expect, it } from 'vitest';
import type { AssignorName, GroupSnapshot } from '../../../src/model/index';
import { groupSim, memberOf, partitionsOf, theGroup } from './helpers';

const SESSION = 45_000;

function lastRebalanceStart(g: GroupSnapshot): number | undefined {
  return g.rebalance?.startedAt ?? g.rebalances.at(-1)?.startedAt;
}

/** A static group of 2 (6 partitions, 50 records/s); app-2 is closed at 5 s and goes away. */
function awayRun(assignor: AssignorName = 'range') {
  const sim = groupSim({ app: { assignor, staticMembership: true } });
  sim.advance(5000);
  const held = partitionsOf(theGroup(sim), 'app-2');
  sim.apply({ type: 'stopConsumer', memberId: 'app-2' });
  sim.advance(1000);
  const expiresAt = memberOf(theGroup(sim), 'app-2').sessionExpiresAt;
  if (expiresAt === null) throw new Error('app-2 has no session running out');
  return { sim, held, expiresAt };
}

describe('group.instance.id (kafka-semantics §7)', () => {
  it('static instances are named `${appId}-instance-${n}`; dynamic ones have none', () => {
    const sim = groupSim({ app: { instances: 3, staticMembership: true } });
    expect(theGroup(sim).members.map((m) => [m.memberId, m.instanceId])).toEqual([
      ['app-1', 'app-instance-1'],
      ['app-2', 'app-instance-2'],
      ['app-3', 'app-instance-3'],
    ]);
    const dynamic = groupSim({ app: { instances: 2 } });
    expect(theGroup(dynamic).members.map((m) => m.instanceId)).toEqual([null, null]);
  });

  it('Java range orders static members by instance id, not member id (kafka-semantics §3)', () => {
    // app-1 (instance-1) leaves for good; app-3 later reuses instance-1 and sorts first.
    const sim = groupSim({ app: { staticMembership: true, sessionTimeoutMs: 6000 } });
    sim.advance(2000);
    sim.apply({ type: 'stopConsumer', memberId: 'app-1' });
    sim.advance(20_000);
    sim.apply({ type: 'addConsumer', appId: 'app' });
    sim.advance(10_000);
    const g = theGroup(sim);
    expect(memberOf(g, 'app-3').instanceId).toBe('app-instance-1');
    expect(partitionsOf(g, 'app-3')).toEqual([0, 1, 2]);
    expect(partitionsOf(g, 'app-2')).toEqual([3, 4, 5]);
  });
});

describe('a closed static member sends no LeaveGroup (kafka-semantics §7)', () => {
  it('it is away and its session runs out sessionTimeoutMs after the close', () => {
    const { sim, expiresAt } = awayRun();
    const g = theGroup(sim);
    expect(memberOf(g, 'app-2').status).toBe('away');
    // Closed at 5000, after at most its 20 ms record in hand.
    expect(expiresAt).toBeGreaterThanOrEqual(5000 + SESSION);
    expect(expiresAt).toBeLessThanOrEqual(5020 + SESSION);
  });

  it('its partitions wait, unconsumed, with no rebalance until the session times out', () => {
    const { sim, held, expiresAt } = awayRun();
    sim.advanceTo(20_000);
    const early = theGroup(sim);
    sim.advanceTo(expiresAt - 1);
    const late = theGroup(sim);
    for (const g of [early, late]) {
      expect(g.state).toBe('Stable');
      expect(g.generation).toBe(1);
      expect(g.counters.rebalances).toBe(0);
      expect(partitionsOf(g, 'app-2')).toEqual(held);
    }
    for (const p of held) {
      expect(late.partitions[p]!.consumerId).toBe('app-2');
      expect(late.partitions[p]!.pausedMs).toBeGreaterThan(early.partitions[p]!.pausedMs);
      expect(late.partitions[p]!.pausedMs).toBe(expiresAt - 1 - (expiresAt - SESSION));
      expect(late.partitions[p]!.lag!).toBeGreaterThan(early.partitions[p]!.lag!);
    }
    // The other member's partitions never stopped.
    for (const p of partitionsOf(late, 'app-1')) expect(late.partitions[p]!.pausedMs).toBe(0);

    sim.advanceTo(expiresAt);
    const g = theGroup(sim);
    expect(g.counters.rebalances).toBe(1);
    expect(lastRebalanceStart(g)).toBe(expiresAt);
    expect(g.rebalance?.reasons ?? g.rebalances.at(-1)?.reasons).toContain(
      'app-2 session timed out',
    );
  });

  it.each(['range', 'cooperative-sticky', 'kip848-uniform'] as const)(
    '%s: an instance back within the timeout takes over the same partitions with no rebalance',
    (assignor) => {
      const { sim, held } = awayRun(assignor);
      sim.advanceTo(20_000);
      const before = theGroup(sim);
      sim.apply({ type: 'addConsumer', appId: 'app' });
      let g = theGroup(sim);
      expect(g.members.map((m) => m.memberId)).toEqual(['app-1', 'app-3']);
      expect(memberOf(g, 'app-3').instanceId).toBe('app-instance-2');
      expect(partitionsOf(g, 'app-3')).toEqual(held);
      expect(g.generation).toBe(before.generation);
      expect(g.counters.rebalances).toBe(0);
      expect(g.state).toBe('Stable');

      sim.advance(20_000);
      g = theGroup(sim);
      expect(g.generation).toBe(before.generation);
      expect(g.counters.rebalances).toBe(0);
      expect(partitionsOf(g, 'app-3')).toEqual(held);
      for (const p of held) {
        expect(g.partitions[p]!.consumerId).toBe('app-3');
        // The pause ended at the takeover and the backlog was worked off.
        expect(g.partitions[p]!.pausedMs).toBe(before.partitions[p]!.pausedMs);
        expect(g.partitions[p]!.lag!).toBeLessThan(before.partitions[p]!.lag!);
      }
      // It resumed from the committed offsets: nothing processed twice, nothing lost.
      expect(g.counters.duplicates).toBe(0);
      expect(g.counters.lost).toBe(0);
      expect(memberOf(g, 'app-3').processed).toBeGreaterThan(0);
    },
  );

  it('after the timeout the group rebalances; a later instance joins normally', () => {
    const { sim, held, expiresAt } = awayRun();
    sim.advanceTo(expiresAt + 5000);
    let g = theGroup(sim);
    expect(g.generation).toBe(2);
    expect(g.members.map((m) => m.memberId)).toEqual(['app-1']);
    for (const p of held) expect(g.partitions[p]!.consumerId).toBe('app-1');

    sim.apply({ type: 'addConsumer', appId: 'app' });
    sim.advance(10_000);
    g = theGroup(sim);
    expect(g.counters.rebalances).toBe(2);
    expect(g.generation).toBe(3);
    // The freed instance id is reused.
    expect(memberOf(g, 'app-3').instanceId).toBe('app-instance-2');
  });

  it('a dynamic member closed the same way leaves at once (contrast)', () => {
    const sim = groupSim();
    sim.advance(5000);
    sim.apply({ type: 'stopConsumer', memberId: 'app-2' });
    sim.advance(1000);
    const g = theGroup(sim);
    expect(g.counters.rebalances).toBe(1);
    expect(g.members.map((m) => m.memberId)).toEqual(['app-1']);
  });
});
