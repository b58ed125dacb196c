import { nice, ticks } from 'd3-array';

/**
 * A numeric linear scale that d3-axis accepts (call, domain, range, ticks,
 * tickFormat, copy). d3-scale's scaleLinear carries d3-interpolate, d3-color
 * and d3-format (about 10 KB gzipped) for features these charts never use;
 * this keeps the lab inside its bundle budget.
 */
export interface LinearScale {
  (value: number): number;
  domain(): [number, number];
  range(): [number, number];
  ticks(count?: number): number[];
  tickFormat(count?: number): (value: number) => string;
  copy(): LinearScale;
  nice(count?: number): LinearScale;
}

export function linearScale(domain: [number, number], range: [number, number]): LinearScale {
  const [d0, d1] = domain;
  const [r0, r1] = range;
  const k = d1 === d0 ? 0 : (r1 - r0) / (d1 - d0);
  const scale = ((v: number) => r0 + (v - d0) * k) as LinearScale;
  scale.domain = () => [d0, d1];
  scale.range = () => [r0, r1];
  scale.ticks = (count = 10) => ticks(d0, d1, count);
  scale.tickFormat = () => formatTick;
  scale.copy = () => linearScale([d0, d1], [r0, r1]);
  scale.nice = (count = 10) => linearScale(nice(d0, d1, count), [r0, r1]);
  return scale;
}

/**
 * Made on first use: the first Intl formatter a page builds loads the locale data (tens of ms on
 * a slow machine), which must not delay the first frame.
 */
let formatter: Intl.NumberFormat | undefined;

function formatTick(value: number): string {
  formatter ??= new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });
  return formatter.format(value);
}
