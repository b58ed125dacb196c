import type {
  GroupSnapshot,
  PartitionSnapshot,
  ProducerSnapshot,
  Snapshot,
} from '../../model/index';
import { awaitedPolls } from '../awaited-polls';
import { groupColor, keyColor, STAGE_COLORS, type ThemeName } from '../colors';
import { parseHighlight } from '../../scenarios/schema';
import { FLIGHT_MS, flightSize, laneKey, type FlightTracker } from './flights';
import { cellX, type Box, type LaneBox, type StageLayout } from './layout';
import type { PartitionHistory } from './partition-history';
import type { CellLayer } from './cell-layer';

export interface DrawState {
  readonly theme: ThemeName;
  readonly hoverKey: string | null;
  /** Narration highlights ("partition:t/0", "group:g", …) outlined on the stage. */
  readonly highlight: readonly string[];
  /** Smoothed log end per lane (fractional while sliding). */
  readonly displayEnd: ReadonlyMap<string, number>;
  readonly flights: FlightTracker;
  readonly history: PartitionHistory;
  /** Real time (ms), for the glow of new lanes. */
  readonly realNow: number;
  /** Where record cells are written as pixels when there are many. */
  readonly cells: CellLayer;
}

const FONT = 'system-ui, "Segoe UI", Roboto, sans-serif';

/** Draws the stage; says whether the cells went in as pixels (for checks and benchmarks). */
export function drawStage(
  ctx: CanvasRenderingContext2D,
  layout: StageLayout,
  s: Snapshot,
  state: DrawState,
): { readonly cellsAsPixels: boolean } {
  ctx.textBaseline = 'middle';
  drawStaticCached(ctx, layout, s, state.theme);

  const partitions = new Map<string, PartitionSnapshot>();
  for (const t of s.topics)
    for (const p of t.partitions) partitions.set(laneKey(t.name, p.partition), p);
  const end = (lane: LaneBox) => state.displayEnd.get(lane.key) ?? 0;

  drawOwnershipCached(ctx, layout, s, state.theme);

  const marks = laneMarks(s, state.theme);
  const shown: [LaneBox, PartitionSnapshot][] = [];
  for (const lane of layout.lanes) {
    const p = partitions.get(lane.key);
    if (p) shown.push([lane, p]);
  }
  // Cells first, then everything drawn over them. Many cells go in as pixels, in one blit;
  // a few are cheaper drawn than a blit of the whole lane area (a 4K projector's is large).
  const scale = ctx.getTransform().a;
  const box = layout.cells;
  let cellCount = 0;
  for (const [, p] of shown) cellCount += p.records.length;
  // The layer also covers the air between producers and lanes: flights go in as pixels too
  // (each a different key colour, they cost the canvas a colour parse and a rect apiece).
  const layer =
    cellCount * DEVICE_PIXELS_PER_CELL >= box.w * box.h * scale * scale &&
    state.cells.begin(layout.airAndCells, scale)
      ? state.cells
      : null;
  for (const [lane, p] of shown) drawLaneCells(ctx, lane, p, end(lane), state, layer);
  // Faded flights (a key hovered) are blended by the canvas: the layer writes, never blends.
  const flightLayer = state.hoverKey === null ? layer : null;
  if (flightLayer !== null) drawFlights(ctx, layout, s, end, state, flightLayer);
  layer?.end(ctx);
  for (const [lane, p] of shown) {
    drawLane(ctx, lane, p, end(lane), marks.get(lane.key) ?? NO_MARKS, state);
  }

  if (flightLayer === null) drawFlights(ctx, layout, s, end, state, null);
  layout.groups.forEach((box) => {
    const g = s.groups.find((x) => x.groupId === box.groupId);
    if (g) drawGroup(ctx, box, g, s.time, state.theme);
  });
  if (state.highlight.length > 0) drawHighlights(ctx, layout, state);
  return { cellsAsPixels: layer !== null };
}

/**
 * Measured in headless Chromium: blitting the cell layer costs about as much
 * per 300 device pixels it covers as drawing one cell with the canvas does.
 */
const DEVICE_PIXELS_PER_CELL = 300;

