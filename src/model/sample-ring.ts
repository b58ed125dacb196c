import { isCopying } from './copy-graph';

/** Samples per chunk (a power of two). */
const SHIFT = 6;
const CHUNK = 1 << SHIFT;
const MASK = CHUNK - 1;

/** Up to 64 consecutive slots of a ring; frozen once full, then shared by copies. */
class SampleChunk {
  readonly values!: Float64Array;

  constructor(values?: Float64Array) {
    if (isCopying()) return;
    this.values = values ?? new Float64Array(CHUNK);
  }
}

const blanks = new Map<number, SampleChunk>();

/** The frozen chunk every ring starts from (NaN is a Map key like any other). */
function blankChunk(fill: number): SampleChunk {
  let chunk = blanks.get(fill);
  if (chunk === undefined) {
    chunk = Object.freeze(new SampleChunk(new Float64Array(CHUNK).fill(fill)));
    blanks.set(fill, chunk);
  }
  return chunk;
}

/**
 * A fixed-size ring of numbers (a bounded series), kept in chunks of 64.
 *
 * A chunk is frozen once its last slot is written, and copies of the
 * simulation (checkpoints, copy-graph.ts) share frozen objects: a copy of a
 * series costs the chunk being written, not every sample it keeps. At 256
 * partitions and two groups the lag series alone were 2.5 MB a copy. When
 * the ring comes round to a frozen chunk, it writes into a copy of it (the
 * chunk's older slots are still the series' oldest samples).
 */
export class SampleRing {
  private readonly chunks: SampleChunk[] = [];

  constructor(
    readonly capacity: number,
    fill = 0,
  ) {
    if (isCopying()) return;
    // Slots not yet written share one frozen chunk of the fill value.
    const blank = blankChunk(fill);
    for (let start = 0; start < capacity; start += CHUNK) this.chunks.push(blank);
  }

  get(i: number): number {
    return this.chunks[i >> SHIFT]!.values[i & MASK]!;
  }

  set(i: number, value: number): void {
    const c = i >> SHIFT;
    let chunk = this.chunks[c]!;
    // A frozen chunk may be shared: this ring writes into its own copy.
    if (Object.isFrozen(chunk)) {
      chunk = new SampleChunk(chunk.values.slice());
      this.chunks[c] = chunk;
    }
    chunk.values[i & MASK] = value;
    if ((i & MASK) === MASK || i === this.capacity - 1) Object.freeze(chunk);
  }
}
