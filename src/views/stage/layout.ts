import type { Snapshot } from '../../model/index';
import { FLIGHT_MAX_SIZE, laneKey } from './flights';

/** Geometry of the stage, computed from a snapshot and the canvas size. */
export interface Box {
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
}

export interface LaneBox extends Box {
  readonly topic: string;
  readonly partition: number;
  /** laneKey(topic, partition), made once per layout rather than every frame. */
  readonly key: string;
  /** Where the cells run: [cellsX, cellsX + cellsW). */
  readonly cellsX: number;
  readonly cellsW: number;
  readonly cellW: number;
  /** Large enough for offset numbers and labels. */
  readonly detailed: boolean;
  readonly labeled: boolean;
}

export interface TopicBox extends Box {
  readonly name: string;
  readonly deadLetter: boolean;
}

export interface MemberBox extends Box {
  readonly memberId: string;
  readonly detailed: boolean;
}

export interface GroupBox extends Box {
  readonly groupId: string;
  readonly index: number;
  readonly members: readonly MemberBox[];
  /** Members not drawn for lack of room. */
  readonly hidden: number;
  /** One-line header (no status line) for lack of room. */
  readonly compact: boolean;
}

export interface StageLayout {
  readonly width: number;
  readonly height: number;
  readonly producers: readonly (Box & { readonly id: string; readonly detailed: boolean })[];
  readonly topics: readonly TopicBox[];
  readonly lanes: readonly LaneBox[];
  /** The lanes by their key (laneKey). */
  readonly lanesByKey: ReadonlyMap<string, LaneBox>;
  /** The area every lane's cells share. */
  readonly cells: Box;
  /** The cells and the air between the producers and the lanes: what the pixel layer covers. */
  readonly airAndCells: Box;
  readonly groups: readonly GroupBox[];
}

export const MIN_TEXT_PX = 14;
const PAD = 12;
const PRODUCER_W = 150;
const GROUP_W = 220;
const LANE_LABEL_W = 44;
const TOPIC_HEADER = 24;
const MAX_LANE_H = 52;

