/**
 * The stage geometry (pure): everything inside the canvas, nothing overlapping,
 * labels far enough apart to read, for the snapshots the real model produces.
 */
import { describe, expect, it } from 'vitest';
import { createSimulation, type SimulationConfigInput, type Snapshot } from '../../src/model/index';
import {
  cellX,
  computeLayout,
  MIN_TEXT_PX,
  visibleCells,
  type Box,
  type StageLayout,
} from '../../src/views/stage/layout';

const TOPIC = 'user-events';
/** Float slack for sums of fractional lane heights. */
const EPS = 1e-9;

function snapshotWith(partitions: number, extra: Partial<SimulationConfigInput> = {}): Snapshot {
  return createSimulation({
    seed: 1,
    topics: [{ name: TOPIC, partitions }],
    producers: [
      { id: 'producer-1', topic: TOPIC },
      { id: 'producer-2', topic: TOPIC },
    ],
    apps: [
      { id: 'notifier', topics: [TOPIC], instances: 8 },
      { id: 'analytics', topics: [TOPIC], instances: 3 },
    ],
    ...extra,
  }).snapshot();
}

function expectInside(inner: Box, outer: Box, what: string): void {
  expect(inner.w, `${what} width`).toBeGreaterThan(0);
  expect(inner.h, `${what} height`).toBeGreaterThan(0);
  expect(inner.x, `${what} left`).toBeGreaterThanOrEqual(outer.x - EPS);
  expect(inner.y, `${what} top`).toBeGreaterThanOrEqual(outer.y - EPS);
  expect(inner.x + inner.w, `${what} right`).toBeLessThanOrEqual(outer.x + outer.w + EPS);
  expect(inner.y + inner.h, `${what} bottom`).toBeLessThanOrEqual(outer.y + outer.h + EPS);
}

/** Boxes stacked top to bottom without overlapping. */
function expectStacked(boxes: readonly Box[], what: string): void {
  for (let i = 1; i < boxes.length; i++) {
    expect(boxes[i - 1]!.y + boxes[i - 1]!.h, `${what} ${i - 1} and ${i}`).toBeLessThanOrEqual(
      boxes[i]!.y + EPS,
    );
  }
}

const canvasOf = (layout: StageLayout): Box => ({
  x: 0,
  y: 0,
  w: layout.width,
  h: layout.height,
});

const SIZES = [
  [1024, 576],
  [3840, 2160],
] as const;
const CASES = [3, 64, 256].flatMap((partitions) =>
  SIZES.map(([width, height]) => [partitions, width, height] as const),
);

