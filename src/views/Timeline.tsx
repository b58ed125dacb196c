import {
  memo,
  useCallback,
  useEffect,
  useLayoutEffect,
  useRef,
  type KeyboardEvent,
  type PointerEvent,
} from 'react';
import type { Marker, MarkerKind } from '../session/index';
import { useLab, useLabStore } from '../store/context';
import { STEP_MS } from '../store/simulation-store';
import { TrackPainter } from './timeline-track';
import { formatClock } from './TransportBar';

/** What the jump buttons look for. */
const JUMPS: readonly { value: string; label: string; kinds?: readonly MarkerKind[] }[] = [
  { value: 'any', label: 'all' },
  { value: 'rebalance', label: 'rebalances', kinds: ['rebalance'] },
  { value: 'violation', label: 'violations', kinds: ['violation'] },
  { value: 'step', label: 'steps', kinds: ['step'] },
  { value: 'fork', label: 'forks', kinds: ['fork'] },
];

/** Scale ends the track snaps to, so it (and its markers) redraws only now and then while live. */
const SCALE_ENDS_MS = [
  10e3, 15e3, 30e3, 60e3, 120e3, 300e3, 600e3, 900e3, 1800e3, 3600e3, 7200e3, 14400e3, 28800e3,
  43200e3, 86400e3,
];

function niceEnd(ms: number): number {
  return SCALE_ENDS_MS.find((x) => x >= ms) ?? Math.ceil(ms / 86400e3) * 86400e3;
}

/** Markers of one kind closer than this (fraction of the track) are drawn as one. */
const MERGE = 0.002;

/** The markers, one mark per kind and track position; redrawn only when they or the scale change. */
const MarkerLayer = memo(function MarkerLayer({
  markers,
  start,
  span,
}: {
  readonly markers: readonly Marker[];
  readonly start: number;
  readonly span: number;
}) {
  const shown: { at: number; kind: MarkerKind; label: string; more: number }[] = [];
  const last = new Map<MarkerKind, (typeof shown)[number]>();
  for (const m of markers) {
    if (m.at < start || m.at > start + span) continue;
    const previous = last.get(m.kind);
    if (previous && (m.at - previous.at) / span < MERGE) {
      previous.more++;
      continue;
    }
    const mark = { at: m.at, kind: m.kind, label: m.label, more: 0 };
    shown.push(mark);
    last.set(m.kind, mark);
  }
  return (
    <>
      {shown.map((m) => (
        <span
          key={`${m.kind}-${m.at}`}
          className={`timeline-marker ${m.kind}`}
          style={{ left: `${((m.at - start) / span) * 100}%` }}
          title={`${formatClock(m.at)} · ${m.label}${m.more > 0 ? ` (+${m.more} more)` : ''}`}
          data-kind={m.kind}
        />
      ))}
    </>
  );
});

/**
 * The session's timeline, under the views: drag to any moment played so far;
 * step back and forward by one event or one tick; jump between markers
 * (rebalances, ordering violations, narration steps, forks). Acting in the
 * past forks the future; "Undo fork" puts it back.
 */
