/**
 * The embed's postMessage API, for slide decks. A deck sends
 *
 *   iframe.contentWindow.postMessage({ partitionLab: 1, type: 'nextStep' }, '*')
 *
 * and hears back `{ partitionLab: 1, event: … }` on its own window. Every
 * message is checked (sender, then shape); one that fails is ignored with a
 * console warning and changes nothing. Documented in docs/embed.md.
 */
import * as v from 'valibot';
import type { Action } from '../model/index';
import type { LabState, LabStore } from '../store/simulation-store';

export const API_VERSION = 1;

const Step = v.pipe(v.number(), v.integer(), v.minValue(1));
const Id = v.optional(v.pipe(v.string(), v.maxLength(100)));

const Command = v.variant('type', [
  v.strictObject({ partitionLab: v.literal(API_VERSION), type: v.literal('play'), id: Id }),
  v.strictObject({ partitionLab: v.literal(API_VERSION), type: v.literal('pause'), id: Id }),
  v.strictObject({
    partitionLab: v.literal(API_VERSION),
    type: v.literal('step'),
    ms: v.optional(v.pipe(v.number(), v.finite(), v.minValue(0), v.maxValue(3_600_000))),
    id: Id,
  }),
  v.strictObject({ partitionLab: v.literal(API_VERSION), type: v.literal('nextStep'), id: Id }),
  v.strictObject({ partitionLab: v.literal(API_VERSION), type: v.literal('previousStep'), id: Id }),
  v.strictObject({
    partitionLab: v.literal(API_VERSION),
    type: v.literal('goToStep'),
    step: Step,
    id: Id,
  }),
  v.strictObject({
    partitionLab: v.literal(API_VERSION),
    type: v.literal('apply'),
    action: v.custom<Record<string, unknown>>(
      (x) => typeof x === 'object' && x !== null && !Array.isArray(x),
      'expected an action object',
    ),
    id: Id,
  }),
  v.strictObject({ partitionLab: v.literal(API_VERSION), type: v.literal('getState'), id: Id }),
]);
export type DeckCommand = v.InferOutput<typeof Command>;

/** What `getState` answers and `metrics` events carry. */
export interface DeckState {
  readonly time: number;
  readonly playing: boolean;
  readonly speed: number;
  readonly scenario: string;
  /** Narration step in effect, from 1 (0 before the first). */
  readonly step: number;
  readonly steps: number;
  readonly produced: number;
  readonly orderingViolations: number;
  readonly lag: Readonly<Record<string, number | null>>;
  readonly fingerprint: string;
}

export function deckState(s: LabState): DeckState {
  const snap = s.panel;
  const lag: Record<string, number | null> = {};
  for (const g of snap.groups) lag[g.groupId] = g.totalLag;
  return {
    time: snap.time,
    playing: s.playing,
    speed: s.speed,
    scenario: s.scenario.id,
    step: s.stepIndex + 1,
    steps: s.scenario.steps.length,
    produced: snap.totals.produced,
    orderingViolations: snap.totals.orderingViolations,
    lag,
    fingerprint: s.fingerprint,
  };
}

export interface DeckApiOptions {
  /** Origins obeyed; empty: only the page that embeds this one (window.parent), any origin. */
  readonly origins: readonly string[];
  readonly self: Window;
  readonly warn?: (message: string) => void;
}

/** Listens for commands and sends events to the embedding page. Returns a stop function. */
export function startDeckApi(store: LabStore, options: DeckApiOptions): () => void {
  const { self, origins } = options;
  const warn = options.warn ?? ((m: string) => console.warn(m));
  const parent = self.parent !== self ? self.parent : null;
  const send = (message: Record<string, unknown>) => {
    if (parent === null) return;
    const out = { partitionLab: API_VERSION, ...message };
    if (origins.length === 0) parent.postMessage(out, '*');
    else for (const origin of origins) parent.postMessage(out, origin);
  };
  const onMessage = (e: MessageEvent) => {
    const data: unknown = e.data;
    // Other scripts' messages (no partitionLab field) are not ours: ignored quietly.
    if (typeof data !== 'object' || data === null || !('partitionLab' in data)) return;
    const from = e.origin || 'an unknown origin';
    if (origins.length > 0 ? !origins.includes(e.origin) : e.source !== parent) {
      warn(`Partition Lab: ignored a message from ${from}: not an allowed sender`);
      return;
    }
    const parsed = v.safeParse(Command, data);
    if (!parsed.success) {
      const issue = parsed.issues[0];
      const path = (issue.path ?? []).map((p) => String(p.key)).join('.');
      warn(`Partition Lab: ignored a message from ${from}: ${path || 'message'}: ${issue.message}`);
      return;
    }
    run(parsed.output, e);
  };
  const run = (c: DeckCommand, e: MessageEvent) => {
    const s = store.getState();
    const reply = (extra: Record<string, unknown>) =>
      send({ ...extra, ...(c.id ? { id: c.id } : {}) });
    switch (c.type) {
      case 'play':
      case 'pause':
        s.setPlaying(c.type === 'play');
        break;
      case 'step':
        s.step(c.ms);
        break;
      case 'nextStep':
        s.nextStep();
        break;
      case 'previousStep':
        s.previousStep();
        break;
      case 'goToStep':
        if (!s.goToStep(c.step - 1)) {
          warn(
            `Partition Lab: ignored goToStep ${c.step}: this scenario has ${s.scenario.steps.length} steps`,
          );
          reply({ event: 'rejected', error: `step: no step ${c.step}` });
          return;
        }
        break;
      case 'apply': {
        // A refused action is the deck's problem, not the audience's: it is answered and
        // warned about, and the embed keeps showing what it showed (no error banner).
        const shown = s.error;
        if (!s.dispatch(c.action as unknown as Action)) {
          const error = store.getState().error?.message ?? 'rejected';
          store.setState({ error: shown });
          warn(
            `Partition Lab: ignored an action from ${e.origin || 'an unknown origin'}: ${error}`,
          );
          reply({ event: 'rejected', error });
          return;
        }
        break;
      }
      case 'getState':
        reply({ event: 'state', state: deckState(store.getState()) });
        return;
    }
    if (c.id) reply({ event: 'done' });
  };
  // Events out: the step, the play state, and the key metrics a few times a second.
  let last = store.getState();
  const unsubscribe = store.subscribe((s) => {
    if (s.stepIndex !== last.stepIndex)
      send({ event: 'step', step: s.stepIndex + 1, steps: s.scenario.steps.length });
    if (s.playing !== last.playing) send({ event: 'playing', playing: s.playing });
    if (s.panel !== last.panel) send({ event: 'metrics', state: deckState(s) });
    last = s;
  });
  self.addEventListener('message', onMessage);
  send({ event: 'ready', state: deckState(store.getState()) });
  return () => {
    unsubscribe();
    self.removeEventListener('message', onMessage);
  };
}
