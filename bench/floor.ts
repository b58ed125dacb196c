/**
 * The floor of the engine's own work: what any faithful engine must do for
 * each record, written as one flat loop over typed arrays, with no event
 * queue, no timers, no objects, and consumers that never queue (each record
 * is processed at once by every group). No engine can beat it, so it shows
 * how much of the bare loop's speed the model's duties leave.
 *
 * Per record: the producer's key draw, the key's partition (its hash is
 * cached, as the engine caches it), the append to the partition's columns
 * (timestamp, sequence, key). Per record and group: a jittered processing
 * time, the position, duplicate and per-key ordering checks, the committed
 * offset — the metrics of kafka-semantics §4 — and then, as asked for:
 * - `history`: who processed it and when (Inspect shows it), a ring of 128
 *   per partition as the engine keeps;
 * - `fingerprint`: the trace hash's words for the produce, process and
 *   commit events (determinism: equal traces give equal hashes).
 */
import { partitionForKey } from '../src/model/index';
import { Rng } from '../src/model/rng';
import { TraceHash } from '../src/model/trace';

export interface FloorDuties {
  readonly history: boolean;
  readonly fingerprint: boolean;
}

/** A ring per partition, as long as the engine's (a power of two). */
const CAPACITY = 4096;
const HISTORY = 128;
const RECORDS = 240_000;

/** One pass of the floor loop over RECORDS records (returns how many), for `interleaved`. */
export function floorBody(
  partitions: number,
  keyCount: number,
  groups: number,
  ratePerSec: number,
  duties: FloorDuties,
): () => number {
  const hashes = new Int32Array(keyCount);
  for (let k = 0; k < keyCount; k++) hashes[k] = partitionForKey(String(k + 1), 0x7fffffff);
  const timestamps = Array.from({ length: partitions }, () => new Float64Array(CAPACITY));
  const sequences = Array.from({ length: partitions }, () => new Float64Array(CAPACITY));
  const entities = Array.from({ length: partitions }, () => new Int32Array(CAPACITY));
  const logEnd = new Float64Array(partitions);
  const cells = groups * partitions;
  const position = new Float64Array(cells);
  const committed = new Float64Array(cells);
  const processedEnd = new Float64Array(cells);
  const freeAt = new Float64Array(cells);
  const historyOffsets = new Float64Array(cells * HISTORY);
  const historyTimes = new Float64Array(cells * HISTORY);
  const historyMembers = new Int32Array(cells * HISTORY);
  const historyNext = new Int32Array(cells);
  const keySequence = Array.from({ length: groups }, () => new Float64Array(keyCount));
  const intervalMs = 1000 / ratePerSec;
  const { history, fingerprint } = duties;
  return () => {
    logEnd.fill(0);
    position.fill(0);
    processedEnd.fill(0);
    freeAt.fill(0);
    for (const k of keySequence) k.fill(-1);
    const keys = new Rng(7);
    const jitter = new Rng(9);
    const trace = new TraceHash();
    let now = 0;
    let violations = 0;
    let duplicates = 0;
    for (let seq = 0; seq < RECORDS; seq++) {
      now += intervalMs;
      const e = Math.floor(keys.next() * keyCount);
      const p = hashes[e]! % partitions;
      const offset = logEnd[p]!;
      const slot = offset & (CAPACITY - 1);
      timestamps[p]![slot] = now;
      sequences[p]![slot] = seq;
      entities[p]![slot] = e;
      logEnd[p] = offset + 1;
      if (fingerprint) {
        trace.int(p);
        trace.int(offset);
        trace.int(e);
      }
      for (let g = 0; g < groups; g++) {
        const cell = g * partitions + p;
        const endsAt = Math.max(now, freeAt[cell]!) + 1 + 0.2 * (2 * jitter.next() - 1);
        freeAt[cell] = endsAt;
        position[cell] = offset + 1;
        if (offset < processedEnd[cell]!) duplicates++;
        else {
          processedEnd[cell] = offset + 1;
          const order = keySequence[g]!;
          if (seq < order[e]!) violations++;
          else order[e] = seq;
        }
        committed[cell] = offset + 1;
        if (history) {
          const h = cell * HISTORY + (historyNext[cell]! & (HISTORY - 1));
          historyOffsets[h] = offset;
          historyTimes[h] = endsAt;
          historyMembers[h] = g;
          historyNext[cell]!++;
        }
        if (fingerprint) {
          trace.int(cell); // process: group, partition
          trace.int(g); // member
          trace.int(offset);
          trace.float(endsAt);
          trace.int(cell); // commit: group, partition
          trace.int(offset + 1);
        }
      }
    }
    if (violations + duplicates < 0) console.log(trace.digest()); // keeps the work observable
    return RECORDS;
  };
}
