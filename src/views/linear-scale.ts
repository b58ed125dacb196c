import { nice, ticks } from 'd3-array';
import { formatCount } from './format-count';

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
 * A tick as `Intl.NumberFormat('en-US', { maximumFractionDigits: 2 })` writes it, without the
 * locale data: the first Intl formatter a page builds loads it (about 50 ms here), and the lag
 * chart's first axes are drawn in the same task as the first frame.
 */
function formatTick(value: number): string {
  const hundredths = Math.round(value * 100);
  if (!Number.isSafeInteger(hundredths) || Object.is(value, -0)) {
    return new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 }).format(value);
  }
  const abs = Math.abs(hundredths);
  const fraction = String(abs % 100)
    .padStart(2, '0')
    .replace(/0+$/, '');
  const text = formatCount(Math.floor(abs / 100)) + (fraction === '' ? '' : `.${fraction}`);
  return hundredths < 0 ? `-${text}` : text;
}

/**
 * The most ticks, up to `most`, whose neighbours stay at least `gap` pixels apart on an axis
 * `length` pixels long (d3's count is a hint: it may give a few more ticks than asked). Where
 * not even two fit, the last tick alone.
 */
export function fittingTicks(
  scale: LinearScale,
  length: number,
  gap: number,
  most: number,
): number[] {
  let values: number[] = [];
  for (let count = most; count >= 1; count--) {
    values = scale.ticks(count);
    if (values.length < 2 || length / (values.length - 1) >= gap) return values;
  }
  return values.slice(-1);
}
