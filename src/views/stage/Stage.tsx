import { useLayoutEffect, useRef, useSyncExternalStore } from 'react';
import type { Snapshot } from '../../model/index';
import { useLab, useLabStore } from '../../store/context';
import { drawStage } from './draw';
import { FlightTracker, laneKey } from './flights';
import { CellLayer } from './cell-layer';
import { PartitionHistory } from './partition-history';
import { cellX, computeLayout, visibleCells, type StageLayout } from './layout';
import { useReducedMotion } from '../useReducedMotion';
import { stepHighlights, stepKey } from '../useHighlights';

/** How fast a lane slides to its new log end (time constant, ms). */
const SLIDE_MS = 90;
/** How far (in cells) the drawn lane may trail the real log end while sliding. */
const MAX_SLIDE_CELLS = 2;

/**
 * The stage: producers, the topic's partitions as log lanes and the consumer
 * groups, drawn on a canvas every frame (SVG cannot keep 60 fps with
 * thousands of moving cells). Pointer: hover a record to highlight its key,
 * click it to inspect it. The partition list below it is the same picture
 * for screen readers.
 */
export function Stage() {
  const store = useLabStore();
  const host = useRef<HTMLDivElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const reducedMotion = useReducedMotion();
  const layoutRef = useRef<StageLayout | null>(null);
  const displayEnd = useRef(new Map<string, number>());
  const zoomRef = useRef(1);

  // A layout effect, so the first frame is drawn before the browser first paints.
  useLayoutEffect(() => {
    const el = canvas.current!;
    const box = host.current!;
    const ctx = el.getContext('2d', { alpha: false });
    if (!ctx) return;
    const flights = new FlightTracker();
    const history = new PartitionHistory();
    const cells = new CellLayer();
    let size = { w: 0, h: 0, dpr: 1 };
    let marked = false;
    // Redraw only when something visible changed.
    let drawn: {
      snapshot: unknown;
      hover: string | null;
      highlight: readonly string[];
      theme: string;
      w: number;
      h: number;
    } | null = null;
    let layout: StageLayout | null = null;
    let layoutKey = '';
    let last = performance.now();
    let lastTime = 0;
    let handle = 0;
    const measure = () => {
      const r = box.getBoundingClientRect();
      const dpr = window.devicePixelRatio || 1;
      const w = Math.max(200, r.width);
      const h = Math.max(100, r.height);
      if (w === size.w && h === size.h && dpr === size.dpr) return;
      size = { w, h, dpr };
      el.width = Math.round(w * dpr);
      el.height = Math.round(h * dpr);
      el.style.width = `${w}px`;
      el.style.height = `${h}px`;
    };
    const observer = new ResizeObserver(measure);
    observer.observe(box);
    const frame = (t: number) => {
      const dt = Math.min(250, t - last);
      last = t;
      const state = store.getState();
      const s = state.snapshot;
      if (size.w > 0) {
        // Big canvases (1080p, 4K projectors) draw everything larger rather than emptier.
        const zoom = Math.max(1, Math.min(2.5, size.w / 1150, size.h / 520));
        const key = layoutSignature(s, size.w, size.h);
        if (key !== layoutKey || !layout) {
          layout = computeLayout(s, size.w / zoom, size.h / zoom);
          layoutKey = key;
        }
        zoomRef.current = zoom;
        layoutRef.current = layout;
        const ends = displayEnd.current;
        const k = reducedMotion ? 1 : 1 - Math.exp(-dt / SLIDE_MS);
        let sliding = false;
        for (const t2 of s.topics) {
          for (const p of t2.partitions) {
            const lk = laneKey(t2.name, p.partition);
            const shown = ends.get(lk);
            let next =
              shown === undefined || shown > p.logEndOffset
                ? p.logEndOffset
                : shown + (p.logEndOffset - shown) * k;
            // Never lag more than a couple of cells: at high speed the lane would run empty.
            next = Math.max(next, p.logEndOffset - MAX_SLIDE_CELLS);
            if (p.logEndOffset - next < 0.002) next = p.logEndOffset;
            else sliding = true;
            ends.set(lk, next);
          }
        }
        flights.update(s, !reducedMotion && state.playing);
        if (s.time < lastTime) history.reset();
        lastTime = s.time;
        history.update(s, t);
        const hover = state.hoverKey ?? stepKey(state);
        const highlight = stepHighlights(state);
        const glowing = layout.lanes.some((l) => history.glow(l.topic, l.partition, t) > 0);
        const changed =
          drawn === null ||
          drawn.snapshot !== s ||
          drawn.hover !== hover ||
          drawn.highlight !== highlight ||
          drawn.theme !== state.theme ||
          drawn.w !== size.w ||
          drawn.h !== size.h;
        // Flights move with simulated time, so a new snapshot is what moves them.
        if (changed || sliding || glowing) {
          ctx.setTransform(size.dpr * zoom, 0, 0, size.dpr * zoom, 0, 0);
          const { cellsAsPixels } = drawStage(ctx, layout, s, {
            theme: state.theme,
            hoverKey: hover,
            highlight,
            displayEnd: ends,
            flights,
            history,
            realNow: t,
            cells,
          });
          const how = cellsAsPixels ? 'pixels' : 'canvas';
          if (el.dataset.cells !== how) el.dataset.cells = how;
          drawn = { snapshot: s, hover, highlight, theme: state.theme, w: size.w, h: size.h };
        }
        if (!marked && layout.lanes.length > 0) {
          marked = true;
          performance.mark('pl:first-lane');
        }
        // After drawing: this frame shows the snapshot it read; the next one brings the
        // records a lane can show (a new snapshot that the first frame need not wait for).
        const want = layout.lanes.length > 0 ? visibleCells(layout.lanes[0]!) + 2 : 0;
        if (want !== state.recordsPerPartition) state.setRecordsPerPartition(want);
      }
      handle = requestAnimationFrame(frame);
    };
    measure();
    frame(last);
    return () => {
      cancelAnimationFrame(handle);
      observer.disconnect();
    };
  }, [store, reducedMotion]);

  /** The record under the pointer, if any. */
  const recordAt = (clientX: number, clientY: number) => {
    const layout = layoutRef.current;
    const el = canvas.current;
    if (!layout || !el) return null;
    const r = el.getBoundingClientRect();
    const x = (clientX - r.left) / zoomRef.current;
    const y = (clientY - r.top) / zoomRef.current;
    const lane = layout.lanes.find(
      (l) => y >= l.y && y < l.y + Math.max(l.h, 2) && x >= l.cellsX && x < l.cellsX + l.cellsW,
    );
    if (!lane) return null;
    const end = displayEnd.current.get(laneKey(lane.topic, lane.partition)) ?? 0;
    const s = store.getState().snapshot;
    const p = s.topics.find((t) => t.name === lane.topic)?.partitions[lane.partition];
    const record = p?.records.find((rec) => {
      const cx = cellX(lane, end, rec.offset);
      return x >= cx && x < cx + lane.cellW;
    });
    return record ? { lane, record } : null;
  };

  return (
    <div className="stage" ref={host}>
      <canvas
        ref={canvas}
        role="img"
        aria-label="Producers, partitions and consumer groups; the list below describes the same state"
        onPointerMove={(e) => {
          const hit = recordAt(e.clientX, e.clientY);
          store.getState().setHoverKey(hit ? (hit.record.key ?? hit.record.entity) : null);
          e.currentTarget.style.cursor = hit ? 'pointer' : 'default';
        }}
        onPointerLeave={() => store.getState().setHoverKey(null)}
        onClick={(e) => {
          const hit = recordAt(e.clientX, e.clientY);
          if (hit) store.getState().inspect(hit.lane.topic, hit.lane.partition, hit.record.offset);
        }}
      />
      <PartitionList />
    </div>
  );
}

