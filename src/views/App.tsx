import { useCallback, useState, type DragEvent } from 'react';
import { useLab, useLabStore } from '../store/context';
import { ControlsPanel } from './controls/ControlsPanel';
import { ErrorBoundary } from './ErrorBoundary';
import { LagChart } from './LagChart';
import { LagDetails } from './LagDetails';
import { RecordInspector } from './RecordInspector';
import { loadFile } from './files';
import { ScenarioBar } from './ScenarioBar';
import { ShortcutsHelp } from './ShortcutsHelp';
import { Stage } from './stage/Stage';
import { Timeline } from './Timeline';
import { TransportBar } from './TransportBar';
import { Blank, useCycle, usePageLook, useToggle } from './presenter';
import { useAfterFirstPaint } from './useAfterFirstPaint';
import { useHighlights } from './useHighlights';
import { useShortcuts } from './useShortcuts';

/** Class for a panel the current narration step points at. */
function lit(highlights: ReadonlySet<string>, panel: string): string {
  return highlights.has(`panel:${panel}`) ? ' highlighted' : '';
}

function hasFile(e: DragEvent): boolean {
  return Array.from(e.dataTransfer.types).includes('Files');
}

/** `f` shows these alone, in turn, then everything again. */
type FocusPanel = 'stage' | 'lag' | 'side';
const FOCUS_ORDER: readonly (FocusPanel | null)[] = [null, 'stage', 'lag', 'side'];

/**
 * The lab: transport on top, controls on the left, the stage, and lag below.
 * `stageFirst`: the first frame shows the transport, the stage and the
 * timeline, and the controls and lag panels come in the next task. Their boxes
 * are sized by the page, not by what is in them, so nothing moves when they do.
 */
export function App({ stageFirst = false }: { readonly stageFirst?: boolean }) {
  const store = useLabStore();
  const panels = useAfterFirstPaint(stageFirst);
  const error = useLab((s) => s.error);
  const clearError = useLab((s) => s.clearError);
  const [help, setHelp] = useState(false);
  const toggleHelp = useCallback(() => setHelp((h) => !h), []);
  const highlights = useHighlights();
  const [dragging, setDragging] = useState(false);
  const [focus, cycleFocus] = useCycle(FOCUS_ORDER);
  const [blank, toggleBlank] = useToggle();
  // In presentation mode a clicker's arrows and Space go through the narration.
  const presenting = useLab((s) => s.presenting);
  useShortcuts(store, { toggleHelp, cycleFocus, toggleBlank, clicker: presenting });
  usePageLook();
  return (
    <div
      className="lab"
      data-focus={focus ?? undefined}
      onDragOver={(e) => {
        if (!hasFile(e)) return;
        e.preventDefault();
        setDragging(true);
      }}
      onDragLeave={(e) => {
        if (e.relatedTarget === null) setDragging(false);
      }}
      onDrop={(e) => {
        if (!hasFile(e)) return;
        e.preventDefault();
        setDragging(false);
        const f = e.dataTransfer.files[0];
        if (f) loadFile(f, store.getState());
      }}
    >
      <TransportBar onHelp={toggleHelp} />
      <ScenarioBar />
      {error && (
        <div role="alert" className="error-banner">
          <span>{error.message}</span>
          <button type="button" onClick={clearError} aria-label="Dismiss error">
            ×
          </button>
        </div>
      )}
      <ErrorBoundary>
        <div className={`controls-wrap${lit(highlights, 'controls')}`}>
          {panels && <ControlsPanel />}
        </div>
      </ErrorBoundary>
      <main className="workspace">
        <div className={`stage-wrap${lit(highlights, 'stage')}`}>
          <ErrorBoundary>
            <Stage />
          </ErrorBoundary>
        </div>
        <section className="lag-panel" aria-label="Lag">
          <div className={`lag-chart-wrap${lit(highlights, 'lag')}`}>
            <ErrorBoundary>{panels && <LagChart />}</ErrorBoundary>
          </div>
          <div
            className={`lag-side${['table', 'counters', 'code', 'rebalances', 'health'].map((p) => lit(highlights, p)).join('')}`}
          >
            <ErrorBoundary>{panels && <LagDetails />}</ErrorBoundary>
          </div>
        </section>
        {panels && <RecordInspector />}
      </main>
      <ErrorBoundary>
        <Timeline />
      </ErrorBoundary>
      <ShortcutsHelp open={help} onClose={() => setHelp(false)} />
      {blank && <Blank onDone={toggleBlank} />}
      {dragging && (
        <div className="drop-overlay" aria-hidden="true">
          Drop a scenario file to play it
        </div>
      )}
    </div>
  );
}
