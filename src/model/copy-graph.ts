/**
 * A deep copy of an object graph (the whole simulation, for a checkpoint),
 * keeping its shape: shared references stay shared, cycles stay cycles,
 * class instances keep their class. Frozen objects are immutable and are
 * shared, not copied.
 *
 * The model keeps no closures in its state (timers name a method instead),
 * so a function met on the way is a bug: it would still point into the
 * original and the copy would not be independent. It throws.
 *
 * A class instance is copied into a blank made by its own constructor
 * (which returns at once while `isCopying()`), then its fields are set in
 * their original order: the copy gets the very hidden class the original
 * has, so a restored simulation runs as fast as a fresh one.
 */
export function copyGraph<T>(root: T, size?: ByteCount): T {
  const seen = new Map<object, unknown>();
  // Only a checkpoint (a copy that is measured, and never run) packs its typed arrays: a copy
  // that runs would keep a whole block alive for each of its arrays that outlives the others
  // (a chunk of the log that fills up and is then shared with every later checkpoint).
  const arena = size ? new Arena() : null;
  const copy = copyValue(root, seen, arena) as T;
  if (size) {
    const shared = size.shared;
    if (shared)
      for (const [original, copied] of seen) if (original === copied) share(original, shared);
    size.bytes += estimateBytes(seen.keys(), seen) + (arena?.unused() ?? 0);
  }
  return copy;
}

/**
 * Where a checkpoint's typed arrays get their memory: a few large blocks, each
 * cut into aligned views, instead of one ArrayBuffer per array. Allocating an
 * ArrayBuffer costs several microseconds (a backing store outside the heap),
 * and a large setup's state holds over a thousand typed arrays, so a
 * checkpoint spent most of its time allocating. A checkpoint's views live and
 * die together: restoring one copies it again, array by array.
 */
class Arena {
  private block: ArrayBuffer | null = null;
  private used = 0;
  private wasted = 0;

  copy<A extends TypedArray>(source: A): A {
    const bytes = source.byteLength;
    // Large arrays take their own buffer: a block would waste up to their size.
    if (bytes > LARGE_ARRAY_BYTES) return source.slice() as A;
    let at = (this.used + 7) & ~7; // every element size divides 8
    if (this.block === null || at + bytes > this.block.byteLength) {
      // Blocks double, so a small copy holds a small block and a large one few blocks.
      const size = this.block === null ? FIRST_BLOCK_BYTES : 2 * this.block.byteLength;
      if (this.block !== null) this.wasted += this.block.byteLength - this.used;
      this.block = new ArrayBuffer(Math.max(bytes, Math.min(LAST_BLOCK_BYTES, size)));
      this.used = at = 0;
    }
    const Ctor = source.constructor as new (
      buffer: ArrayBuffer,
      offset: number,
      length: number,
    ) => A;
    const copy = new Ctor(this.block, at, source.length);
    copy.set(source as never);
    this.wasted += at - this.used;
    this.used = at + bytes;
    return copy;
  }

  /** Bytes of the blocks no view uses (alignment gaps and tails). */
  unused(): number {
    return this.wasted + (this.block === null ? 0 : this.block.byteLength - this.used);
  }
}

const FIRST_BLOCK_BYTES = 256;
const LAST_BLOCK_BYTES = 256 * 1024;
const LARGE_ARRAY_BYTES = LAST_BLOCK_BYTES / 4;

type TypedArray =
  | Int8Array
  | Uint8Array
  | Uint8ClampedArray
  | Int16Array
  | Uint16Array
  | Int32Array
  | Uint32Array
  | Float32Array
  | Float64Array
  | BigInt64Array
  | BigUint64Array;

/** Where copyGraph adds the estimated size of what it copied, and lists what it shared. */
export interface ByteCount {
  bytes: number;
  /**
   * Frozen objects the copy shares with the original, and the buffers their
   * typed arrays keep alive, with their estimated bytes.
   */
  shared?: Map<object, number>;
}

/**
 * Lists a shared (frozen) object with its bytes, and the buffers of the typed
 * arrays it holds with theirs, each buffer once: a view keeps its whole buffer
 * alive (a log's chunks are cut from slabs of several), whatever its length.
 */
