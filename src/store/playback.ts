import type { LabStore } from './simulation-store';

/**
 * The playback clock: each animation frame advances the simulation by the
 * real time since the last frame (times the speed). Returns a stop function.
 */
export function startPlayback(store: LabStore): () => void {
  let last: number | null = null;
  let handle = 0;
  const frame = (t: number) => {
    if (last !== null) store.getState().tick(t - last);
    last = t;
    handle = requestAnimationFrame(frame);
  };
  handle = requestAnimationFrame(frame);
  return () => cancelAnimationFrame(handle);
}