/** Outlines what the narration step names, so the room knows where to look. */
function drawHighlights(
  ctx: CanvasRenderingContext2D,
  layout: StageLayout,
  state: DrawState,
): void {
  const boxes: Box[] = [];
  for (const ref of state.highlight) {
    const h = parseHighlight(ref);
    if (h === null) continue;
    const { kind, name } = h;
    if (kind === 'topic') boxes.push(...layout.topics.filter((t) => t.name === name));
    else if (kind === 'partition') {
      const slash = name.lastIndexOf('/');
      const topic = name.slice(0, slash);
      const partition = Number(name.slice(slash + 1));
      boxes.push(...layout.lanes.filter((l) => l.topic === topic && l.partition === partition));
    } else if (kind === 'group') boxes.push(...layout.groups.filter((g) => g.groupId === name));
    else if (kind === 'member') {
      for (const g of layout.groups) boxes.push(...g.members.filter((m) => m.memberId === name));
    } else if (kind === 'producer') boxes.push(...layout.producers.filter((p) => p.id === name));
  }
  if (boxes.length === 0) return;
  ctx.save();
  ctx.strokeStyle = STAGE_COLORS[state.theme].highlight;
  ctx.lineWidth = 3;
  ctx.setLineDash([8, 5]);
  for (const b of boxes) ctx.strokeRect(b.x - 3, b.y - 3, b.w + 6, b.h + 6);
  ctx.restore();
}

/** What each group shows on a lane: its committed offset and the record in hand. */
interface LaneMark {
  readonly color: string;
  readonly committed: number | null;
  readonly inFlight: number | null;
}
const NO_MARKS: readonly LaneMark[] = [];

/** Lane marks for every lane, built once per frame (not searched per lane). */
function laneMarks(s: Snapshot, theme: ThemeName): Map<string, LaneMark[]> {
  const out = new Map<string, LaneMark[]>();
  s.groups.forEach((g, gi) => {
    const color = groupColor(gi, theme);
    const inHand = new Map<string, number>();
    for (const m of g.members) {
      for (const f of m.inFlight) inHand.set(laneKey(f.topic, f.partition), f.offset);
    }
    for (const row of g.partitions) {
      const key = laneKey(row.topic, row.partition);
      let list = out.get(key);
      if (!list) out.set(key, (list = []));
      list.push({ color, committed: row.currentOffset, inFlight: inHand.get(key) ?? null });
    }
  });
  return out;
}

/** Space above and below a lane's cells. */
function cellPad(lane: LaneBox): number {
  return lane.h >= 10 ? 2 : 0;
}

/** A cell's drawn width (a gap between neighbours). */
function cellWidth(lane: LaneBox): number {
  return lane.cellW - (lane.h >= 10 ? 3 : 1);
}

/** x of a record's cell, or NaN once it has slid out of view (no clipping: it stops being drawn). */
function shownCellX(lane: LaneBox, end: number, offset: number, w: number): number {
  const x = cellX(lane, end, offset);
  return x < lane.cellsX || x + w > lane.cellsX + lane.cellsW + 1 ? NaN : x;
}

/** Faded while another key is hovered. */
function isDimmed(r: PartitionSnapshot['records'][number], hoverKey: string | null): boolean {
  return hoverKey !== null && (r.key ?? r.entity) !== hoverKey;
}

/** A lane's glow and record cells (into the pixel layer when there is one). */
function drawLaneCells(
  ctx: CanvasRenderingContext2D,
  lane: LaneBox,
  p: PartitionSnapshot,
  end: number,
  state: DrawState,
  layer: CellLayer | null,
): void {
  const colors = STAGE_COLORS[state.theme];
  // A partition just added glows for a moment.
  const glow = state.history.glow(lane.topic, lane.partition, state.realNow);
  if (glow > 0) {
    ctx.globalAlpha = glow * 0.6;
    ctx.fillStyle = colors.warning;
    ctx.fillRect(lane.cellsX, lane.y, lane.cellsW, lane.h);
    ctx.globalAlpha = 1;
  }
  const pad = cellPad(lane);
  const w = cellWidth(lane);
  for (const r of p.records) {
    const x = shownCellX(lane, end, r.offset, w);
    if (Number.isNaN(x)) continue;
    const dim = isDimmed(r, state.hoverKey);
    // The record is in the log from the moment it was appended (a flight only shows where it went).
    const color = keyColor(r.key, state.theme);
    if (layer !== null) {
      layer.fill(x, lane.y + pad, w, lane.h - 2 * pad, color, dim ? 0.22 : 1);
    } else {
      ctx.globalAlpha = dim ? 0.22 : 1;
      ctx.fillStyle = color;
      ctx.fillRect(x, lane.y + pad, w, lane.h - 2 * pad);
    }
  }
  ctx.globalAlpha = 1;
}