function share(o: object, shared: Map<object, number>): void {
  let bytes = 24 + 8 * Object.keys(o).length;
  for (const v of Object.values(o)) {
    if (!ArrayBuffer.isView(v)) continue;
    bytes += 64;
    shared.set(v.buffer, v.buffer.byteLength);
  }
  shared.set(o, bytes);
}

/**
 * Heap bytes of the copied objects, estimated as V8 lays them out (header
 * plus 8 bytes a field or element). Strings and frozen objects are shared
 * with the original, so they do not count.
 */
function estimateBytes(objects: Iterable<object>, copies: Map<object, unknown>): number {
  let bytes = 0;
  for (const o of objects) {
    if (copies.get(o) === o) continue;
    if (ArrayBuffer.isView(o)) bytes += 64 + o.byteLength;
    else if (Array.isArray(o)) bytes += 32 + 8 * o.length;
    else if (o instanceof Map || o instanceof Set) bytes += 64 + 24 * o.size;
    else bytes += 24 + 8 * Object.keys(o).length;
  }
  return bytes;
}

let copying = false;

/** True while copyGraph makes a blank instance: a model constructor returns before any work. */
export function isCopying(): boolean {
  return copying;
}

function blank(ctor: new () => object): Record<string, unknown> {
  copying = true;
  try {
    return new ctor() as Record<string, unknown>;
  } finally {
    copying = false;
  }
}

function copyValue(value: unknown, seen: Map<object, unknown>, arena: Arena | null): unknown {
  if (typeof value === 'function')
    throw new TypeError(`copyGraph: cannot copy a function (${value.name || 'anonymous'})`);
  if (typeof value !== 'object' || value === null) return value;
  const known = seen.get(value);
  if (known !== undefined) return known;
  if (Object.isFrozen(value)) {
    seen.set(value, value);
    return value;
  }
  if (ArrayBuffer.isView(value)) {
    if (value instanceof DataView) throw new TypeError('copyGraph: cannot copy a DataView');
    const copy = arena ? arena.copy(value as TypedArray) : (value as unknown as Uint8Array).slice();
    seen.set(value, copy);
    return copy;
  }
  if (Array.isArray(value)) {
    // slice keeps the array's element kind (packed numbers stay packed numbers).
    const copy: unknown[] = value.slice();
    seen.set(value, copy);
    for (let i = 0; i < copy.length; i++) {
      const v = copy[i];
      if ((typeof v === 'object' && v !== null) || typeof v === 'function') {
        copy[i] = copyValue(v, seen, arena);
      }
    }
    return copy;
  }
  if (value instanceof Map) {
    const copy = new Map<unknown, unknown>();
    seen.set(value, copy);
    for (const [k, v] of value) copy.set(copyValue(k, seen, arena), copyValue(v, seen, arena));
    return copy;
  }
  if (value instanceof Set) {
    const copy = new Set<unknown>();
    seen.set(value, copy);
    for (const v of value) copy.add(copyValue(v, seen, arena));
    return copy;
  }
  const proto = Object.getPrototypeOf(value) as object | null;
  if (proto !== Object.prototype && proto !== null && !isClassPrototype(proto)) {
    throw new TypeError('copyGraph: cannot copy a built-in object');
  }
  const copy =
    proto === Object.prototype
      ? ({} as Record<string, unknown>)
      : proto === null
        ? (Object.create(null) as Record<string, unknown>)
        : blank((proto as { constructor: new () => object }).constructor);
  seen.set(value, copy);
  const source = value as Record<string, unknown>;
  // for-in reads V8's enum cache (no key array per object); prototypes add no enumerable keys.
  for (const key in source) {
    const v = source[key];
    copy[key] = typeof v === 'object' || typeof v === 'function' ? copyValue(v, seen, arena) : v;
  }
  return copy;
}

const classPrototypes = new WeakMap<object, boolean>();

/** A user-defined class's prototype (not Date, RegExp, Promise and the like). */
function isClassPrototype(proto: object): boolean {
  let known = classPrototypes.get(proto);
  if (known === undefined) {
    const ctor = (proto as { constructor?: unknown }).constructor;
    known =
      typeof ctor === 'function' && !/\[native code\]/.test(Function.prototype.toString.call(ctor));
    classPrototypes.set(proto, known);
  }
  return known;
}
