import { murmur2String, toPositive, utf8Bytes } from './murmur2';

/**
 * Keyed partitioning (kafka-semantics §1): Java's BuiltInPartitioner and
 * kafkajs's DefaultPartitioner both compute toPositive(murmur2(utf8(key))) % N,
 * where N counts all partitions of the topic. An empty key is a key.
 */
export function partitionForKey(key: string, partitionCount: number): number {
  return partitionForHash(murmur2String(key), partitionCount);
}

export function partitionForHash(hash: number, partitionCount: number): number {
  return toPositive(hash) % partitionCount;
}

/**
 * kafkajs's LegacyPartitioner murmur2 (the kafkajs default before 2.0), kept
 * for its own labelled mode (kafka-semantics §1). It differs from Java's on
 * every key: it multiplies in doubles (so products above 2^53 lose low bits)
 * and does not floor length/4, reading one extra block of zeros past the end.
 * This mirrors kafkajs/src/producer/partitioners/legacy/murmur2.js.
 */
export function legacyMurmur2(data: Uint8Array): number {
  const length = data.length;
  const seed = 0x9747b28c;
  const m = 0x5bd1e995;
  const r = 24;
  let h = seed ^ length;
  const length4 = length / 4; // not floored, as in kafkajs
  for (let i = 0; i < length4; i++) {
    const i4 = i * 4;
    let k =
      (byteOrZero(data, i4 + 0) & 0xff) +
      ((byteOrZero(data, i4 + 1) & 0xff) << 8) +
      ((byteOrZero(data, i4 + 2) & 0xff) << 16) +
      ((byteOrZero(data, i4 + 3) & 0xff) << 24);
    k *= m;
    k ^= k >>> r;
    k *= m;
    h *= m;
    h ^= k;
  }
  // The switch in kafkajs falls through: 3 bytes mix all three.
  const rest = length % 4;
  if (rest === 3) h ^= (byteOrZero(data, (length & ~3) + 2) & 0xff) << 16;
  if (rest >= 2) h ^= (byteOrZero(data, (length & ~3) + 1) & 0xff) << 8;
  if (rest >= 1) {
    h ^= byteOrZero(data, length & ~3) & 0xff;
    h *= m;
  }
  h ^= h >>> 13;
  h *= m;
  h ^= h >>> 15;
  return h;
}

function byteOrZero(data: Uint8Array, i: number): number {
  return data[i] ?? 0;
}

export function legacyPartitionForKey(key: string, partitionCount: number): number {
  return partitionForHash(legacyMurmur2(utf8Bytes(key)), partitionCount);
}

/** Broker metadata for one partition; leader -1 means leaderless. */
export interface PartitionMetadata {
  readonly partitionId: number;
  readonly leader: number;
}

/**
 * kafkajs's key-less round-robin (kafka-semantics §2): one counter per topic,
 * starting at a random UInt32 (here: given), `++counter` per message, pick
 * available[toPositive(counter) % available.length] in metadata order, where
 * available = partitions with a leader; with none available, fall back to
 * toPositive(counter) % all.
 */
export function createRoundRobinPartitioner(start: number | ((topic: string) => number)) {
  const counters = new Map<string, number>();
  return {
    partition(topic: string, metadata: readonly PartitionMetadata[]): number {
      const previous = counters.get(topic) ?? (typeof start === 'number' ? start : start(topic));
      const counter = previous + 1;
      counters.set(topic, counter);
      return roundRobinPick(counter, metadata);
    },
  };
}

export function roundRobinPick(counter: number, metadata: readonly PartitionMetadata[]): number {
  const positive = toPositive(counter);
  let available = 0;
  for (const p of metadata) if (p.leader >= 0) available++;
  // No leader anywhere: kafkajs returns the number itself, not a position in the list.
  if (available === 0) return positive % metadata.length;
  let index = positive % available;
  for (const p of metadata) {
    if (p.leader < 0) continue;
    if (index === 0) return p.partitionId;
    index--;
  }
  throw new Error('unreachable');
}
