import { createStore, type StoreApi } from 'zustand/vanilla';
import {
  SimulationError,
  type Action,
  type LagSeriesSnapshot,
  type PartitionPreview,
  type RecordInspection,
  type SimulationConfigInput,
  type Snapshot,
} from '../model/index';
import { parseScenario, ScenarioError, type Scenario } from '../scenarios/index';
import {
  labScenario,
  MAX_LOGGED_ACTIONS,
  Session,
  TICK_MS,
  type Marker,
  type MarkerKind,
  type TimedAction,
} from '../session/index';
import type { ScenarioFileV2 } from '../scenarios/schema';
import type { OpenedLink, SharedView, Tab } from '../session/share-link';

/** Speeds are clamped to what the lab offers (0.1× to 100×). */
export const MIN_SPEED = 0.1;
export const MAX_SPEED = 100;
/** Longest real step one frame may take, so a background tab does not jump hours. */
const MAX_FRAME_MS = 250;
/** How often the panels (tables, counters, controls) re-render while playing. */
export const PANEL_INTERVAL_MS = 250;
/** Simulated time one press of "step" advances. */
export const STEP_MS = TICK_MS;

export type ThemeName = 'light' | 'dark';

export { TABS, type Tab } from '../session/share-link';

/** What the timeline under the views shows. */
export interface TimelineView {
  /** The earliest moment it can show (0 unless a very long session dropped history). */
  readonly start: number;
  /** The furthest moment played on this branch. */
  readonly end: number;
  readonly markers: readonly Marker[];
  readonly canUndoFork: boolean;
}

export interface LabError {
  readonly code: string;
  readonly message: string;
}

export interface LabState {
  /** The model's state, refreshed every frame (the canvas reads it). */
  readonly snapshot: Snapshot;
  /** The same, refreshed a few times a second and after every change (panels read it). */
  readonly panel: Snapshot;
  readonly playing: boolean;
  readonly speed: number;
  readonly theme: ThemeName;
  /** Presentation mode: large type, high contrast, thick lines (for the back of a room). */
  readonly presenting: boolean;
  /** Records per partition the snapshot carries (the stage asks for what it can show). */
  readonly recordsPerPartition: number;
  /** The key under the pointer: its records are highlighted everywhere. */
  readonly hoverKey: string | null;
  readonly inspection: RecordInspection | null;
  /** The last rejected input, shown to the user; the simulation is untouched. */
  readonly error: LabError | null;
  /** The scenario being played (the narration panel reads its title, summary and steps). */
  readonly scenario: Scenario;
  /** The narration step in effect (-1 before the first). */
  readonly stepIndex: number;
  /** Off: playback pauses when the next narration step comes (the presenter clicks on). */
  readonly autoAdvance: boolean;
  readonly tab: Tab;
  readonly timeline: TimelineView;
  /** The trace hash of the moment shown: equal fingerprints mean equal states. */
  readonly fingerprint: string;
  /** The markers the timeline's jump buttons and `[` `]` look for (all when undefined). */
  readonly markerKinds: readonly MarkerKind[] | undefined;
  /** Every change to the simulation goes through here. Returns false when rejected. */
  dispatch(action: Action): boolean;
  /** Advances simulated time by `realMs` × speed (the playback clock calls this). */
  tick(realMs: number): void;
  /** Advances by exactly `simMs` (single step), playing or not. */
  step(simMs?: number): void;
  setPlaying(playing: boolean): void;
  setSpeed(speed: number): void;
  setTheme(theme: ThemeName): void;
  setPresenting(on: boolean): void;
  setRecordsPerPartition(n: number): void;
  setHoverKey(key: string | null): void;
  inspect(topic: string, partition: number, offset: number): void;
  closeInspection(): void;
  lagSeries(groupId: string): LagSeriesSnapshot;
  previewAddPartitions(topic: string, partitions: number): PartitionPreview | null;
  /** Starts again from `config` (or the current scenario's start). Returns false when rejected. */
  reset(config?: SimulationConfigInput): boolean;
  clearError(): void;
  /** Shows a problem found outside the model (e.g. a file too large to read). */
  reportError(code: string, message: string): void;
  /** Plays a validated scenario from its start. */
  loadScenario(scenario: Scenario): void;
  /** Validates a scenario file's text and plays it; on error says where and changes nothing. */
  loadScenarioFile(text: string, name?: string): boolean;
  /** The session as a scenario file (null when too long to save whole). */
  saveScenario(): ScenarioFileV2 | null;
  /** Runs on to the next narration step. */
  nextStep(): void;
  /** Goes to the start of narration step `index` (0-based); false when there is no such step. */
  goToStep(index: number): boolean;
  /** Goes back to the previous narration step (replaying everything done up to it). */
  previousStep(): void;
  setAutoAdvance(on: boolean): void;
  setTab(tab: Tab): void;
  /** Shows moment `t` of the session (pauses playback). */
  seek(t: number): void;
  /** One event back or forward (pauses playback). */
  stepEvent(direction: 1 | -1): void;
  /** One tick (STEP_MS) back or forward (pauses playback). */
  stepTick(direction: 1 | -1): void;
  /** The previous or next marker of the kinds chosen (markerKinds). */
  jumpToMarker(direction: 1 | -1): void;
  setMarkerKinds(kinds: readonly MarkerKind[] | undefined): void;
  /** Puts back the future the last fork discarded. */
  undoFork(): void;
  /** What a share link carries and the fingerprint of that moment (null when it cannot be shared whole). */
  sharedView(): { readonly view: SharedView; readonly fingerprint: string } | null;
  /** Opens a shared link: plays its scenario to its end, then shows its moment and tab. */
  openShared(link: OpenedLink): void;
  /** The checkpoints kept for the timeline (count, estimated bytes, grid spacing). */
  checkpointStats(): Session['checkpointStats'];
}