/** What the layout depends on: size, topics' partition counts, producers, groups and members. */
function layoutSignature(s: Snapshot, w: number, h: number): string {
  let key = `${w}x${h}`;
  for (const t of s.topics) key += `|${t.name}:${t.partitions.length}`;
  for (const p of s.producers) key += `|p:${p.id}`;
  for (const g of s.groups) key += `|g:${g.groupId}:${g.members.map((m) => m.memberId).join(',')}`;
  return key;
}

/**
 * While playing, the partitions' offsets in the description below are renewed
 * once a second, not at every panel refresh: no one reads faster than that,
 * and at 64 partitions the page spent more time laying out this list than
 * drawing the lanes. A new partition, a pause or a step shows at once.
 */
const DESCRIBE_EVERY_MS = 1000;

/** The panels' topics, renewed at most every DESCRIBE_EVERY_MS while playing. */
function useDescribedTopics(): Snapshot['topics'] {
  const store = useLabStore();
  const cache = useRef<{
    /** What the description shows, since `at`. */
    shown: Snapshot['topics'];
    shape: string;
    at: number;
    /** The panels' topics at the last read: a renewal waits for new ones, to show them fresh. */
    seen: Snapshot['topics'];
  } | null>(null);
  const read = () => {
    const state = store.getState();
    const topics = state.panel.topics;
    const last = cache.current;
    if (last && (last.shown === topics || (last.seen === topics && state.playing))) {
      return last.shown;
    }
    const shape = topics.map((t) => `${t.name}:${t.partitions.length}`).join('|');
    const now = performance.now();
    if (last && state.playing && last.shape === shape && now - last.at < DESCRIBE_EVERY_MS) {
      last.seen = topics;
      return last.shown;
    }
    cache.current = { shown: topics, shape, at: now, seen: topics };
    return topics;
  };
  return useSyncExternalStore(store.subscribe, read, read);
}

/** The stage's content as text, for screen readers (and the browser tests). */
function PartitionList() {
  const topics = useDescribedTopics();
  const groups = useLab((s) => s.panel.groups);
  return (
    <div className="sr-only">
      {topics.map((t) => (
        <section
          key={t.name}
          data-testid="topic"
          data-topic={t.name}
          aria-label={`Topic ${t.name}`}
        >
          <ul>
            {t.partitions.map((p) => (
              <li key={p.partition} data-testid="partition" data-partition={p.partition}>
                Partition {p.partition}: log start offset {p.logStartOffset}, log end offset{' '}
                {p.logEndOffset}
              </li>
            ))}
          </ul>
        </section>
      ))}
      {groups.map((g) => (
        <section
          key={g.groupId}
          data-testid="group"
          data-group={g.groupId}
          aria-label={`Group ${g.groupId}`}
        >
          <p>
            Group {g.groupId}: {g.state}, generation {g.generation}, total lag{' '}
            {g.totalLag ?? 'unknown'}
          </p>
          <ul>
            {g.members.map((m) => (
              <li
                key={m.memberId}
                data-testid="member"
                data-member={m.memberId}
                data-status={m.status}
              >
                {m.memberId}: {m.status},{' '}
                {m.assignment.length === 0
                  ? 'no partitions (idle: more consumers than partitions)'
                  : `partitions ${m.assignment.map(([, p]) => p).join(', ')}`}
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}
