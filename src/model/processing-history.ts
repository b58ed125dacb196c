import { isCopying } from './copy-graph';
/**
 * The most recent processing events of one partition for one group (who
 * processed which offset, when), so a clicked record can say who handled it.
 * A fixed-size ring: bounded however long the run.
 */
export class ProcessingHistory {
  private readonly offsets!: Float64Array;
  private readonly times!: Float64Array;
  private readonly members!: Int32Array;
  private next = 0;
  private count = 0;

  constructor(readonly capacity = 128) {
    if (isCopying()) return;
    this.offsets = new Float64Array(capacity);
    this.times = new Float64Array(capacity);
    this.members = new Int32Array(capacity);
  }

  record(offset: number, member: number, at: number): void {
    const i = this.next;
    this.offsets[i] = offset;
    this.times[i] = at;
    this.members[i] = member;
    this.next = i + 1 === this.capacity ? 0 : i + 1;
    if (this.count < this.capacity) this.count++;
  }

  /** Every processing of `offset` still remembered, oldest first. */
  find(offset: number): { member: number; at: number }[] {
    const out: { member: number; at: number }[] = [];
    const start = (this.next - this.count + this.capacity) % this.capacity;
    for (let k = 0; k < this.count; k++) {
      const i = (start + k) % this.capacity;
      if (this.offsets[i] === offset) out.push({ member: this.members[i]!, at: this.times[i]! });
    }
    return out;
  }
}