export type LabStore = StoreApi<LabState>;

export interface LabStoreOptions {
  readonly theme?: ThemeName;
  readonly playing?: boolean;
  readonly presenting?: boolean;
  /** Real-time clock for panel throttling (injected in tests). */
  readonly now?: () => number;
  /**
   * Runs the periodic panel refresh after the current frame (default: a new
   * task), so a frame never also carries the panels' render.
   */
  readonly defer?: (run: () => void) => void;
}

/**
 * One store per lab instance (never a global singleton), so several embeds
 * on a page stay independent. The store owns the Simulation; views only see
 * snapshots and send actions.
 */
export function createLabStore(
  initial: SimulationConfigInput | Scenario,
  options: LabStoreOptions = {},
): LabStore {
  let scenario: Scenario = 'schemaVersion' in initial ? initial : labScenario(initial);
  /** What was loaded: reset goes back to its start (without this session's actions). */
  let loaded = scenario;
  let run = new Session(scenario);
  let markerRevision = -1;
  let markers: readonly Marker[] = [];
  const clock = options.now ?? (() => performance.now());
  let panelAt = -Infinity;
  /** The timeline's state, with the markers list rebuilt only when it changed. */
  const timelineView = (): TimelineView => {
    if (run.markerRevision !== markerRevision) {
      markerRevision = run.markerRevision;
      markers = run.markers();
    }
    return { start: run.start, end: run.end, markers, canUndoFork: run.canUndoFork };
  };
  return createStore<LabState>()((set, get) => {
    // Frames draw lanes and lag; monitoring's view (Burrow, the exporter) is for the panels only.
    const take = (monitoring = false) =>
      run.sim.snapshot({ recordsPerPartition: get().recordsPerPartition, monitoring });
    /** Where the periodic panel refresh runs: a task after the frame's (see LabStoreOptions). */
    const defer = options.defer ?? ((run: () => void) => setTimeout(run, 0));
    /** Fresh snapshot; panels at once when `force`, else in their own task when due. */
    const refresh = (force: boolean) => {
      const snapshot = take();
      const now = clock();
      const timeline = sameTimeline(get().timeline, timelineView());
      const stepIndex = run.stepIndex;
      // A narration step that points at the code or the table opens its tab.
      const tab = (stepIndex !== get().stepIndex && tabFor(scenario, stepIndex)) || get().tab;
      const fingerprint = run.sim.traceHash();
      if (force) {
        panelAt = now;
        set({ snapshot, panel: take(true), timeline, stepIndex, tab, fingerprint });
        return;
      }
      set({ snapshot, timeline, stepIndex, tab, fingerprint });
      if (now - panelAt >= PANEL_INTERVAL_MS) {
        panelAt = now;
        defer(() => set({ panel: take(true) }));
      }
    };
    /** Shows a rejected input (prefixed with where it came from, e.g. a file name). */
    const reject = (e: unknown, from = ''): false => {
      if (e instanceof SimulationError) set({ error: { code: e.code, message: from + e.message } });
      else if (e instanceof ScenarioError)
        set({ error: { code: 'INVALID_SCENARIO', message: from + e.message } });
      else throw e;
      return false;
    };
    /** Runs simulated time on; without auto-advance, stops at the next narration step. */
    const advance = (ms: number) => {
      const steps = scenario.steps;
      const next = steps[run.stepIndex + 1];
      if (!get().autoAdvance && next !== undefined && next.at <= run.now + ms) {
        run.goTo(next.at);
        set({ playing: false });
      } else run.advance(ms);
    };
    /** Starts `next` afresh (with a person's actions already taken, from a link). */
    const restart = (next: Scenario, log?: readonly TimedAction[]) => {
      scenario = next;
      run = new Session(next, log ? { log } : {});
      markerRevision = -1;
      set({
        scenario: next,
        stepIndex: run.stepIndex,
        tab: tabFor(next, run.stepIndex) ?? get().tab,
        error: null,
        inspection: null,
      });
      refresh(true);
    };
    /** Moves in time; a move that happened pauses playback (the person is looking at a moment). */
    const travel = (move: () => boolean) => {
      if (!move()) return;
      set({ playing: false, inspection: null });
      refresh(true);
    };
    const first = run.sim.snapshot({ recordsPerPartition: 24 });
    return {
      snapshot: first,
      panel: first,
      playing: options.playing ?? true,
      speed: 1,
      theme: options.theme ?? 'light',
      presenting: options.presenting ?? false,
      recordsPerPartition: 24,
      hoverKey: null,
      inspection: null,
      error: null,
      scenario,
      stepIndex: run.stepIndex,
      autoAdvance: true,
      tab: tabFor(scenario, run.stepIndex) ?? 'bars',
      timeline: timelineView(),
      fingerprint: run.sim.traceHash(),
      markerKinds: undefined,
      dispatch(action) {
        try {
          run.apply(action);
        } catch (e) {
          return reject(e);
        }
        set({ error: null });
        refresh(true);
        return true;
      },
      tick(realMs) {
        if (!get().playing || realMs <= 0) return;
        advance(Math.min(realMs, MAX_FRAME_MS) * get().speed);
        refresh(!get().playing);
      },
      step(simMs = STEP_MS) {
        run.advance(simMs);
        refresh(true);
      },
      setPlaying(playing) {
        set({ playing });
        refresh(true);
      },
      setSpeed(speed) {
        set({ speed: Math.min(MAX_SPEED, Math.max(MIN_SPEED, speed)) });
      },
      setTheme(theme) {
        set({ theme });
      },
      setPresenting(on) {
        set({ presenting: on });
      },
      setRecordsPerPartition(n) {
        const clamped = Math.max(0, Math.min(200, Math.round(n)));
        if (clamped === get().recordsPerPartition) return;
        set({ recordsPerPartition: clamped });
        refresh(true);
      },
      setHoverKey(key) {
        if (key !== get().hoverKey) set({ hoverKey: key });
      },
      inspect(topic, partition, offset) {
        try {
          set({ inspection: run.sim.inspect(topic, partition, offset) });
        } catch (e) {
          reject(e);
        }
      },
      closeInspection() {
        set({ inspection: null });
      },
      lagSeries(groupId) {
        return run.sim.lagSeries(groupId);
      },
      previewAddPartitions(topic, partitions) {
        try {
          return run.sim.previewAddPartitions(topic, partitions);
        } catch {
          return null;
        }
      },
      reset(next) {
        try {
          if (next) {
            restart(labScenario(next));
            loaded = scenario;
          } else restart(loaded);
        } catch (e) {
          return reject(e);
        }
        return true;
      },
      clearError() {
        set({ error: null });
      },
      reportError(code, message) {
        set({ error: { code, message } });
      },
      loadScenario(next) {
        restart(next);
        loaded = next;
      },
      loadScenarioFile(text, name = 'file') {
        try {
          const next = parseScenario(text);
          restart(next);
          loaded = next;
        } catch (e) {
          return reject(e, `${name}: `);
        }
        return true;
      },
      saveScenario() {
        const saved = run.save();
        if (saved === null) set({ error: TOO_LONG });
        return saved;
      },
      nextStep() {
        const next = scenario.steps[run.stepIndex + 1];
        if (next === undefined) return;
        run.goTo(next.at);
        refresh(true);
      },
      goToStep(index) {
        const step = Number.isInteger(index) ? scenario.steps[index] : undefined;
        if (step === undefined) return false;
        run.goTo(step.at);
        refresh(true);
        return true;
      },
      previousStep() {
        const steps = scenario.steps;
        const i = run.stepIndex;
        // Within a step, "back" first returns to its start; at its start, to the one before.
        const target = i >= 0 && run.now > steps[i]!.at ? i : i - 1;
        // The session's own timeline: going back shows what happened, not the script.
        // Like Next, it keeps playing if it was: a presenter's clicker goes back and on.
        run.seek(target < 0 ? 0 : steps[target]!.at);
        set({ inspection: null });
        refresh(true);
      },
      setAutoAdvance(on) {
        set({ autoAdvance: on });
      },
      setTab(tab) {
        set({ tab });
      },
      seek(t) {
        travel(() => {
          run.seek(t);
          return true;
        });
      },
      stepEvent(direction) {
        travel(() => run.stepEvent(direction));
      },
      stepTick(direction) {
        travel(() => {
          run.stepTick(direction);
          return true;
        });
      },
      jumpToMarker(direction) {
        travel(() => run.jumpToMarker(direction, get().markerKinds));
      },
      setMarkerKinds(kinds) {
        set({ markerKinds: kinds });
      },
      undoFork() {
        travel(() => run.undoFork());
      },
      sharedView() {
        const saved = run.record();
        if (saved === null) {
          set({ error: TOO_LONG });
          return null;
        }
        return {
          view: {
            scenario: saved.file,
            recorded: saved.recorded,
            end: run.end,
            at: run.now,
            tab: get().tab,
          },
          fingerprint: run.sim.traceHash(),
        };
      },
      openShared(link) {
        restart(link.scenario, link.log);
        loaded = link.scenario;
        run.goTo(link.end);
        run.seek(link.at);
        refresh(true);
        // After the refresh: the step's own tab must not override the one shared.
        set({ tab: link.tab, playing: false });
      },
      checkpointStats() {
        return run.checkpointStats;
      },
    };
  });
}

const TOO_LONG: LabError = {
  code: 'TOO_LONG',
  message: `This session is too long to save or share whole (more than ${MAX_LOGGED_ACTIONS} actions, or over a day of simulated time).`,
};

/** The tab a narration step points at (code, --describe, rebalances, lag health), or null. */
function tabFor(scenario: Scenario, stepIndex: number): Tab | null {
  const refs = scenario.steps[stepIndex]?.highlight ?? [];
  if (refs.includes('panel:code')) return 'code';
  if (refs.includes('panel:table')) return 'describe';
  if (refs.includes('panel:rebalances') || refs.includes('panel:health')) return 'groups';
  return null;
}

/** Keeps the previous object when nothing changed (subscribers then skip a render). */
function sameTimeline(previous: TimelineView, next: TimelineView): TimelineView {
  return previous.start === next.start &&
    previous.end === next.end &&
    previous.markers === next.markers &&
    previous.canUndoFork === next.canUndoFork
    ? previous
    : next;
}
