import { useMemo } from 'react';
import type { EmbedPanel } from '../embed/params';
import { useLab, useLabStore } from '../store/context';
import { Counters } from './Counters';
import { DescribeTable } from './DescribeTable';
import { ErrorBoundary } from './ErrorBoundary';
import { LagBars } from './LagBars';
import { LagChart } from './LagChart';
import { LagHealthPanel } from './LagHealthPanel';
import { RebalancePanel } from './RebalancePanel';
import { Blank, useCycle, usePageLook, useToggle } from './presenter';
import { Stage } from './stage/Stage';
import { useShortcuts } from './useShortcuts';

const BELOW: readonly EmbedPanel[] = ['lag', 'bars', 'table', 'rebalances', 'health', 'counters'];

function Panel({ name }: { readonly name: EmbedPanel }) {
  switch (name) {
    case 'lag':
      return <LagChart />;
    case 'bars':
      return <LagBars />;
    case 'table':
      return <DescribeTable />;
    case 'rebalances':
      return <RebalancePanel />;
    case 'health':
      return <LagHealthPanel />;
    case 'counters':
      return <Counters />;
    default:
      return null;
  }
}

/** The current narration step's caption, in one line at the bottom. */
function Caption() {
  const scenario = useLab((s) => s.scenario);
  const stepIndex = useLab((s) => s.stepIndex);
  const step = scenario.steps[stepIndex];
  return (
    <p className="embed-caption" aria-live="polite" data-testid="narration">
      {step ? (
        <>
          <span className="muted">
            {stepIndex + 1}/{scenario.steps.length}
          </span>{' '}
          {step.caption}
        </>
      ) : (
        scenario.title
      )}
    </p>
  );
}

/**
 * The embed view: no chrome, only the panels asked for, filling its frame
 * (16:9, 4:3 or anything else). The lanes take the room; the other panels
 * share a row under them; the narration runs along the bottom.
 */
export function EmbedApp({ panels }: { readonly panels: readonly EmbedPanel[] }) {
  const store = useLabStore();
  const error = useLab((s) => s.error);
  const clearError = useLab((s) => s.clearError);
  const [blank, toggleBlank] = useToggle();
  // `f`: each of the embed's panels alone in turn (the narration stays), then all again.
  const order = useMemo(() => [null, ...panels.filter((p) => p !== 'narration')], [panels]);
  const [focus, cycleFocus] = useCycle<EmbedPanel>(order);
  // In a slide the clicker's arrows and Space go through the narration.
  useShortcuts(store, { toggleBlank, cycleFocus, clicker: true });
  usePageLook();
  const shown = focus === null ? panels : [focus];
  const below = shown.filter((p) => BELOW.includes(p));
  const lanes = shown.includes('lanes');
  return (
    <div
      className={`embed${lanes ? ' with-lanes' : ''}${below.length > 0 ? ' with-below' : ''}`}
      data-testid="embed"
      data-panels={panels.join(',')}
      data-focus={focus ?? undefined}
    >
      {error && (
        <div role="alert" className="error-banner">
          <span>{error.message}</span>
          <button type="button" onClick={clearError} aria-label="Dismiss error">
            ×
          </button>
        </div>
      )}
      {lanes && (
        <div className="embed-lanes stage-wrap">
          <ErrorBoundary>
            <Stage />
          </ErrorBoundary>
        </div>
      )}
      {below.length > 0 && (
        <div
          className="embed-below"
          style={{ gridTemplateColumns: `repeat(${below.length}, minmax(0, 1fr))` }}
        >
          {below.map((p) => (
            <section key={p} className={`embed-panel embed-${p}`} data-panel={p}>
              <ErrorBoundary>
                <Panel name={p} />
              </ErrorBoundary>
            </section>
          ))}
        </div>
      )}
      {panels.includes('narration') && <Caption />}
      {blank && <Blank onDone={toggleBlank} />}
    </div>
  );
}
