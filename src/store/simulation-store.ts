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
import {
  labScenario,
  MAX_RECORDED_ACTIONS,
  parseScenario,
  ScenarioError,
  ScenarioRun,
  type Scenario,
} from '../scenarios/index';

/** Speeds are clamped to what the lab offers (0.1× to 100×). */
export const MIN_SPEED = 0.1;
export const MAX_SPEED = 100;
/** Longest real step one frame may take, so a background tab does not jump hours. */
const MAX_FRAME_MS = 250;
/** How often the panels (tables, counters, controls) re-render while playing. */
export const PANEL_INTERVAL_MS = 250;
/** Simulated time one press of "step" advances. */
export const STEP_MS = 100;

export type ThemeName = 'light' | 'dark';

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
  /** Every change to the simulation goes through here. Returns false when rejected. */
  dispatch(action: Action): boolean;
  /** Advances simulated time by `realMs` × speed (the playback clock calls this). */
  tick(realMs: number): void;
  /** Advances by exactly `simMs` (single step), playing or not. */
  step(simMs?: number): void;
  setPlaying(playing: boolean): void;
  setSpeed(speed: number): void;
  setTheme(theme: ThemeName): void;
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
  saveScenario(): ReturnType<ScenarioRun['save']>;
  /** Runs on to the next narration step. */
  nextStep(): void;
  /** Goes back to the previous narration step (replaying everything done up to it). */
  previousStep(): void;
  setAutoAdvance(on: boolean): void;
}

export type LabStore = StoreApi<LabState>;

export interface LabStoreOptions {
  readonly theme?: ThemeName;
  readonly playing?: boolean;
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
  let run = new ScenarioRun(scenario);
  const clock = options.now ?? (() => performance.now());
  let panelAt = -Infinity;
  return createStore<LabState>()((set, get) => {
    const take = () => run.sim.snapshot({ recordsPerPartition: get().recordsPerPartition });
    /** Fresh snapshot; panels too when `force` or their interval has passed. */
    const defer = options.defer ?? ((run: () => void) => setTimeout(run, 0));
    /** Fresh snapshot; panels at once when `force`, else in their own task when due. */
    const refresh = (force: boolean) => {
      const snapshot = take();
      const now = clock();
      if (force) {
        panelAt = now;
        set({ snapshot, panel: snapshot });
        return;
      }
      set({ snapshot });
      if (now - panelAt >= PANEL_INTERVAL_MS) {
        panelAt = now;
        defer(() => set({ panel: get().snapshot }));
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
        run.advance(next.at - run.now);
        set({ playing: false });
      } else run.advance(ms);
      if (run.stepIndex !== get().stepIndex) set({ stepIndex: run.stepIndex });
    };
    /** Starts `next` afresh and runs it to `until`. */
    const restart = (next: Scenario, until = 0) => {
      scenario = next;
      run = new ScenarioRun(next);
      run.advance(until);
      set({
        scenario: next,
        stepIndex: run.stepIndex,
        error: null,
        inspection: null,
      });
      refresh(true);
    };
    const first = run.sim.snapshot({ recordsPerPartition: 24 });
    return {
      snapshot: first,
      panel: first,
      playing: options.playing ?? true,
      speed: 1,
      theme: options.theme ?? 'light',
      recordsPerPartition: 24,
      hoverKey: null,
      inspection: null,
      error: null,
      scenario,
      stepIndex: run.stepIndex,
      autoAdvance: true,
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
        set({ stepIndex: run.stepIndex });
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
        if (saved === null) {
          set({
            error: {
              code: 'TOO_LONG',
              message: `This session is too long to save as one file (more than ${MAX_RECORDED_ACTIONS} actions, or over a day of simulated time).`,
            },
          });
        }
        return saved;
      },
      nextStep() {
        const next = scenario.steps[run.stepIndex + 1];
        if (next === undefined) return;
        run.advance(next.at - run.now);
        set({ stepIndex: run.stepIndex });
        refresh(true);
      },
      previousStep() {
        const steps = scenario.steps;
        const i = run.stepIndex;
        // Within a step, "back" first returns to its start; at its start, to the one before.
        const target = i >= 0 && run.now > steps[i]!.at ? i : i - 1;
        const at = target < 0 ? 0 : steps[target]!.at;
        // Replays this session's actions too, so going back shows what happened, not the script.
        const saved = run.save();
        restart(saved ? parseScenario(saved) : scenario, at);
      },
      setAutoAdvance(on) {
        set({ autoAdvance: on });
      },
    };
  });
}
