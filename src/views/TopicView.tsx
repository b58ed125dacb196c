import type { TopicSnapshot } from '../model/index';

/** A topic as its partitions' logs: offsets from log start to log end, newest records. */
export function TopicView({ topic }: { readonly topic: TopicSnapshot }) {
  return (
    <section
      className="topic"
      data-testid="topic"
      data-topic={topic.name}
      aria-label={`Topic ${topic.name}`}
    >
      <h2>
        Topic <code>{topic.name}</code>
        {topic.role === 'dead-letter' && <span className="badge">dead-letter</span>}
      </h2>
      <ol className="partitions">
        {topic.partitions.map((p) => (
          <li
            key={p.partition}
            className="partition"
            data-testid="partition"
            data-partition={p.partition}
          >
            <span className="partition-name">Partition {p.partition}</span>
            <span className="offsets">
              log start <b>{p.logStartOffset}</b> · log end <b>{p.logEndOffset}</b>
            </span>
            <ol className="records" aria-label={`Newest records of partition ${p.partition}`}>
              {p.records.map((r) => (
                <li
                  key={r.offset}
                  className="record"
                  title={`offset ${r.offset}, key ${r.key ?? 'none'}`}
                >
                  <span className="record-offset">{r.offset}</span>
                  <span className="record-key">{r.key ?? '∅'}</span>
                </li>
              ))}
            </ol>
          </li>
        ))}
      </ol>
    </section>
  );
}
