/** Tiny benchmark helpers: median of repeated timed runs, printed as a table. */
import { performance } from 'node:perf_hooks';

export interface Figure {
  readonly name: string;
  readonly value: number;
  readonly unit: string;
  readonly note?: string;
}

/** Runs `body` (which performs `ops` operations) until `minMs` elapse; median ops/s of `rounds`. */
export function opsPerSecond(body: () => number, rounds = 5, minMs = 400): number {
  body(); // warm-up
  const rates: number[] = [];
  for (let r = 0; r < rounds; r++) {
    let ops = 0;
    const start = performance.now();
    let elapsed = 0;
    while (elapsed < minMs) {
      ops += body();
      elapsed = performance.now() - start;
    }
    rates.push((ops / elapsed) * 1000);
  }
  rates.sort((a, b) => a - b);
  return rates[Math.floor(rates.length / 2)]!;
}

export function print(title: string, figures: readonly Figure[]): void {
  console.log(`\n${title}`);
  const width = Math.max(...figures.map((f) => f.name.length));
  for (const f of figures) {
    const value = f.value >= 100 ? Math.round(f.value).toLocaleString('en-US') : f.value.toFixed(2);
    console.log(
      `  ${f.name.padEnd(width)}  ${value.padStart(14)} ${f.unit}${f.note ? `  (${f.note})` : ''}`,
    );
  }
}

export function gc(): void {
  const g = (globalThis as { gc?: () => void }).gc;
  if (!g) throw new Error('run with node --expose-gc');
  g();
  g();
}
