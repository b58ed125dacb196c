import { createStore, type StoreApi } from 'zustand/vanilla';
import {
  createSimulation,
  SimulationError,
  type Action,
  type Simulation,
  type SimulationConfigInput,
  type Snapshot,
} from '../model/index';

/** Speeds are clamped to what the lab offers (0.1× to 100×). */
export const MIN_SPEED = 0.1;
export const MAX_SPEED = 100;
/** Longest simulated step one frame may take, so a background tab does not jump hours. */
const MAX_FRAME_MS = 250;

export interface LabState {
  readonly snapshot: Snapshot;
  readonly playing: boolean;
  readonly speed: number;
  /** The last rejected input, shown to the user; the simulation is untouched. */
  readonly error: { readonly code: string; readonly message: string } | null;
  /** Every change to the simulation goes through here. */
  dispatch(action: Action): boolean;
  /** Advances simulated time by `realMs` × speed (the playback clock calls this). */
  tick(realMs: number): void;
  /** Advances by exactly `simMs`, whatever the speed (single step). */
  step(simMs: number): void;
  setPlaying(playing: boolean): void;
  setSpeed(speed: number): void;
  reset(config?: SimulationConfigInput): boolean;
  clearError(): void;
}

export type LabStore = StoreApi<LabState>;

/**
 * One store per lab instance (never a global singleton), so several embeds
 * on a page stay independent. The store owns the Simulation; views only see
 * snapshots and send actions.
 */
export function createLabStore(initial: SimulationConfigInput): LabStore {
  let config = initial;
  let sim: Simulation = createSimulation(config);
  return createStore<LabState>()((set, get) => {
    const refresh = () => set({ snapshot: sim.snapshot() });
    const reject = (e: unknown): false => {
      if (!(e instanceof SimulationError)) throw e;
      set({ error: { code: e.code, message: e.message } });
      return false;
    };
    return {
      snapshot: sim.snapshot(),
      playing: true,
      speed: 1,
      error: null,
      dispatch(action) {
        try {
          sim.apply(action);
        } catch (e) {
          return reject(e);
        }
        set({ error: null });
        refresh();
        return true;
      },
      tick(realMs) {
        if (!get().playing || realMs <= 0) return;
        sim.advance(Math.min(realMs, MAX_FRAME_MS) * get().speed);
        refresh();
      },
      step(simMs) {
        sim.advance(simMs);
        refresh();
      },
      setPlaying(playing) {
        set({ playing });
      },
      setSpeed(speed) {
        set({ speed: Math.min(MAX_SPEED, Math.max(MIN_SPEED, speed)) });
      },
      reset(next) {
        try {
          const fresh = createSimulation(next ?? config);
          config = next ?? config;
          sim = fresh;
        } catch (e) {
          return reject(e);
        }
        set({ error: null, snapshot: sim.snapshot() });
        return true;
      },
      clearError() {
        set({ error: null });
      },
    };
  });
}
