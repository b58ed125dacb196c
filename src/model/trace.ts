/**
 * A running 64-bit fingerprint (two FNV-1a-style 32-bit lanes) of every
 * event the simulation emits. Equal hashes mean equal traces, in Node and in
 * the browser alike: only integer ops, and floats are hashed by their bits.
 */
const scratch = new Float64Array(1);
const scratchWords = new Int32Array(scratch.buffer);

export class TraceHash {
  private a = 0x811c9dc5 | 0;
  private b = 0x050c5d1f | 0;
  private count = 0;

  int(n: number): void {
    this.a = Math.imul(this.a ^ (n | 0), 0x01000193);
    this.b = Math.imul(this.b ^ ((n | 0) + 0x9e3779b9), 0x01000193) ^ (this.a >>> 15);
    this.count++;
  }

  float(x: number): void {
    scratch[0] = x;
    this.int(scratchWords[0]!);
    this.int(scratchWords[1]!);
  }

  text(s: string): void {
    this.int(s.length);
    for (let i = 0; i < s.length; i++) this.int(s.charCodeAt(i));
  }

  /**
   * Folds `other` (a stream hashed apart, in its own order) into this one and empties it. The
   * length is the sum of both: folding hashes no new event.
   */
  absorb(other: TraceHash): void {
    if (other.count === 0) return;
    this.a = Math.imul(this.a ^ other.a, 0x01000193);
    this.b = Math.imul(this.b ^ (other.b + 0x9e3779b9), 0x01000193) ^ (this.a >>> 15);
    this.count += other.count;
    other.a = 0x811c9dc5 | 0;
    other.b = 0x050c5d1f | 0;
    other.count = 0;
  }

  /** A copy (to digest with streams folded in, leaving this one as it is). */
  clone(): TraceHash {
    const copy = new TraceHash();
    copy.a = this.a;
    copy.b = this.b;
    copy.count = this.count;
    return copy;
  }

  /** Words hashed so far. */
  get length(): number {
    return this.count;
  }

  /** Hex digest plus the number of words hashed. */
  digest(): string {
    return hex(this.a) + hex(this.b) + '-' + this.count.toString(36);
  }
}

function hex(n: number): string {
  return (n >>> 0).toString(16).padStart(8, '0');
}
