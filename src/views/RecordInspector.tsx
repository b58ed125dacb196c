import { useEffect, useRef } from 'react';
import { useLab } from '../store/context';
import { keyColor } from './colors';
import { formatClock } from './TransportBar';

const STATUS: Record<string, string> = {
  processing: 'being processed',
  processed: 'processed',
  behind: 'behind the group’s position (processed or skipped earlier)',
  waiting: 'not reached yet',
};

/** A clicked record: its fields, and what each group did with it. */
export function RecordInspector() {
  const inspection = useLab((s) => s.inspection);
  const close = useLab((s) => s.closeInspection);
  const theme = useLab((s) => s.theme);
  const closeButton = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (inspection) closeButton.current?.focus();
  }, [inspection]);
  if (!inspection) return null;
  const { record } = inspection;
  return (
    <section
      className="inspector"
      role="dialog"
      aria-label={`Record at offset ${record.offset}`}
      onKeyDown={(e) => e.key === 'Escape' && close()}
    >
      <header>
        <h2>
          <span className="swatch" style={{ background: keyColor(record.key, theme) }} />
          {inspection.topic} · partition {inspection.partition} · offset {record.offset}
        </h2>
        <button type="button" ref={closeButton} onClick={close} aria-label="Close record details">
          ×
        </button>
      </header>
      <dl>
        <dt>key</dt>
        <dd>{record.key ?? <em>null (no key)</em>}</dd>
        <dt>value</dt>
        <dd>
          <code>{record.value}</code>
        </dd>
        <dt>timestamp</dt>
        <dd>{formatClock(record.timestamp)}</dd>
        <dt>producer</dt>
        <dd>{record.producerId ?? 'one-off send'}</dd>
        {record.poison && (
          <>
            <dt>poison</dt>
            <dd>fails every processing attempt</dd>
          </>
        )}
      </dl>
      <ul className="inspector-groups">
        {inspection.groups.map((g) => (
          <li key={g.groupId}>
            <b>{g.groupId}</b>: {STATUS[g.status]}
            {g.processedBy.map((p) => ` by ${p.memberId} at ${formatClock(p.at)}`).join(',')}
            {g.committed ? ' · committed' : ' · not committed'}
          </li>
        ))}
      </ul>
    </section>
  );
}
