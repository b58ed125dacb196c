import type { GroupSnapshot } from '../model/index';

const dash = (n: number | null) => (n === null ? '-' : String(n));

/** A consumer group exactly as `kafka-consumer-groups --describe` prints it. */
export function GroupTable({ group }: { readonly group: GroupSnapshot }) {
  return (
    <section
      className="group"
      data-testid="group"
      data-group={group.groupId}
      aria-label={`Group ${group.groupId}`}
    >
      <h2>
        Group <code>{group.groupId}</code> <span className="badge">{group.state}</span>{' '}
        <span className="muted">
          generation {group.generation} · {group.assignor} · total lag {dash(group.totalLag)}
        </span>
      </h2>
      <table className="describe">
        <thead>
          <tr>
            <th>GROUP</th>
            <th>TOPIC</th>
            <th>PARTITION</th>
            <th>CURRENT-OFFSET</th>
            <th>LOG-END-OFFSET</th>
            <th>LAG</th>
            <th>CONSUMER-ID</th>
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
              <td>{dash(row.lag)}</td>
              <td>{row.consumerId ?? '-'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