/** What a lane shows over its cells: moved keys, poison, offsets, markers, log start and end. */
function drawLane(
  ctx: CanvasRenderingContext2D,
  lane: LaneBox,
  p: PartitionSnapshot,
  end: number,
  marks: readonly LaneMark[],
  state: DrawState,
): void {
  const colors = STAGE_COLORS[state.theme];
  const grown = state.history.grown;
  const pad = cellPad(lane);
  const w = cellWidth(lane);
  // Offsets are shown whole, in a size that fits the cell, or not at all (never cut).
  const digits = String(Math.max(1, p.logEndOffset - 1)).length;
  const fontPx = Math.floor(Math.min(20, lane.h * 0.4, (w - 6) / (digits * 0.7)));
  const numbers = lane.detailed && fontPx >= 14;
  const outlined = state.hoverKey !== null && lane.h >= 6;
  if (numbers || outlined || lane.h >= 10) {
    ctx.font = `600 ${fontPx}px ${FONT}`;
    ctx.textAlign = 'center';
    for (const r of p.records) {
      const x = shownCellX(lane, end, r.offset, w);
      if (Number.isNaN(x)) continue;
      const dim = isDimmed(r, state.hoverKey);
      ctx.globalAlpha = dim ? 0.22 : 1;
      // A key that now lands here but did before partitions were added: a white corner.
      if (
        grown &&
        r.key !== null &&
        lane.h >= 10 &&
        state.history.keyMoved(lane.topic, r.key, lane.partition)
      ) {
        ctx.fillStyle = '#ffffff';
        ctx.beginPath();
        ctx.moveTo(x + w, lane.y + pad);
        ctx.lineTo(x + w - 10, lane.y + pad);
        ctx.lineTo(x + w, lane.y + pad + 10);
        ctx.fill();
      }
      if (r.poison && lane.h >= 10) {
        ctx.strokeStyle = colors.danger;
        ctx.lineWidth = 3;
        ctx.strokeRect(x + 1.5, lane.y + pad + 1.5, w - 3, lane.h - 2 * pad - 3);
      }
      if (numbers) {
        ctx.fillStyle = '#ffffff';
        ctx.fillText(String(r.offset), x + w / 2, lane.y + lane.h / 2);
      }
      if (!dim && outlined) {
        ctx.strokeStyle = colors.text;
        ctx.lineWidth = 2;
        ctx.strokeRect(x + 1, lane.y + pad + 1, w - 2, lane.h - 2 * pad - 2);
      }
    }
  }
  ctx.globalAlpha = 1;
  // Log start: a bar where the log begins, when it is on screen.
  const startX = cellX(lane, end, p.logStartOffset);
  if (startX >= lane.cellsX) {
    ctx.fillStyle = colors.muted;
    ctx.fillRect(startX - 3, lane.y, 2, lane.h);
  }
  // Each group's committed offset (the next offset it will read) and its consumers' positions.
  for (const mark of marks) {
    if (lane.h < 6) break;
    if (mark.inFlight !== null) {
      const x = cellX(lane, end, mark.inFlight);
      if (x >= lane.cellsX) {
        ctx.strokeStyle = mark.color;
        ctx.lineWidth = 3;
        ctx.strokeRect(x - 0.5, lane.y + 0.5, lane.cellW - 2, lane.h - 1);
      }
    }
    if (mark.committed !== null) {
      const exact = cellX(lane, end, mark.committed) - 1.5;
      const x = Math.max(lane.cellsX + 2, exact);
      ctx.fillStyle = mark.color;
      ctx.fillRect(x - 1.5, lane.y, 3, lane.h);
      const size = Math.min(7, lane.h / 3);
      ctx.beginPath();
      ctx.moveTo(x - size, lane.y + lane.h);
      ctx.lineTo(x + size, lane.y + lane.h);
      ctx.lineTo(x, lane.y + lane.h - size);
      ctx.fill();
      if (exact < x && lane.detailed) {
        // Committed further back than the lane shows: say where.
        const label = `◀ ${mark.committed}`;
        ctx.font = `600 14px ${FONT}`;
        const tw = textWidth(ctx, label);
        ctx.fillStyle = colors.background;
        ctx.fillRect(x + 4, lane.y + 3, tw + 8, 18);
        ctx.fillStyle = mark.color;
        ctx.textAlign = 'left';
        ctx.fillText(label, x + 8, lane.y + 12);
      }
    }
  }
  if (lane.detailed) {
    ctx.fillStyle = colors.text;
    ctx.font = `14px ${FONT}`;
    ctx.textAlign = 'left';
    ctx.fillText(String(p.logEndOffset), lane.cellsX + lane.cellsW + 6, lane.y + lane.h / 2);
  }
}

