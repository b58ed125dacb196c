import { MAX_SPEED, MIN_SPEED, STEP_MS } from '../store/simulation-store';
import { useLab } from '../store/context';
import { Slider } from './controls/Slider';

export function formatClock(ms: number): string {
  const s = Math.floor(ms / 1000);
  const m = Math.floor(s / 60);
  return `${m}:${String(s % 60).padStart(2, '0')}.${Math.floor((ms % 1000) / 100)}`;
}

/** Play, pause, step, speed, reset, theme, shortcuts. */
export function TransportBar({ onHelp }: { readonly onHelp: () => void }) {
  const playing = useLab((s) => s.playing);
  const speed = useLab((s) => s.speed);
  const time = useLab((s) => s.panel.time);
  const theme = useLab((s) => s.theme);
  // One selector per action: selecting the whole state would re-render on every frame.
  const setPlaying = useLab((s) => s.setPlaying);
  const step = useLab((s) => s.step);
  const setSpeed = useLab((s) => s.setSpeed);
  const reset = useLab((s) => s.reset);
  const setTheme = useLab((s) => s.setTheme);
  return (
    <header className="transport">
      <h1>Partition Lab</h1>
      <button
        type="button"
        className="primary"
        onClick={() => setPlaying(!playing)}
        aria-keyshortcuts="Space"
      >
        {playing ? 'Pause' : 'Play'}
      </button>
      <button
        type="button"
        onClick={() => step()}
        aria-keyshortcuts="."
        title={`Advance ${STEP_MS} ms of simulated time`}
      >
        Step
      </button>
      <div className="speed">
        <Slider
          label="Speed"
          value={speed}
          min={MIN_SPEED}
          max={MAX_SPEED}
          log
          format={(v) => `${v}×`}
          onChange={setSpeed}
        />
      </div>
      <button type="button" onClick={() => reset()}>
        Reset
      </button>
      <p className="clock">
        <span className="muted">time</span>{' '}
        <output data-testid="sim-time">{formatClock(time)}</output>
      </p>
      <button
        type="button"
        onClick={() => setTheme(theme === 'dark' ? 'light' : 'dark')}
        aria-label={`Switch to ${theme === 'dark' ? 'light' : 'dark'} theme`}
      >
        {theme === 'dark' ? 'Light' : 'Dark'}
      </button>
      <button type="button" onClick={onHelp} aria-keyshortcuts="?" aria-label="Keyboard shortcuts">
        ?
      </button>
    </header>
  );
}
