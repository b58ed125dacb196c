import { useCallback, useEffect, useState } from 'react';
import { useLab, useLabStore } from '../store/context';
import { ControlsPanel } from './controls/ControlsPanel';
import { Counters } from './Counters';
import { DescribeTable } from './DescribeTable';
import { ErrorBoundary } from './ErrorBoundary';
import { LagBars } from './LagBars';
import { LagChart } from './LagChart';
import { RecordInspector } from './RecordInspector';
import { ShortcutsHelp } from './ShortcutsHelp';
import { Stage } from './stage/Stage';
import { TransportBar } from './TransportBar';
import { useShortcuts } from './useShortcuts';

/** The lab: transport on top, controls on the left, the stage, and lag below. */
export function App() {
  const store = useLabStore();
  const theme = useLab((s) => s.theme);
  const error = useLab((s) => s.error);
  const clearError = useLab((s) => s.clearError);
  const [help, setHelp] = useState(false);
  const [tab, setTab] = useState<'bars' | 'describe'>('bars');
  const toggleHelp = useCallback(() => setHelp((h) => !h), []);
  useShortcuts(store, toggleHelp);
  useEffect(() => {
    document.documentElement.dataset['theme'] = theme;
  }, [theme]);
  return (
    <div className="lab">
      <TransportBar onHelp={toggleHelp} />
      {error && (
        <div role="alert" className="error-banner">
          <span>{error.message}</span>
          <button type="button" onClick={clearError} aria-label="Dismiss error">
            ×
          </button>
        </div>
      )}
      <ErrorBoundary>
        <ControlsPanel />
      </ErrorBoundary>
      <main className="workspace">
        <ErrorBoundary>
          <Stage />
        </ErrorBoundary>
        <section className="lag-panel" aria-label="Lag">
          <ErrorBoundary>
            <LagChart />
          </ErrorBoundary>
          <div className="lag-side">
            <ErrorBoundary>
              <Counters />
              <div className="tabs" role="tablist" aria-label="Lag details">
                <button
                  type="button"
                  role="tab"
                  aria-selected={tab === 'bars'}
                  onClick={() => setTab('bars')}
                >
                  Per partition
                </button>
                <button
                  type="button"
                  role="tab"
                  aria-selected={tab === 'describe'}
                  onClick={() => setTab('describe')}
                >
                  --describe
                </button>
              </div>
              <div role="tabpanel">{tab === 'bars' ? <LagBars /> : <DescribeTable />}</div>
            </ErrorBoundary>
          </div>
        </section>
        <RecordInspector />
      </main>
      <ShortcutsHelp open={help} onClose={() => setHelp(false)} />
    </div>
  );
}
