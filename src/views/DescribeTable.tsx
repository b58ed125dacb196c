import type { GroupSnapshot } from '../model/index';
import { useLab } from '../store/context';

const dash = (n: number | null) => (n === null ? '-' : String(n));

/** Every group exactly as `kafka-consumer-groups --describe --group G` prints it. */
export function DescribeTable() {
  const groups = useLab((s) => s.panel.groups);
  return (
    <div className="describe-wrap" tabIndex={0} aria-label="kafka-consumer-groups --describe">
      <p className="command">$ kafka-consumer-groups --describe --all-groups</p>
      {groups.map((g) => (
        <GroupRows key={g.groupId} group={g} />
      ))}
    </div>
  );
}

function GroupRows({ group }: { readonly group: GroupSnapshot }) {
  const apps = new Map(group.members.map((m) => [m.memberId, m.appId]));
  return (
    <>
      {group.members.length === 0 && (
        <p className="command-note">
          Consumer group &apos;{group.groupId}&apos; has no active members.
        </p>
      )}
      <table className="describe" data-testid="describe" data-group={group.groupId}>
        <thead>
          <tr>
            <th>GROUP</th>
            <th>TOPIC</th>
            <th>PARTITION</th>
            <th>CURRENT-OFFSET</th>
            <th>LOG-END-OFFSET</th>
            <th>LAG</th>
            <th>CONSUMER-ID</th>
            <th>HOST</th>
            <th>CLIENT-ID</th>
          </tr>
        </thead>
        <tbody>
          {group.partitions.map((row) => (
            <tr key={`${row.topic}-${row.partition}`}>
              <td>{group.groupId}</td>
              <td>{row.topic}</td>
              <td>{row.partition}</td>
              <td>{dash(row.currentOffset)}</td>
              <td>{row.logEndOffset}</td>
              <td data-testid="lag">{dash(row.lag)}</td>
              <td>{row.consumerId ?? '-'}</td>
              <td>{row.consumerId ? '/127.0.0.1' : '-'}</td>
              <td>{row.consumerId ? (apps.get(row.consumerId) ?? '-') : '-'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