export function computeLayout(s: Snapshot, width: number, height: number): StageLayout {
  const wide = width >= 900;
  const producerW = wide ? PRODUCER_W : 120;
  const groupW = wide ? GROUP_W : 210;
  const lanesX = PAD + producerW + 36;
  const lanesW = Math.max(120, width - lanesX - groupW - 56);
  const innerH = height - 2 * PAD;

  // Topics stacked; each takes room in proportion to its partitions (DLQs are one lane).
  const laneCount = s.topics.reduce((n, t) => n + t.partitions.length, 0);
  const headers = s.topics.length * TOPIC_HEADER + (s.topics.length - 1) * 8;
  const laneH = Math.max(1, Math.min(MAX_LANE_H, (innerH - headers) / Math.max(1, laneCount)));
  const gap = laneH >= 16 ? 4 : laneH >= 5 ? 1 : 0;
  // Cells grow with the lanes (readable from the back of a room), never below 34 px.
  const cellW = Math.round(Math.max(34, Math.min(54, laneH * 1.05)));
  const topics: TopicBox[] = [];
  const lanes: LaneBox[] = [];
  const used = headers + laneCount * laneH;
  let y = PAD + Math.max(0, (innerH - used) / 2);
  const labelEvery = laneH >= 16 ? 1 : Math.ceil(16 / laneH);
  for (const topic of s.topics) {
    const top = y;
    y += TOPIC_HEADER;
    for (const p of topic.partitions) {
      const cellsX = lanesX + LANE_LABEL_W;
      const cellsW = lanesW - LANE_LABEL_W;
      lanes.push({
        topic: topic.name,
        partition: p.partition,
        key: laneKey(topic.name, p.partition),
        x: lanesX,
        y,
        w: lanesW,
        h: Math.max(1, laneH - gap),
        cellsX,
        cellsW,
        cellW,
        detailed: laneH >= 22,
        labeled: p.partition % labelEvery === 0,
      });
      y += laneH;
    }
    topics.push({
      name: topic.name,
      deadLetter: topic.role === 'dead-letter',
      x: lanesX,
      y: top,
      w: lanesW,
      h: y - top,
    });
    y += 8;
  }

  const producers = s.producers.map((p, i) => {
    const h = Math.min(
      64,
      (innerH - (s.producers.length - 1) * 8) / Math.max(1, s.producers.length),
    );
    const total = s.producers.length * h + (s.producers.length - 1) * 8;
    return {
      id: p.id,
      x: PAD,
      y: PAD + (innerH - total) / 2 + i * (h + 8),
      w: producerW,
      h,
      detailed: h >= 40,
    };
  });

  // Groups stacked on the right; member rows shrink (and lose text) when many.
  const groupsX = width - PAD - groupW;
  const groupGap = 10;
  const groupCount = s.groups.length;
  // Headers shrink to one line when many groups share the height.
  const headerH = groupCount * (46 + groupGap) <= innerH / 2 ? 46 : 24;
  const rows = s.groups.reduce((n, g) => n + Math.max(1, g.members.length), 0);
  const avail = Math.max(0, innerH - groupCount * (headerH + groupGap + 6));
  const rowH = Math.max(3, Math.min(26, avail / Math.max(1, rows)));
  // When even 3 px rows do not fit, each group shows its share of rows and counts the rest.
  const budget = Math.floor(avail / rowH);
  const shares = s.groups.map((g) =>
    rows <= budget ? g.members.length : Math.floor((budget * Math.max(1, g.members.length)) / rows),
  );
  const groupsH = s.groups.reduce(
    (h, _g, i) => h + headerH + Math.max(1, shares[i]!) * rowH + 6 + groupGap,
    -groupGap,
  );
  let gy = PAD + Math.max(0, (innerH - groupsH) / 2);
  const groups: GroupBox[] = s.groups.map((g, index) => {
    const shown = Math.min(g.members.length, shares[index]!);
    const members: MemberBox[] = g.members.slice(0, shown).map((m, i) => ({
      memberId: m.memberId,
      x: groupsX + 8,
      y: gy + headerH + i * rowH,
      w: groupW - 16,
      h: Math.max(2, rowH - 2),
      detailed: rowH >= 17,
    }));
    const h = headerH + Math.max(1, shown) * rowH + 6;
    const box: GroupBox = {
      groupId: g.groupId,
      index,
      x: groupsX,
      y: gy,
      w: groupW,
      h,
      members,
      hidden: g.members.length - shown,
      compact: headerH < 46,
    };
    gy += h + groupGap;
    return box;
  });

  const lanesByKey = new Map(lanes.map((lane) => [lane.key, lane]));
  const cells = cellsBox(lanes);
  return {
    width,
    height,
    producers,
    topics,
    lanes,
    lanesByKey,
    cells,
    airAndCells: airAndCellsBox(cells, producers),
    groups,
  };
}

/** Half the largest flight. */
const FLIGHT_HALF = FLIGHT_MAX_SIZE / 2;

/** `cells` widened to where flights fly: from the producers' right edges, at their heights. */
function airAndCellsBox(cells: Box, producers: readonly Box[]): Box {
  if (cells.w === 0 || producers.length === 0) return cells;
  let x0 = cells.x;
  let y0 = cells.y;
  let y1 = cells.y + cells.h;
  for (const p of producers) {
    x0 = Math.min(x0, p.x + p.w - FLIGHT_HALF);
    y0 = Math.min(y0, p.y + p.h / 2 - FLIGHT_HALF);
    y1 = Math.max(y1, p.y + p.h / 2 + FLIGHT_HALF);
  }
  return { x: x0, y: y0, w: cells.x + cells.w - x0, h: y1 - y0 };
}

function cellsBox(lanes: readonly LaneBox[]): Box {
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  for (const l of lanes) {
    x0 = Math.min(x0, l.cellsX);
    y0 = Math.min(y0, l.y);
    x1 = Math.max(x1, l.cellsX + l.cellsW + 1);
    y1 = Math.max(y1, l.y + l.h);
  }
  return lanes.length === 0 ? { x: 0, y: 0, w: 0, h: 0 } : { x: x0, y: y0, w: x1 - x0, h: y1 - y0 };
}

/** x of the left edge of `offset`'s cell when the lane's right end shows `end` (exclusive). */
export function cellX(lane: LaneBox, end: number, offset: number): number {
  return lane.cellsX + lane.cellsW - (end - offset) * lane.cellW;
}

/** Cells that fit in a lane. */
export function visibleCells(lane: LaneBox): number {
  return Math.floor(lane.cellsW / lane.cellW);
}