export function Timeline() {
  // The moment and the end change every frame while playing. They are not rendered by React:
  // the effect below redraws the thumb and the played bar (two small canvases) and writes the
  // clock and the slider's values at each tenth of a second, so the timeline re-renders only
  // when its scale, markers or controls change (a render at each tenth cost a slow laptop a
  // dropped frame ten times a second).
  const start = useLab((s) => s.timeline.start);
  const span = useLab((s) => niceEnd(s.timeline.end - s.timeline.start));
  const markers = useLab((s) => s.timeline.markers);
  const canUndoFork = useLab((s) => s.timeline.canUndoFork);
  const store = useLabStore();
  const seek = useLab((s) => s.seek);
  const stepEvent = useLab((s) => s.stepEvent);
  const stepTick = useLab((s) => s.stepTick);
  const jumpToMarker = useLab((s) => s.jumpToMarker);
  const undoFork = useLab((s) => s.undoFork);
  const markerKinds = useLab((s) => s.markerKinds);
  const setMarkerKinds = useLab((s) => s.setMarkerKinds);
  const jump = JUMPS.find((j) => j.kinds?.join() === markerKinds?.join())?.value ?? 'any';
  const track = useRef<HTMLDivElement>(null);
  const thumb = useRef<HTMLCanvasElement>(null);
  const played = useRef<HTMLCanvasElement>(null);
  const clock = useRef<HTMLOutputElement>(null);
  const endClock = useRef<HTMLSpanElement>(null);
  const pending = useRef<number | null>(null);
  const frame = useRef(0);
  useEffect(() => () => cancelAnimationFrame(frame.current), []);

  // A layout effect: the clock and the slider's values are there from the first paint.
  useLayoutEffect(() => {
    const painter = new TrackPainter(played.current!, thumb.current!);
    const fraction = (t: number) => Math.min(1, Math.max(0, (t - start) / span));
    let written = '';
    const show = (state: ReturnType<typeof store.getState>) => {
      painter.draw(fraction(state.snapshot.time), fraction(state.timeline.end));
      // The moment's trace hash, for checks that compare states (changes every frame).
      clock.current?.setAttribute('data-fingerprint', state.fingerprint);
      const time = Math.floor(state.snapshot.time / 100) * 100;
      const end = Math.floor(state.timeline.end / 100) * 100;
      const key = `${time} ${end}`;
      if (key === written) return;
      written = key;
      const slider = track.current;
      slider?.setAttribute('aria-valuemax', String(end));
      slider?.setAttribute('aria-valuenow', String(time));
      slider?.setAttribute('aria-valuetext', `${formatClock(time)} of ${formatClock(end)}`);
      if (clock.current) clock.current.textContent = formatClock(time);
      if (endClock.current) endClock.current.textContent = ` / ${formatClock(end)}`;
    };
    show(store.getState());
    const unsubscribe = store.subscribe(show);
    return () => {
      unsubscribe();
      painter.dispose();
    };
  }, [store, start, span]);

  // Dragging seeks at most once a frame: the latest position wins.
  const seekSoon = useCallback(
    (t: number) => {
      pending.current = t;
      if (frame.current !== 0) return;
      frame.current = requestAnimationFrame(() => {
        frame.current = 0;
        if (pending.current !== null) seek(pending.current);
        pending.current = null;
      });
    },
    [seek],
  );
  const timeAt = (clientX: number): number => {
    const box = track.current!.getBoundingClientRect();
    // Past the played part there is nothing yet: the seek stops at the end.
    return start + Math.max(0, (clientX - box.left) / Math.max(box.width, 1)) * span;
  };
  const onPointerDown = (e: PointerEvent<HTMLDivElement>) => {
    if (e.button !== 0) return;
    e.currentTarget.setPointerCapture(e.pointerId);
    seekSoon(timeAt(e.clientX));
  };
  const onPointerMove = (e: PointerEvent<HTMLDivElement>) => {
    if (e.currentTarget.hasPointerCapture(e.pointerId)) seekSoon(timeAt(e.clientX));
  };
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const moves: Record<string, () => void> = {
      ArrowLeft: () => stepTick(-1),
      ArrowRight: () => stepTick(1),
      Home: () => seek(start),
      End: () => seek(store.getState().timeline.end),
    };
    const move = moves[e.key];
    if (!move) return;
    e.preventDefault();
    e.stopPropagation();
    move();
  };

  return (
    <section className="timeline" aria-label="Timeline">
      <div
        ref={track}
        className="timeline-track"
        role="slider"
        tabIndex={0}
        aria-label="Moment shown"
        aria-valuemin={Math.round(start)}
        data-testid="timeline-track"
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onKeyDown={onKeyDown}
      >
        <canvas ref={played} className="timeline-played" aria-hidden="true" />
        <MarkerLayer markers={markers} start={start} span={span} />
        <canvas ref={thumb} className="timeline-thumb" aria-hidden="true" />
      </div>
      <div className="timeline-buttons">
        <button
          type="button"
          onClick={() => jumpToMarker(-1)}
          aria-label="Previous marker"
          aria-keyshortcuts="["
          title="Previous marker ( [ )"
        >
          ◀◀
        </button>
        <button
          type="button"
          onClick={() => stepEvent(-1)}
          aria-label="One event back"
          aria-keyshortcuts="<"
          title="Back to before the latest event ( < )"
        >
          ◀ event
        </button>
        <button
          type="button"
          onClick={() => stepTick(-1)}
          aria-label="One tick back"
          aria-keyshortcuts=","
          title={`Back ${STEP_MS} ms ( , )`}
        >
          ◀ 0.1 s
        </button>
        <p className="timeline-clock">
          <output ref={clock} data-testid="timeline-time" />
          <span ref={endClock} className="muted" />
        </p>
        <button
          type="button"
          onClick={() => stepTick(1)}
          aria-label="One tick forward"
          aria-keyshortcuts="."
          title={`Forward ${STEP_MS} ms ( . )`}
        >
          0.1 s ▶
        </button>
        <button
          type="button"
          onClick={() => stepEvent(1)}
          aria-label="One event forward"
          aria-keyshortcuts=">"
          title="On to the next event ( > )"
        >
          event ▶
        </button>
        <button
          type="button"
          onClick={() => jumpToMarker(1)}
          aria-label="Next marker"
          aria-keyshortcuts="]"
          title="Next marker ( ] )"
        >
          ▶▶
        </button>
        <label className="timeline-jump">
          <span className="muted">markers</span>
          <select
            value={jump}
            onChange={(e) => setMarkerKinds(JUMPS.find((j) => j.value === e.target.value)?.kinds)}
          >
            {JUMPS.map((j) => (
              <option key={j.value} value={j.value}>
                {j.label}
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          onClick={undoFork}
          disabled={!canUndoFork}
          aria-keyshortcuts="Control+Z"
          title="Put back the future your last change in the past replaced (Ctrl+Z)"
        >
          Undo fork
        </button>
      </div>
    </section>
  );
}
