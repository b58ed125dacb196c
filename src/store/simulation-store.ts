import { createStore, type StoreApi } from 'zustand/vanilla';
import {
  createSimulation,
  SimulationError,
  type Action,
  type LagSeriesSnapshot,
  type RecordInspection,
  type Simulation,
  type SimulationConfigInput,
  type Snapshot,
} from '../model/index';

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
  previewAddPartitions(topic: string, partitions: number): { keys: number; moved: number } | null;
  /** Starts again from `config` (or the current starting config). Returns false when rejected. */
  reset(config?: SimulationConfigInput): boolean;
  clearError(): void;
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
  initial: SimulationConfigInput,
  options: LabStoreOptions = {},
): LabStore {
  let config = initial;
  let sim: Simulation = createSimulation(config);
  const clock = options.now ?? (() => performance.now());
  let panelAt = -Infinity;
  return createStore<LabState>()((set, get) => {
    const take = () => sim.snapshot({ recordsPerPartition: get().recordsPerPartition });
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
    const reject = (e: unknown): false => {
      if (!(e instanceof SimulationError)) throw e;
      set({ error: { code: e.code, message: e.message } });
      return false;
    };
    const first = sim.snapshot({ recordsPerPartition: 24 });
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
      dispatch(action) {
        try {
          sim.apply(action);
        } catch (e) {
          return reject(e);
        }
        set({ error: null });
        refresh(true);
        return true;
      },
      tick(realMs) {
        if (!get().playing || realMs <= 0) return;
        sim.advance(Math.min(realMs, MAX_FRAME_MS) * get().speed);
        refresh(false);
      },
      step(simMs = STEP_MS) {
        sim.advance(simMs);
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
          set({ inspection: sim.inspect(topic, partition, offset) });
        } catch (e) {
          reject(e);
        }
      },
      closeInspection() {
        set({ inspection: null });
      },
      lagSeries(groupId) {
        return sim.lagSeries(groupId);
      },
      previewAddPartitions(topic, partitions) {
        try {
          return sim.previewAddPartitions(topic, partitions);
        } catch {
          return null;
        }
      },
      reset(next) {
        try {
          const fresh = createSimulation(next ?? config);
          config = next ?? config;
          sim = fresh;
        } catch (e) {
          return reject(e);
        }
        set({ error: null, inspection: null });
        refresh(true);
        return true;
      },
      clearError() {
        set({ error: null });
      },
    };
  });
}