function drawFlights(
  ctx: CanvasRenderingContext2D,
  layout: StageLayout,
  s: Snapshot,
  end: (lane: LaneBox) => number,
  state: DrawState,
  layer: CellLayer | null,
): void {
  for (const f of state.flights.flights) {
    const lane = layout.lanesByKey.get(f.lane);
    const from = layout.producers.find((p) => p.id === f.producerId);
    if (!lane || !from) continue;
    const t = Math.min(1, Math.max(0, (s.time - f.bornAt) / FLIGHT_MS));
    const e = t * t * (3 - 2 * t);
    const x0 = from.x + from.w;
    const y0 = from.y + from.h / 2;
    const x1 = cellX(lane, end(lane), f.offset);
    if (x1 < lane.cellsX) continue; // its cell has already slid out of view
    const y1 = lane.y + lane.h / 2;
    const cx = (x0 + x1) / 2;
    const x = (1 - e) * (1 - e) * x0 + 2 * (1 - e) * e * cx + e * e * x1;
    const y = (1 - e) * (1 - e) * y0 + 2 * (1 - e) * e * y0 + e * e * y1;
    const size = flightSize(lane.h);
    const color = keyColor(f.key, state.theme);
    if (layer !== null) {
      layer.fill(x - size / 2, y - size / 2, size, size, color, 1);
      continue;
    }
    ctx.globalAlpha = state.hoverKey !== null && f.key !== state.hoverKey ? 0.25 : 1;
    ctx.fillStyle = color;
    ctx.fillRect(x - size / 2, y - size / 2, size, size);
  }
  ctx.globalAlpha = 1;
}

function keyModeLabel(p: ProducerSnapshot): string {
  if (p.keys.mode === 'none') {
    return p.partitioner.startsWith('java') ? 'no key · sticky' : 'no key · round-robin';
  }
  const legacy = p.partitioner === 'kafkajs-legacy' ? ' · legacy' : '';
  return `${p.keys.distribution === 'zipf' ? 'hot key' : 'keyed'} · ${p.keys.count} keys${legacy}`;
}

function drawProducer(
  ctx: CanvasRenderingContext2D,
  box: { x: number; y: number; w: number; h: number; detailed: boolean },
  p: ProducerSnapshot,
  theme: ThemeName,
): void {
  const colors = STAGE_COLORS[theme];
  ctx.fillStyle = colors.panel;
  ctx.strokeStyle = colors.laneLine;
  ctx.lineWidth = 1;
  roundRect(ctx, box.x, box.y, box.w, box.h, 8);
  ctx.fill();
  ctx.stroke();
  ctx.textAlign = 'left';
  ctx.fillStyle = colors.text;
  ctx.font = `600 15px ${FONT}`;
  const lines = box.h >= 62 ? 3 : box.h >= 40 ? 2 : box.h >= 20 ? 1 : 0;
  const top = box.y + box.h / 2 - ((lines - 1) * 19) / 2;
  if (lines >= 1) fillFit(ctx, p.id, box.x + 10, top, box.w - 16);
  ctx.font = `14px ${FONT}`;
  ctx.fillStyle = colors.muted;
  if (lines === 2)
    fillFit(
      ctx,
      `${formatRate(p.ratePerSec)}/s · ${keyModeLabel(p)}`,
      box.x + 10,
      top + 19,
      box.w - 16,
    );
  if (lines === 3) {
    fillFit(ctx, `${formatRate(p.ratePerSec)} records/s`, box.x + 10, top + 19, box.w - 16);
    fillFit(ctx, keyModeLabel(p), box.x + 10, top + 38, box.w - 16);
  }
}

function formatRate(r: number): string {
  return r >= 1000
    ? `${(r / 1000).toFixed(r >= 10_000 ? 0 : 1)}k`
    : r >= 10
      ? String(Math.round(r))
      : String(Number(r.toFixed(1)));
}

const STATUS_TEXT: Record<string, string> = {
  processing: 'busy',
  idle: 'idle',
  rebalancing: 'paused',
  leaving: 'leaving',
  crashed: 'crashed',
  away: 'away (static)',
  evicted: 'evicted',
};

