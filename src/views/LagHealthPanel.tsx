import type { GroupSnapshot, PartitionHealth } from '../model/index';
import { useLab } from '../store/context';
import { formatSeconds } from './format-seconds';

const seconds = (ms: number | null) => (ms === null ? '-' : formatSeconds(ms));

/** What each Burrow status means (kafka-semantics §4, "Burrow"). */
const MEANING: Record<PartitionHealth, string> = {
  OK: 'caught up at some commit, or lag not growing',
  WARN: 'lag grew at every recent commit',
  STALL: 'commits keep the same offset while lag stays',
  STOP: 'no commit for longer than the recent commits span',
  REWIND: 'the committed offset went backwards',
};

/**
 * Lag as monitoring sees it, next to the truth: Burrow's status from the
 * recent commits, and kafka-lag-exporter's time lag (interpolated from log
 * ends it samples every 30 s) beside the exact time lag the simulator knows.
 */
export function LagHealthPanel() {
  const groups = useLab((s) => s.panel.groups);
  return (
    <div className="health-panel" tabIndex={0} aria-label="Lag health">
      {groups.map((g) => (
        <GroupHealthRows key={g.groupId} group={g} />
      ))}
    </div>
  );
}

function GroupHealthRows({ group }: { readonly group: GroupSnapshot }) {
  return (
    <section data-testid="lag-health" data-group={group.groupId}>
      <h3>
        {group.groupId}{' '}
        <span className={`health health-${group.health ?? 'OK'}`} data-testid="group-health">
          Burrow: {group.health ?? '-'}
        </span>
      </h3>
      <table className="describe">
        <thead>
          <tr>
            <th>PARTITION</th>
            <th>LAG</th>
            <th>BURROW</th>
            <th title="now − append time of the oldest record not committed">TIME LAG (exact)</th>
            <th title="kafka-lag-exporter: interpolated from log ends sampled every 30 s">
              ESTIMATE (exporter)
            </th>
          </tr>
        </thead>
        <tbody>
          {group.partitions.map((p) => (
            <tr key={`${p.topic}-${p.partition}`}>
              <td>
                {p.topic}-{p.partition}
              </td>
              <td>{p.lag ?? '-'}</td>
              <td title={p.health ? MEANING[p.health] : 'no commits yet: not evaluated'}>
                <span className={p.health ? `health health-${p.health}` : 'muted'}>
                  {p.health ?? '-'}
                </span>
              </td>
              <td>{seconds(p.timeLagMs)}</td>
              <td>{seconds(p.estimatedTimeLagMs)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
