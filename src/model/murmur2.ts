/**
 * Kafka's murmur2, byte for byte (kafka-semantics §1: Utils.murmur2).
 * 32-bit MurmurHash2 with seed 0x9747b28c; Java's wrapping int multiplies are
 * Math.imul here, Java's >>> is >>>. Returns a signed 32-bit int, like Java.
 */
const SEED = 0x9747b28c;
const M = 0x5bd1e995;

export function murmur2(data: Uint8Array, length = data.length): number {
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
  const n = encodeUtf8(s);
  return scratch.slice(0, n);
}

/** murmur2 of a string's UTF-8 bytes, encoded into a reused buffer (no allocation). */
export function murmur2String(s: string): number {
  // Encode first: encoding may replace `scratch` with a larger buffer.
  const length = encodeUtf8(s);
  return murmur2(scratch, length);
}

let scratch = new Uint8Array(256);

/** Encodes into `scratch` (growing it) and returns the byte length. */
function encodeUtf8(s: string): number {
  if (s.length * 3 > scratch.length) scratch = new Uint8Array(s.length * 3);
  const out = scratch;
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    let c = s.charCodeAt(i);
    if (c < 0x80) {
      out[n++] = c;
    } else if (c < 0x800) {
      out[n++] = 0xc0 | (c >> 6);
      out[n++] = 0x80 | (c & 0x3f);
    } else {
      if (c >= 0xd800 && c <= 0xdfff) {
        const next = i + 1 < s.length ? s.charCodeAt(i + 1) : 0;
        if (c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
          const cp = 0x10000 + ((c - 0xd800) << 10) + (next - 0xdc00);
          i++;
          out[n++] = 0xf0 | (cp >> 18);
          out[n++] = 0x80 | ((cp >> 12) & 0x3f);
          out[n++] = 0x80 | ((cp >> 6) & 0x3f);
          out[n++] = 0x80 | (cp & 0x3f);
          continue;
        }
        c = 0xfffd; // a lone surrogate, as TextEncoder, Buffer.from and Java encode it
      }
      out[n++] = 0xe0 | (c >> 12);
      out[n++] = 0x80 | ((c >> 6) & 0x3f);
      out[n++] = 0x80 | (c & 0x3f);
    }
  }
  return n;
}