/** What a rebalance in progress stops, by protocol (kafka-semantics §3). */
const REBALANCE_TEXT: Record<GroupSnapshot['protocol'], string> = {
  eager: 'all stopped',
  cooperative: 'only moved partitions wait',
  consumer: 'members reconcile one by one',
};

/** A member the coordinator no longer hears from (its partitions wait). */
const silent = (status: string) =>
  status === 'crashed' || status === 'away' || status === 'evicted';

function drawGroup(
  ctx: CanvasRenderingContext2D,
  box: StageLayout['groups'][number],
  g: GroupSnapshot,
  now: number,
  theme: ThemeName,
): void {
  const colors = STAGE_COLORS[theme];
  const color = groupColor(box.index, theme);
  ctx.textAlign = 'left';
  ctx.font = `14px ${FONT}`;
  const rebalancing = g.rebalance !== null;
  if (box.compact) {
    ctx.fillStyle = rebalancing ? colors.warning : colors.muted;
    ctx.textAlign = 'right';
    ctx.fillText(
      rebalancing ? 'rebalancing' : `lag ${g.totalLag ?? '–'}`,
      box.x + box.w - 10,
      box.y + 13,
    );
    ctx.textAlign = 'left';
  }
  ctx.fillStyle = rebalancing ? colors.warning : colors.muted;
  const lag = `lag ${g.totalLag ?? '–'}`;
  // A Java member still on its last poll's records keeps consuming; the others wait for it.
  const polling = awaitedPolls(g)[0];
  const what = polling ? `waiting for ${polling.memberId}’s poll` : REBALANCE_TEXT[g.protocol];
  const status = rebalancing
    ? `${g.protocol === 'consumer' ? 'reconciling' : 'rebalancing'} ${((now - g.rebalance!.startedAt) / 1000).toFixed(1)} s — ${what}`
    : `${g.state} · gen ${g.generation} · ${lag}`;
  // Members that do not fit are counted at the end of the status line, which gives them room.
  const more = box.hidden > 0 && !box.compact ? `+${box.hidden} more` : '';
  const room = box.w - 20 - (more === '' ? 0 : textWidth(ctx, more) + 10);
  if (!box.compact) {
    // Short of room, the lag stays: it is what the room is watching.
    const text = rebalancing || textWidth(ctx, status) <= room ? status : `${g.state} · ${lag}`;
    fillFit(ctx, text, box.x + 10, box.y + 33, room);
  }
  box.members.forEach((mb) => {
    const m = g.members.find((x) => x.memberId === mb.memberId);
    if (!m) return;
    const mid = mb.y + mb.h / 2;
    const statusColor =
      m.status === 'crashed' || m.status === 'evicted'
        ? colors.danger
        : m.status === 'processing'
          ? color
          : m.status === 'rebalancing' || m.status === 'leaving' || m.status === 'away'
            ? colors.warning
            : colors.muted;
    // Progress of the records in hand, one band per worker.
    const inHand = m.inFlight.length;
    if (inHand > 0 && mb.h >= 4) {
      const band = mb.h / inHand;
      ctx.globalAlpha = 0.18;
      ctx.fillStyle = color;
      m.inFlight.forEach((f, i) => {
        const share = Math.min(1, Math.max(0, (now - f.startedAt) / (f.endsAt - f.startedAt)));
        ctx.fillRect(mb.x, mb.y + i * band, mb.w * share, band);
      });
      ctx.globalAlpha = 1;
    }
    ctx.fillStyle = statusColor;
    ctx.beginPath();
    ctx.arc(mb.x + 7, mid, Math.min(5, mb.h / 2), 0, Math.PI * 2);
    if (m.status === 'idle') {
      ctx.strokeStyle = statusColor;
      ctx.lineWidth = 2;
      ctx.stroke();
    } else {
      ctx.fill();
    }
    if (mb.detailed) {
      ctx.font = `14px ${FONT}`;
      ctx.fillStyle =
        m.status === 'crashed' || m.status === 'evicted' ? colors.danger : colors.text;
      const parts =
        m.assignment.length === 0 ? 'no partition' : m.assignment.map(([, p]) => `P${p}`).join(' ');
      const label =
        m.sessionExpiresAt !== null
          ? `${m.memberId} ${STATUS_TEXT[m.status]} · session ${Math.max(0, (m.sessionExpiresAt - now) / 1000).toFixed(0)} s · ${parts}`
          : `${m.memberId} ${STATUS_TEXT[m.status]} · ${parts}`;
      fillFit(ctx, label, mb.x + 18, mid, mb.w - 20);
    }
  });
  if (more !== '') {
    ctx.fillStyle = colors.muted;
    ctx.font = `14px ${FONT}`;
    ctx.textAlign = 'right';
    ctx.fillText(more, box.x + box.w - 10, box.y + 33);
    ctx.textAlign = 'left';
  }
}

