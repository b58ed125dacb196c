import { useId } from 'react';
import { useLab } from '../store/context';
import { formatCount } from './format-count';
import { useHighlights } from './useHighlights';

const COUNTERS = [
  ['produced', 'Produced', 'Records written to the topic.'],
  [
    'processed',
    'Consumed',
    'Records processed successfully, summed over groups (duplicates included).',
  ],
  [
    'orderingViolations',
    'Out of order',
    'Records processed after a later record about the same key.',
  ],
  ['duplicates', 'Duplicates', 'Records a group processed again: at-least-once after a crash.'],
  ['lost', 'Lost', 'Records committed past but never processed: at-most-once after a crash.'],
  [
    'skipped',
    'Skipped',
    'Records never processed because of an offset reset (retention, or "latest").',
  ],
  ['deadLettered', 'Dead-lettered', 'Poison records moved to the dead-letter topic.'],
] as const;

/** The run's outcome counters, each with a one-line explanation on hover or focus. */
export function Counters() {
  const totals = useLab((s) => s.panel.totals);
  const highlights = useHighlights();
  return (
    <dl className="counters" aria-label="Counters">
      {COUNTERS.map(([field, label, help]) => (
        <Counter
          key={field}
          label={label}
          help={help}
          value={totals[field]}
          alert={field !== 'produced' && field !== 'processed' && totals[field] > 0}
          highlighted={highlights.has(`counter:${field}`)}
        />
      ))}
    </dl>
  );
}

function Counter({
  label,
  help,
  value,
  alert,
  highlighted,
}: {
  label: string;
  help: string;
  value: number;
  alert: boolean;
  highlighted: boolean;
}) {
  const id = useId();
  return (
    <div
      className={`counter${alert ? ' alert' : ''}${highlighted ? ' highlighted' : ''}`}
      tabIndex={0}
      aria-describedby={id}
      data-testid={`counter-${label}`}
    >
      <dt>{label}</dt>
      <dd>{formatCount(value)}</dd>
      <span role="tooltip" id={id} className="tooltip">
        {help}
      </span>
    </div>
  );
}
