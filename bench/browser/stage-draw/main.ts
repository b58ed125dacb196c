/**
 * The stage's per-frame cost without the frame loop: for each setup, the
 * page plays the simulation frame by frame (1/60 s each) and times the three
 * things the stage does per frame, each on its own: the snapshot it reads,
 * the drawing calls, and the canvas rasterising them (forced by reading one
 * pixel back). Setups are the lab's presets at the lab's stage size.
 * `window.stageDrawResult` holds the figures when done.
 */
import { createSimulation } from '../../../src/model/index';
import { PRESETS, type PresetName } from '../../../src/presets';
import { CellLayer } from '../../../src/views/stage/cell-layer';
import { drawStage } from '../../../src/views/stage/draw';
import { FlightTracker, laneKey } from '../../../src/views/stage/flights';
import { computeLayout, visibleCells } from '../../../src/views/stage/layout';
import { PartitionHistory } from '../../../src/views/stage/partition-history';

export interface StageDrawFigures {
  readonly setup: PresetName;
  readonly frames: number;
  /** Per frame, ms: [mean, p95] (the clock ticks in 0.1 ms: a mean over many frames is exact). */
  readonly snapshot: readonly [number, number];
  readonly draw: readonly [number, number];
  readonly raster: readonly [number, number];
  readonly total: readonly [number, number];
}

const WIDTH = 1000;
const HEIGHT = 430;
const WARM_UP_MS = 3_000;
const FRAMES = 240;
const FRAME_MS = 1000 / 60;

function quantiles(values: number[]): [number, number] {
  const sorted = [...values].sort((a, b) => a - b);
  const mean = values.reduce((sum, v) => sum + v, 0) / values.length;
  return [mean, sorted[Math.min(sorted.length - 1, Math.floor(0.95 * sorted.length))]!];
}

function measure(setup: PresetName, ctx: CanvasRenderingContext2D): StageDrawFigures {
  const sim = createSimulation(PRESETS[setup]());
  sim.advance(WARM_UP_MS);
  const flights = new FlightTracker();
  const history = new PartitionHistory();
  const cells = new CellLayer();
  // The layout depends on partitions, producers and members, not on records.
  const layout = computeLayout(sim.snapshot({ recordsPerPartition: 0 }), WIDTH, HEIGHT);
  const want = layout.lanes.length > 0 ? visibleCells(layout.lanes[0]!) + 2 : 0;
  const snapshot: number[] = [];
  const draw: number[] = [];
  const raster: number[] = [];
  const total: number[] = [];
  for (let frame = 0; frame < FRAMES; frame++) {
    sim.advance(FRAME_MS);
    const t0 = performance.now();
    const s = sim.snapshot({ recordsPerPartition: want });
    const t1 = performance.now();
    const ends = new Map<string, number>();
    for (const topic of s.topics)
      for (const p of topic.partitions) ends.set(laneKey(topic.name, p.partition), p.logEndOffset);
    flights.update(s, true);
    history.update(s, t1);
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    drawStage(ctx, layout, s, {
      theme: 'light',
      hoverKey: null,
      highlight: [],
      displayEnd: ends,
      flights,
      history,
      realNow: t1,
      cells,
    });
    const t2 = performance.now();
    ctx.getImageData(0, 0, 1, 1);
    const t3 = performance.now();
    snapshot.push(t1 - t0);
    draw.push(t2 - t1);
    raster.push(t3 - t2);
    total.push(t3 - t0);
  }
  return {
    setup,
    frames: FRAMES,
    snapshot: quantiles(snapshot),
    draw: quantiles(draw),
    raster: quantiles(raster),
    total: quantiles(total),
  };
}

const canvas = document.getElementById('stage') as HTMLCanvasElement;
canvas.width = WIDTH;
canvas.height = HEIGHT;
const ctx = canvas.getContext('2d', { alpha: false })!;
const setups = (new URLSearchParams(location.search).get('setups') ?? 'default,heavy,extreme')
  .split(',')
  .filter((name): name is PresetName => name in PRESETS);
(window as unknown as { stageDrawResult: StageDrawFigures[] }).stageDrawResult = setups.map(
  (setup) => measure(setup, ctx),
);