/**
 * Everything that changes only with the layout, the theme or a setting —
 * background, topic headers, lane backgrounds and labels, legend, producer
 * boxes, group frames and titles — is drawn once into a cache and copied each
 * frame: text is the costliest thing a software canvas draws.
 */
let staticCache: { key: string; canvas: HTMLCanvasElement } | null = null;

function drawStaticCached(
  ctx: CanvasRenderingContext2D,
  layout: StageLayout,
  s: Snapshot,
  theme: ThemeName,
): void {
  const scale = ctx.getTransform().a;
  const { width, height } = ctx.canvas;
  let key = `${theme}|${width}x${height}|${scale}|${layout.width}x${layout.height}`;
  for (const t of s.topics) key += `|${t.name}:${t.partitions.length}`;
  for (const p of s.producers) key += `|${p.id}:${p.ratePerSec}:${keyModeLabel(p)}`;
  for (const g of layout.groups) key += `|${g.groupId}:${g.y}:${g.h}:${g.members.length}`;
  if (staticCache?.key !== key) {
    const canvas = staticCache?.canvas ?? document.createElement('canvas');
    canvas.width = width;
    canvas.height = height;
    const c = canvas.getContext('2d', { alpha: false });
    if (!c) {
      drawStatic(ctx, layout, s, theme);
      return;
    }
    c.setTransform(scale, 0, 0, scale, 0, 0);
    c.textBaseline = 'middle';
    drawStatic(c, layout, s, theme);
    staticCache = { key, canvas };
  }
  ctx.save();
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.drawImage(staticCache.canvas, 0, 0);
  ctx.restore();
}

function drawStatic(
  ctx: CanvasRenderingContext2D,
  layout: StageLayout,
  s: Snapshot,
  theme: ThemeName,
): void {
  const colors = STAGE_COLORS[theme];
  ctx.fillStyle = colors.background;
  ctx.fillRect(0, 0, layout.width, layout.height);
  // Topic headers, and the log-end column's caption.
  for (const t of layout.topics) {
    ctx.font = `600 15px ${FONT}`;
    ctx.fillStyle = t.deadLetter ? colors.danger : colors.text;
    ctx.textAlign = 'left';
    const total = s.topics.find((x) => x.name === t.name)?.partitions.length ?? 0;
    ctx.fillText(
      `${t.deadLetter ? 'dead-letter topic ' : 'topic '}${t.name} · ${total} partition${total === 1 ? '' : 's'}`,
      t.x,
      t.y + 11,
    );
    const first = layout.lanes.find((l) => l.topic === t.name);
    if (first?.detailed) {
      ctx.font = `14px ${FONT}`;
      ctx.fillStyle = colors.muted;
      ctx.textAlign = 'right';
      // Over the log end offsets, short of the group boxes.
      const right = Math.min(
        first.cellsX + first.cellsW + 50,
        (layout.groups[0]?.x ?? Infinity) - 4,
      );
      ctx.fillText('log end', right, t.y + 11);
    }
  }
  drawLegend(ctx, layout, theme);
  for (const lane of layout.lanes) {
    ctx.fillStyle = colors.lane;
    ctx.fillRect(lane.cellsX, lane.y, lane.cellsW, lane.h);
    if (lane.labeled && lane.h >= 1) {
      ctx.fillStyle = colors.muted;
      ctx.font = `600 ${lane.h >= 30 ? 16 : 14}px ${FONT}`;
      ctx.textAlign = 'right';
      ctx.fillText(`P${lane.partition}`, lane.cellsX - 8, lane.y + lane.h / 2);
    }
  }
  for (const p of layout.producers) {
    const producer = s.producers.find((x) => x.id === p.id);
    if (producer) drawProducer(ctx, p, producer, theme);
  }
  for (const box of layout.groups) {
    const color = groupColor(box.index, theme);
    ctx.fillStyle = colors.panel;
    ctx.strokeStyle = color;
    ctx.lineWidth = 2;
    roundRect(ctx, box.x, box.y, box.w, box.h, 8);
    ctx.fill();
    ctx.stroke();
    ctx.textAlign = 'left';
    ctx.fillStyle = color;
    ctx.font = `700 15px ${FONT}`;
    // Compact boxes show "lag N" / "rebalancing" at the right of the title row: leave it room.
    const room = box.compact ? box.w - 20 - COMPACT_STATUS_W : box.w - 20;
    fillFit(ctx, `group ${box.groupId}`, box.x + 10, box.y + 13, room);
  }
}

