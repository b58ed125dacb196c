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

/** What `interleaved` measured: each body's median rate, and median per-round ratios. */
export interface Interleaved<K extends string> {
  /** Median ops/s of each body over the rounds. */
  rate(name: K): number;
  /** Median over the rounds of `a`'s rate ÷ `b`'s rate in the same round. */
  ratio(a: K, b: K): number;
  /** Lowest and highest per-round ratio, to show the spread. */
  spread(a: K, b: K): [number, number];
}

/**
 * Runs the bodies in turn, each for at least `minMs`, `rounds` times over. On a
 * shared machine, memory-heavy loops speed up and slow down by 2× from one
 * second to the next while a register-only loop stays steady; timing the
 * bodies one after another would put them in different phases. Side by side,
 * a ratio of rates from the same round compares like with like.
 */
export function interleaved<K extends string>(
  bodies: Record<K, () => number>,
  rounds = 9,
  minMs = 120,
): Interleaved<K> {
  const names = Object.keys(bodies) as K[];
  for (const name of names) bodies[name](); // warm-up
  const rates = new Map<K, number[]>(names.map((n) => [n, []]));
  for (let r = 0; r < rounds; r++) {
    for (const name of names) {
      let ops = 0;
      const start = performance.now();
      let elapsed = 0;
      while (elapsed < minMs) {
        ops += bodies[name]();
        elapsed = performance.now() - start;
      }
      rates.get(name)!.push((ops / elapsed) * 1000);
    }
  }
  const perRound = (a: K, b: K): number[] => {
    const x = rates.get(a)!;
    const y = rates.get(b)!;
    return x.map((v, i) => v / y[i]!);
  };
  return {
    rate: (name) => median(rates.get(name)!),
    ratio: (a, b) => median(perRound(a, b)),
    spread: (a, b) => {
      const v = perRound(a, b);
      return [Math.min(...v), Math.max(...v)];
    },
  };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
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
