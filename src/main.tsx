import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { LabStoreContext } from './store/context';
import { startPlayback } from './store/playback';
import { createLabStore } from './store/simulation-store';
import { PRESETS, presetFromUrl } from './presets';
import { App } from './views/App';
import { ErrorBoundary } from './views/ErrorBoundary';
import './views/styles.css';

const prefersDark = window.matchMedia('(prefers-color-scheme: dark)').matches;
const store = createLabStore(PRESETS[presetFromUrl(window.location.search)](), {
  theme: prefersDark ? 'dark' : 'light',
});
startPlayback(store);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ErrorBoundary>
      <LabStoreContext.Provider value={store}>
        <App />
      </LabStoreContext.Provider>
    </ErrorBoundary>
  </StrictMode>,
);