/** Width kept for a compact group box's status ("rebalancing" at 14 px). */
const COMPACT_STATUS_W = 86;

/**
 * Ownership lines change only with assignments, so they are drawn once into
 * a cache and copied each frame (stroking ~100 antialiased curves every frame
 * cost a fifth of the main thread at the heavy setting).
 */
let ownershipCache: { key: string; canvas: HTMLCanvasElement } | null = null;

function drawOwnershipCached(
  ctx: CanvasRenderingContext2D,
  layout: StageLayout,
  s: Snapshot,
  theme: ThemeName,
): void {
  const scale = ctx.getTransform().a;
  const { width, height } = ctx.canvas;
  let key = `${theme}|${width}x${height}|${scale}|${layout.width}x${layout.height}`;
  // Geometry: lanes and member rows move when partitions or members come and go.
  key += `|${layout.lanes.length}`;
  for (const box of layout.groups) key += `|${box.y}:${box.h}:${box.members.length}`;
  // Assignments change with a generation, or member by member (cooperative revocations,
  // KIP-848 reconciliation); a silent member only turns its lines dashed.
  for (const g of s.groups) {
    key += `|${g.groupId}:${g.generation}:${g.state}`;
    for (const m of g.members) {
      key += `,${m.assignment.map(([, p]) => p).join('.')}`;
      if (silent(m.status)) key += `!${m.memberId}`;
    }
  }
  if (ownershipCache?.key !== key) {
    const canvas = ownershipCache?.canvas ?? document.createElement('canvas');
    canvas.width = width;
    canvas.height = height;
    const c = canvas.getContext('2d');
    if (!c) return drawOwnership(ctx, layout, s, theme);
    c.setTransform(scale, 0, 0, scale, 0, 0);
    drawOwnership(c, layout, s, theme);
    ownershipCache = { key, canvas };
  }
  // Copy only the strip between the lanes and the groups, where the lines run.
  const x0 = Math.floor(
    Math.min(...layout.lanes.map((l) => l.cellsX + l.cellsW), layout.width) * scale,
  );
  const x1 = Math.ceil(Math.max(0, ...layout.groups.map((g) => g.x + 12)) * scale);
  if (x1 <= x0) return;
  ctx.save();
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.drawImage(ownershipCache.canvas, x0, 0, x1 - x0, height, x0, 0, x1 - x0, height);
  ctx.restore();
}

/** Lines from each member to the lanes it owns (dashed when the owner has crashed). */
function drawOwnership(
  ctx: CanvasRenderingContext2D,
  layout: StageLayout,
  s: Snapshot,
  theme: ThemeName,
): void {
  const colors = STAGE_COLORS[theme];
  layout.groups.forEach((box) => {
    const g = s.groups.find((x) => x.groupId === box.groupId);
    if (!g) return;
    const rows = new Map(box.members.map((m) => [m.memberId, m]));
    ctx.lineWidth = 1.5;
    for (const m of g.members) {
      const row = rows.get(m.memberId);
      if (!row) continue;
      ctx.strokeStyle = silent(m.status) ? colors.danger : groupColor(box.index, theme);
      ctx.setLineDash(silent(m.status) ? [5, 4] : []);
      ctx.globalAlpha = 0.45;
      for (const [topic, partition] of m.assignment) {
        const lane = layout.lanesByKey.get(laneKey(topic, partition));
        if (!lane) continue;
        const x0 = lane.cellsX + lane.cellsW + (lane.detailed ? 40 : 4);
        const y0 = lane.y + lane.h / 2;
        const x1 = row.x;
        const y1 = row.y + row.h / 2;
        ctx.beginPath();
        ctx.moveTo(x0, y0);
        ctx.bezierCurveTo((x0 + x1) / 2, y0, (x0 + x1) / 2, y1, x1, y1);
        ctx.stroke();
      }
    }
    ctx.setLineDash([]);
    ctx.globalAlpha = 1;
  });
}

