/**
 * Kafka's murmur2, byte for byte (kafka-semantics §1: Utils.murmur2).
 * 32-bit MurmurHash2 with seed 0x9747b28c; Java's wrapping int multiplies are
 * Math.imul here, Java's >>> is >>>. Returns a signed 32-bit int, like Java.
 */
const SEED = 0x9747b28c;
const M = 0x5bd1e995;

export function murmur2(data: Uint8Array): number {
  const length = data.length;
  let h = (SEED ^ length) | 0;
  const length4 = length >> 2;
  for (let i = 0; i < length4; i++) {
    const i4 = i << 2;
    let k = data[i4]! | (data[i4 + 1]! << 8) | (data[i4 + 2]! << 16) | (data[i4 + 3]! << 24);
    k = Math.imul(k, M);
    k ^= k >>> 24;
    k = Math.imul(k, M);
    h = Math.imul(h, M);
    h ^= k;
  }
  const tail = length4 << 2;
  // The tail falls through in Java: 3 bytes mix b2, b1 and b0.
  const rest = length & 3;
  if (rest === 3) h ^= data[tail + 2]! << 16;
  if (rest >= 2) h ^= data[tail + 1]! << 8;
  if (rest >= 1) {
    h ^= data[tail]!;
    h = Math.imul(h, M);
  }
  h ^= h >>> 13;
  h = Math.imul(h, M);
  h ^= h >>> 15;
  return h | 0;
}

/** Kafka's Utils.toPositive: a mask, not Math.abs (kafka-semantics §1). */
export function toPositive(n: number): number {
  return n & 0x7fffffff;
}

/**
 * UTF-8 bytes of a string, as Java's StringSerializer and kafkajs's
 * Buffer.from(String(key)) produce them (kafka-semantics §1). Lone surrogates
 * become U+FFFD, as in both.
 */
export function utf8Bytes(s: string): Uint8Array {
  return encoder.encode(s);
}

const encoder = new TextEncoder();
