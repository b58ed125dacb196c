import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { defaultConfig } from './model/index';
import { LabStoreContext } from './store/context';
import { startPlayback } from './store/playback';
import { createLabStore } from './store/simulation-store';
import { App } from './views/App';
import { ErrorBoundary } from './views/ErrorBoundary';
import './views/styles.css';

const store = createLabStore(defaultConfig());
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
