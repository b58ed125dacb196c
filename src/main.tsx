import { StrictMode } from 'react';
import { flushSync } from 'react-dom';
import { createRoot } from 'react-dom/client';
import { LabStoreContext } from './store/context';
import { startPlayback } from './store/playback';
import { createLabStore } from './store/simulation-store';
import { PRESETS, presetFromUrl } from './presets';
import { builtinScenario } from './scenarios/index';
import { App } from './views/App';
import { ErrorBoundary } from './views/ErrorBoundary';
import './views/styles.css';

const prefersDark = window.matchMedia('(prefers-color-scheme: dark)').matches;
const params = new URLSearchParams(window.location.search);
// ?scenario=ID opens a built-in scenario; otherwise the free lab on ?preset= (default setup).
const scenarioId = params.get('scenario');
const scenario = scenarioId === null ? undefined : builtinScenario(scenarioId);
const store = createLabStore(scenario ?? PRESETS[presetFromUrl(window.location.search)](), {
  theme: prefersDark ? 'dark' : 'light',
});
if (scenarioId !== null && scenario === undefined) {
  store
    .getState()
    .reportError('UNKNOWN_SCENARIO', `scenario: no built-in scenario "${scenarioId}"`);
}
startPlayback(store);

const root = createRoot(document.getElementById('root')!);
// The first render commits at once (not in a later task): the first lane is drawn sooner.
flushSync(() =>
  root.render(
    <StrictMode>
      <ErrorBoundary>
        <LabStoreContext.Provider value={store}>
          <App />
        </LabStoreContext.Provider>
      </ErrorBoundary>
    </StrictMode>,
  ),
);