function roundRect(
  ctx: CanvasRenderingContext2D,
  x: number,
  y: number,
  w: number,
  h: number,
  r: number,
): void {
  const rr = Math.min(r, h / 2, w / 2);
  ctx.beginPath();
  ctx.moveTo(x + rr, y);
  ctx.arcTo(x + w, y, x + w, y + h, rr);
  ctx.arcTo(x + w, y + h, x, y + h, rr);
  ctx.arcTo(x, y + h, x, y, rr);
  ctx.arcTo(x, y, x + w, y, rr);
  ctx.closePath();
}

/** Draws text cut with an ellipsis to fit `maxWidth` (never squeezed: it must stay readable). */
function fillFit(
  ctx: CanvasRenderingContext2D,
  text: string,
  x: number,
  y: number,
  maxWidth: number,
): void {
  const id = `${ctx.font}|${maxWidth}|${text}`;
  let fit = fitted.get(id);
  if (fit === undefined) {
    fit = fitText(ctx, text, maxWidth);
    if (fitted.size > 4000) fitted.clear();
    fitted.set(id, fit);
  }
  ctx.fillText(fit, x, y);
}

const widths = new Map<string, number>();

/** A text's width in the current font, measured once (measureText is slow in a frame loop). */
function textWidth(ctx: CanvasRenderingContext2D, text: string): number {
  const id = `${ctx.font}|${text}`;
  let width = widths.get(id);
  if (width === undefined) {
    width = ctx.measureText(text).width;
    if (widths.size > 4000) widths.clear();
    widths.set(id, width);
  }
  return width;
}

/** Truncations already measured (measureText is slow in a frame loop). */
const fitted = new Map<string, string>();

function fitText(ctx: CanvasRenderingContext2D, text: string, maxWidth: number): string {
  if (ctx.measureText(text).width <= maxWidth) return text;
  let lo = 0;
  let hi = text.length;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (ctx.measureText(text.slice(0, mid) + '…').width <= maxWidth) lo = mid;
    else hi = mid - 1;
  }
  return text.slice(0, lo) + '…';
}

/** What the marks mean, along the bottom edge when there is room. */
function drawLegend(ctx: CanvasRenderingContext2D, layout: StageLayout, theme: ThemeName): void {
  const lastLane = layout.lanes.at(-1);
  if (!lastLane || layout.height - (lastLane.y + lastLane.h) < 40 || layout.width < 700) return;
  const colors = STAGE_COLORS[theme];
  const y = layout.height - 16;
  let x = 12;
  ctx.font = `14px ${FONT}`;
  ctx.textAlign = 'left';
  // Items that would not fit on the line are left out rather than cut.
  let full = false;
  const item = (draw: () => void, text: string) => {
    const w = 18 + ctx.measureText(text).width;
    if (full || x + w > layout.width - 8) {
      full = true;
      return;
    }
    draw();
    ctx.fillStyle = colors.muted;
    ctx.fillText(text, x + 18, y);
    x += w + 22;
  };
  item(() => {
    ctx.fillStyle = groupColor(0, theme);
    ctx.fillRect(x + 5, y - 8, 3, 16);
  }, 'committed offset (next to read)');
  item(() => {
    ctx.strokeStyle = groupColor(0, theme);
    ctx.lineWidth = 3;
    ctx.strokeRect(x + 1, y - 7, 13, 14);
  }, 'being processed');
  item(() => {
    ctx.fillStyle = colors.muted;
    ctx.fillRect(x + 5, y - 8, 2, 16);
  }, 'log start');
  item(() => {
    ctx.fillStyle = keyColor(null, theme);
    ctx.fillRect(x + 1, y - 7, 13, 14);
  }, 'no key');
  item(() => {
    ctx.strokeStyle = colors.danger;
    ctx.lineWidth = 3;
    ctx.strokeRect(x + 1, y - 7, 13, 14);
  }, 'poison');
  item(() => {
    ctx.fillStyle = colors.muted;
    ctx.fillRect(x + 1, y - 7, 13, 14);
    ctx.fillStyle = '#ffffff';
    ctx.beginPath();
    ctx.moveTo(x + 14, y - 7);
    ctx.lineTo(x + 6, y - 7);
    ctx.lineTo(x + 14, y + 1);
    ctx.fill();
  }, 'key moved by added partitions');
}
