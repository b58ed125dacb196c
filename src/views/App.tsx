import { useLab } from '../store/context';
import { GroupTable } from './GroupTable';
import { TopicView } from './TopicView';

function formatTime(ms: number): string {
  const s = Math.floor(ms / 1000);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}.${String(Math.floor((ms % 1000) / 100))}`;
}

/** The lab page: live state of the model for the current setup. */
export function App() {
  const snapshot = useLab((s) => s.snapshot);
  const playing = useLab((s) => s.playing);
  const setPlaying = useLab((s) => s.setPlaying);
  const error = useLab((s) => s.error);
  return (
    <main className="lab">
      <header className="lab-header">
        <h1>Partition Lab</h1>
        <p className="clock">
          simulated time <output data-testid="sim-time">{formatTime(snapshot.time)}</output>
        </p>
        <button type="button" onClick={() => setPlaying(!playing)} aria-pressed={playing}>
          {playing ? 'Pause' : 'Play'}
        </button>
      </header>
      {error && (
        <p role="alert" className="error">
          {error.message}
        </p>
      )}
      <div className="columns">
        <div>
          {snapshot.topics.map((t) => (
            <TopicView key={t.name} topic={t} />
          ))}
        </div>
        <div>
          {snapshot.groups.map((g) => (
            <GroupTable key={g.groupId} group={g} />
          ))}
          <dl className="totals">
            <dt>produced</dt>
            <dd>{snapshot.totals.produced}</dd>
            <dt>processed</dt>
            <dd>{snapshot.totals.processed}</dd>
            <dt>ordering violations</dt>
            <dd>{snapshot.totals.orderingViolations}</dd>
          </dl>
        </div>
      </div>
    </main>
  );
}