describe('computeLayout', () => {
  it.each(CASES)('%i partitions at %ix%i', (partitions, width, height) => {
    const snapshot = snapshotWith(partitions);
    const layout = computeLayout(snapshot, width, height);
    const canvas = canvasOf(layout);
    expect(layout.width).toBe(width);
    expect(layout.height).toBe(height);

    // One lane per partition, in order, inside the canvas and its topic box, not overlapping.
    const { lanes } = layout;
    expect(lanes.map((l) => l.partition)).toEqual([...Array(partitions).keys()]);
    expect(layout.topics).toHaveLength(1);
    const topicBox = layout.topics[0]!;
    expectInside(topicBox, canvas, 'topic');
    for (const lane of lanes) {
      expect(lane.topic).toBe(TOPIC);
      expectInside(lane, canvas, `lane ${lane.partition}`);
      expectInside(lane, topicBox, `lane ${lane.partition} in its topic`);
      expect(lane.cellsX).toBeGreaterThanOrEqual(lane.x);
      expect(lane.cellsX + lane.cellsW).toBeLessThanOrEqual(lane.x + lane.w + EPS);
      expect(visibleCells(lane)).toBeGreaterThanOrEqual(1);
    }
    expectStacked(lanes, 'lanes');

    // Labels: partition 0 has one, and labelled lanes are at least MIN_TEXT_PX apart.
    const labeled = lanes.filter((l) => l.labeled);
    expect(labeled[0]!.partition).toBe(0);
    expect(labeled.length).toBeGreaterThanOrEqual(Math.min(partitions, 2));
    for (let i = 1; i < labeled.length; i++) {
      expect(labeled[i]!.y - labeled[i - 1]!.y).toBeGreaterThanOrEqual(MIN_TEXT_PX);
    }
    // Labels are not sparser than needed: skipping one fewer lane would put them too close.
    const laneStep = lanes[1]!.y - lanes[0]!.y;
    const every = labeled[1]!.partition - labeled[0]!.partition;
    if (every > 1) expect((every - 1) * laneStep).toBeLessThan(2 * MIN_TEXT_PX);
    if (partitions === 3) expect(labeled).toHaveLength(3);

    // Producers inside the canvas, left of the lanes, not overlapping.
    expect(layout.producers.map((p) => p.id)).toEqual(['producer-1', 'producer-2']);
    for (const p of layout.producers) {
      expectInside(p, canvas, `producer ${p.id}`);
      expect(p.x + p.w).toBeLessThan(lanes[0]!.x);
    }
    expectStacked(layout.producers, 'producers');

    // Groups inside the canvas, right of the lanes; member rows inside their group box.
    expect(layout.groups.map((g) => g.groupId)).toEqual(['notifier', 'analytics']);
    for (const g of layout.groups) {
      const members = snapshot.groups.find((x) => x.groupId === g.groupId)!.members;
      expectInside(g, canvas, `group ${g.groupId}`);
      expect(g.x).toBeGreaterThan(lanes[0]!.x + lanes[0]!.w);
      expect(g.members.length + g.hidden).toBe(members.length);
      expect(g.members.map((m) => m.memberId)).toEqual(
        members.slice(0, g.members.length).map((m) => m.memberId),
      );
      for (const m of g.members) expectInside(m, g, `member ${m.memberId}`);
      expectStacked(g.members, `members of ${g.groupId}`);
    }
    expectStacked(layout.groups, 'groups');
  });

  it('gives big lanes detail (offsets, labels) and tiny lanes none', () => {
    const big = computeLayout(snapshotWith(3), 3840, 2160);
    expect(big.lanes.every((l) => l.detailed && l.labeled)).toBe(true);
    expect(big.groups.every((g) => g.members.every((m) => m.detailed))).toBe(true);
    const small = computeLayout(snapshotWith(256), 1024, 576);
    expect(small.lanes.some((l) => l.detailed)).toBe(false);
    expect(small.lanes.filter((l) => l.labeled).length).toBeLessThan(256);
  });

  it('covers the cells and the air where flights fly, from each producer to every lane', () => {
    for (const partitions of [3, 64, 256]) {
      const layout = computeLayout(snapshotWith(partitions), 1000, 430);
      const air = layout.airAndCells;
      expectInside(layout.cells, air, `${partitions} partitions: cells`);
      expectInside(air, { x: 0, y: 0, w: layout.width, h: layout.height }, 'air');
      for (const p of layout.producers) {
        // A flight starts centred on the producer's right edge, up to 14 wide.
        expect(air.x).toBeLessThanOrEqual(p.x + p.w - 7 + EPS);
        expect(air.y).toBeLessThanOrEqual(p.y + p.h / 2 - 7 + EPS);
        expect(air.y + air.h).toBeGreaterThanOrEqual(p.y + p.h / 2 + 7 - EPS);
        // Nothing of the producer's box but its edge.
        expect(air.x).toBeGreaterThanOrEqual(p.x + p.w - 7 - EPS);
      }
    }
  });

  it('lays out an empty lab (no producers, no groups)', () => {
    const snapshot = createSimulation({ topics: [{ name: TOPIC, partitions: 3 }] }).snapshot();
    const layout = computeLayout(snapshot, 1024, 576);
    expect(layout.producers).toEqual([]);
    expect(layout.groups).toEqual([]);
    expect(layout.lanes).toHaveLength(3);
  });

  it('keeps every group the controls can make inside the canvas, or counts members hidden', () => {
    // Reachable from the UI: "Add application" three times, each app's consumers at 32.
    const snapshot = snapshotWith(3, {
      apps: [1, 2, 3, 4].map((i) => ({ id: `app-${i}`, topics: [TOPIC], instances: 32 })),
    });
    const layout = computeLayout(snapshot, 1024, 576);
    const canvas = canvasOf(layout);
    for (const g of layout.groups) {
      for (const m of g.members) expectInside(m, canvas, `member ${m.memberId}`);
      expect(g.members.length + g.hidden).toBe(32);
    }
  });
});

describe('cellX', () => {
  const lane = computeLayout(snapshotWith(3), 1024, 576).lanes[0]!;

  it('puts the newest record at the lane’s right end and older ones to its left', () => {
    const end = 1234;
    expect(cellX(lane, end, end - 1) + lane.cellW).toBe(lane.cellsX + lane.cellsW);
    expect(cellX(lane, end, end - 2)).toBe(cellX(lane, end, end - 1) - lane.cellW);
    expect(cellX(lane, end, end - 10)).toBe(lane.cellsX + lane.cellsW - 10 * lane.cellW);
  });

  it('the visible cells fit in the lane; the next older one starts outside', () => {
    const end = 50;
    const n = visibleCells(lane);
    expect(cellX(lane, end, end - n)).toBeGreaterThanOrEqual(lane.cellsX);
    expect(cellX(lane, end, end - n - 1)).toBeLessThan(lane.cellsX);
  });

  it('follows a fractional (sliding) end', () => {
    expect(cellX(lane, 10.5, 9)).toBe(lane.cellsX + lane.cellsW - 1.5 * lane.cellW);
  });
});
