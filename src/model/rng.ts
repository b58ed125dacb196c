import { isCopying } from './copy-graph';
/**
 * Seeded randomness: the model's only source of chance. mulberry32 is small,
 * fast and gives identical sequences in every JS engine (integer ops only).
 * Each purpose (a producer's keys, a member's jitter, ...) gets its own
 * stream derived from (seed, name), so adding a producer never perturbs the
 * draws of another.
 */
export class Rng {
  private state!: number;

  constructor(seed: number) {
    if (isCopying()) return;
    this.state = seed | 0;
  }

  /** A uint32 (next's draw, scaled back exactly: a power of two). */
  nextUint32(): number {
    return this.next() * 4294967296;
  }

  /** A float in [0, 1): mulberry32's uint32 over 2^32. */
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) | 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [0, n). */
  nextInt(n: number): number {
    return Math.floor(this.next() * n);
  }
}

/** A stream for one purpose, independent of every other stream's draws. */
export function rngStream(seed: number, name: string): Rng {
  let h = (seed ^ 0x9e3779b9) | 0;
  for (let i = 0; i < name.length; i++) {
    h = Math.imul(h ^ name.charCodeAt(i), 0x01000193);
    h ^= h >>> 13;
  }
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return new Rng(h ^ (h >>> 16));
}
