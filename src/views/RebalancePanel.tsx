import type { GroupSnapshot, RebalanceProtocol, TopicPartition } from '../model/index';
import { useLab } from '../store/context';
import { awaitedPolls } from './awaited-polls';
import { formatSeconds } from './format-seconds';

/** What each protocol does to consumption (kafka-semantics §3). */
const PROTOCOL_TEXT: Record<RebalanceProtocol, string> = {
  eager: 'eager: every member stops and revokes everything',
  cooperative: 'cooperative: only moved partitions pause, over two rebalances',
  consumer: 'KIP-848 (Kafka 3.7+): each member reconciles on its own heartbeats',
};

const sameParts = (a: readonly TopicPartition[], b: readonly TopicPartition[]) =>
  a.length === b.length && a.every(([t, p]) => b.some(([u, q]) => u === t && q === p));

/** Shown rebalances per group: the latest few, newest first. */
const SHOWN = 5;

/**
 * What rebalances cost: per member and per partition, how long nothing was
 * consumed because of membership, and the latest rebalances with what moved.
 */
export function RebalancePanel() {
  const groups = useLab((s) => s.panel.groups);
  const now = useLab((s) => s.panel.time);
  return (
    <div className="rebalance-panel" tabIndex={0} aria-label="Rebalance cost">
      {groups.map((g) => (
        <GroupCost key={g.groupId} group={g} now={now} />
      ))}
    </div>
  );
}

function GroupCost({ group, now }: { readonly group: GroupSnapshot; readonly now: number }) {
  const c = group.counters;
  const recent = group.rebalances.slice(-SHOWN).reverse();
  const paused = group.partitions.filter((p) => p.pausedMs > 0);
  return (
    <section className="group-cost" data-testid="rebalance-cost" data-group={group.groupId}>
      <h3>
        {group.groupId} <span className="muted">· {group.assignor}</span>
      </h3>
      <p className="protocol">{PROTOCOL_TEXT[group.protocol]}</p>
      <dl className="facts">
        <div>
          <dt>state</dt>
          <dd>{group.state}</dd>
        </div>
        <div>
          <dt>rebalances</dt>
          <dd data-testid="rebalances">{c.rebalances}</dd>
        </div>
        <div className={c.evictions > 0 ? 'alert' : undefined}>
          <dt>evicted</dt>
          <dd data-testid="evictions">{c.evictions}</dd>
        </div>
        <div className={c.failedCommits > 0 ? 'alert' : undefined}>
          <dt>failed commits</dt>
          <dd>{c.failedCommits}</dd>
        </div>
      </dl>
      {group.rebalance && (
        <p className="ongoing">
          Rebalancing for {formatSeconds(now - group.rebalance.startedAt)}:{' '}
          {group.rebalance.reasons.join('; ')}
        </p>
      )}
      {awaitedPolls(group).map((m) => (
        <p key={m.memberId} className="ongoing" data-testid="waiting-for-poll">
          Waiting for {m.memberId}: it rejoins at its next poll(), after the {m.pollRemaining}{' '}
          records its last poll returned (max.poll.records).
        </p>
      ))}
      <table className="describe">
        <caption>Time each member consumed nothing</caption>
        <thead>
          <tr>
            <th>MEMBER</th>
            <th>STATUS</th>
            <th>PARTITIONS</th>
            <th>PAUSED</th>
          </tr>
        </thead>
        <tbody>
          {group.members.map((m) => (
            <tr key={m.memberId} data-member={m.memberId}>
              <td>
                {m.memberId}
                {m.instanceId && <span className="muted"> ({m.instanceId})</span>}
              </td>
              <td>
                {m.status}
                {m.sessionExpiresAt !== null && (
                  <span className="muted">
                    {' '}
                    · session ends in {formatSeconds(m.sessionExpiresAt - now)}
                  </span>
                )}
              </td>
              <td>
                {m.assignment.map(([, p]) => p).join(', ') || '-'}
                {group.protocol === 'consumer' && !sameParts(m.assignment, m.target) && (
                  // KIP-848: where this member is reconciling to.
                  <span className="muted"> → {m.target.map(([, p]) => p).join(', ') || '-'}</span>
                )}
              </td>
              <td>{formatSeconds(m.pausedMs)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="partition-pauses" data-testid="partition-pauses">
        <span className="muted">Partitions paused: </span>
        {paused.length === 0
          ? 'none'
          : paused.map((p) => `${p.topic}-${p.partition} ${formatSeconds(p.pausedMs)}`).join(' · ')}
      </p>
      {recent.length > 0 && (
        <table className="describe">
          <caption>Latest rebalances</caption>
          <thead>
            <tr>
              <th>GEN</th>
              <th>AT</th>
              <th>TOOK</th>
              <th>MOVED</th>
              <th>PAUSED</th>
              <th>WHY</th>
            </tr>
          </thead>
          <tbody>
            {recent.map((r) => (
              <tr key={`${r.generation}-${r.startedAt}`}>
                <td>{r.generation}</td>
                <td>{formatSeconds(r.startedAt)}</td>
                <td>{formatSeconds(r.endedAt - r.startedAt)}</td>
                <td>{r.moved}</td>
                <td>{r.paused}</td>
                <td className="why">{r.reasons.join('; ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
