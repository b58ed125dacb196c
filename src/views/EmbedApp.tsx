import {
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type CSSProperties,
  type RefObject,
} from 'react';
import type { EmbedPanel } from '../embed/params';
import { useLab, useLabStore } from '../store/context';
import { Counters } from './Counters';
import { panelGrid } from './embed-grid';
import { DescribeTable } from './DescribeTable';
import { ErrorBoundary } from './ErrorBoundary';
import { LagBars } from './LagBars';
import { LagChart } from './LagChart';
import { LagHealthPanel } from './LagHealthPanel';
import { RebalancePanel } from './RebalancePanel';
import { Blank, useCycle, usePageLook, useToggle } from './presenter';
import { Stage } from './stage/Stage';
import { useAfterFirstPaint } from './useAfterFirstPaint';
import { useShortcuts } from './useShortcuts';
import { rootFontPx } from './root-font';

const BELOW: readonly EmbedPanel[] = ['lag', 'bars', 'table', 'rebalances', 'health', 'counters'];
/** The narrowest a panel under the lanes gets before the panels wrap (rem), their gap and the
 * row's side padding (styles.css, .embed-below). */
const PANEL_MIN_REM = 14;
const PANEL_GAP_REM = 0.75;
const PANELS_PADDING_REM = 2 * 0.75;

/** The element's width and the root font size (rem grows in presentation mode), kept current. */
function useWidthAndRem(presenting: boolean): [RefObject<HTMLDivElement | null>, number, number] {
  const ref = useRef<HTMLDivElement>(null);
  // The embed fills its frame's width: a first guess from it, so the lanes are first drawn in
  // the rows the panels take (the effect below measures exactly, before the first paint).
  const [size, setSize] = useState(() => ({
    width: document.documentElement.clientWidth,
    rem: rootFontPx(),
  }));
  // Before the first paint, so the panels never show in a layout they are about to leave.
  useLayoutEffect(() => {
    const el = ref.current!;
    const read = () =>
      setSize({
        width: el.getBoundingClientRect().width,
        rem: rootFontPx(),
      });
    read();
    const observer = new ResizeObserver(read);
    observer.observe(el);
    return () => observer.disconnect();
  }, [presenting]);
  return [ref, size.width, size.rem];
}

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
 * share rows under them (see panelGrid); the narration runs along the bottom.
 * `stageFirst`: with the lanes shown, the panels under them come after the
 * first frame (their rows have a set height, so the lanes stay put).
 */
export function EmbedApp({
  panels,
  stageFirst = false,
}: {
  readonly panels: readonly EmbedPanel[];
  readonly stageFirst?: boolean;
}) {
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
  const presenting = useLab((s) => s.presenting);
  const [root, width, rem] = useWidthAndRem(presenting);
  const shown = focus === null ? panels : [focus];
  const below = shown.filter((p) => BELOW.includes(p));
  const lanes = shown.includes('lanes');
  const painted = useAfterFirstPaint(stageFirst && panels.includes('lanes'));
  const grid = panelGrid(
    below.length,
    width - PANELS_PADDING_REM * rem,
    PANEL_MIN_REM * rem,
    PANEL_GAP_REM * rem,
  );
  return (
    <div
      ref={root}
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
          data-columns={grid.columns}
          style={
            {
              gridTemplateColumns: `repeat(${grid.columns}, minmax(0, 1fr))`,
              gridTemplateRows: `repeat(${grid.rows}, minmax(0, 1fr))`,
              '--below-rows': grid.rows,
            } as CSSProperties
          }
        >
          {below.map((p) => (
            <section key={p} className={`embed-panel embed-${p}`} data-panel={p}>
              <ErrorBoundary>{painted && <Panel name={p} />}</ErrorBoundary>
            </section>
          ))}
        </div>
      )}
      {panels.includes('narration') && <Caption />}
      {blank && <Blank onDone={toggleBlank} />}
    </div>
  );
}
