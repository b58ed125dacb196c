import { StrictMode } from 'react';
import { flushSync } from 'react-dom';
import { createRoot } from 'react-dom/client';
import { LabStoreContext } from './store/context';
import { startPlayback } from './store/playback';
import { createLabStore } from './store/simulation-store';
import { PRESETS, presetFromUrl } from './presets';
import { builtinScenario } from './scenarios/index';
import { decodeShareLink, isShareFragment, ShareLinkError } from './session/index';
import { startDeckApi } from './embed/deck-api';
import { isEmbed, readEmbedParams } from './embed/params';
import { App } from './views/App';
import { EmbedApp } from './views/EmbedApp';
import { ErrorBoundary } from './views/ErrorBoundary';
import { applyPageLook } from './views/presenter';
import './views/styles.css';

const prefersDark = window.matchMedia('(prefers-color-scheme: dark)').matches;
const params = new URLSearchParams(window.location.search);
// ?scenario=ID opens a built-in scenario; otherwise the free lab on ?preset= (default setup).
const scenarioId = params.get('scenario');
const scenario = scenarioId === null ? undefined : builtinScenario(scenarioId);
const shared = isShareFragment(window.location.hash);
// ?embed: the chrome-less view for slides and iframes (docs/embed.md).
const embed = isEmbed(window.location.search) ? readEmbedParams(window.location.search) : null;
const present = params.get('present');
const store = createLabStore(scenario ?? PRESETS[presetFromUrl(window.location.search)](), {
  theme: embed?.options.theme ?? (prefersDark ? 'dark' : 'light'),
  // A share link lands paused on its moment: nothing plays before it is open.
  playing: !shared && (embed?.options.autoplay ?? true),
  // ?present (or present=1 in an embed): presentation mode from the start.
  presenting: embed?.options.present ?? (present !== null && present !== '0'),
});
/** Problems with the address, all shown at once in one banner. */
const problems: string[] = [];
if (scenarioId !== null && scenario === undefined) {
  problems.push(`scenario: no built-in scenario "${scenarioId}"`);
}
if (embed) {
  const { options } = embed;
  problems.push(...embed.problems);
  store.getState().setSpeed(options.speed);
  if (options.step !== null && !shared && !store.getState().goToStep(options.step)) {
    problems.push(
      `step: this scenario has ${store.getState().scenario.steps.length} narration steps; got ${options.step + 1}`,
    );
  }
  if (options.step !== null && shared) problems.push('step: a share link opens on its own moment');
  startDeckApi(store, { origins: options.origins, self: window });
}
const report = (extra: string[] = []) => {
  const all = [...problems, ...extra];
  if (all.length > 0) store.getState().reportError('INVALID_ADDRESS', all.join('; '));
};
report();
/**
 * Opens a share link; a bad one says what is wrong and what was showing stays
 * (on the first load, the default lab). Either way an embed then plays as its
 * `autoplay` says, and the lab plays.
 */
function openLink(fragment: string, firstLoad: boolean): void {
  decodeShareLink(fragment)
    .then((link) => {
      store.getState().openShared(link);
      // Opening clears the banner; the address's other problems still stand.
      report();
      if (firstLoad && embed?.options.autoplay) store.getState().setPlaying(true);
    })
    .catch((e: unknown) => {
      const message = e instanceof ShareLinkError ? e.message : 'link: could not be opened';
      report([`This share link cannot be opened. ${message}`]);
      if (firstLoad) store.getState().setPlaying(embed?.options.autoplay ?? true);
    });
}
if (shared) openLink(window.location.hash, true);
// A link pasted into the address bar of the open page opens too.
window.addEventListener('hashchange', () => {
  if (isShareFragment(window.location.hash)) openLink(window.location.hash, false);
});
startPlayback(store);

applyPageLook(store.getState().theme, store.getState().presenting);
const root = createRoot(document.getElementById('root')!);
// The first render commits at once (not in a later task): the first lane is drawn sooner.
flushSync(() =>
  root.render(
    <StrictMode>
      <ErrorBoundary>
        <LabStoreContext.Provider value={store}>
          {embed ? <EmbedApp panels={embed.options.panels} stageFirst /> : <App stageFirst />}
        </LabStoreContext.Provider>
      </ErrorBoundary>
    </StrictMode>,
  ),
);
