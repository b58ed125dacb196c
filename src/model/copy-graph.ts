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
  const copy = copyValue(root, seen) as T;
  if (size) {
    const shared = size.shared;
    if (shared)
      for (const [original, copied] of seen) if (original === copied) share(original, shared);
    size.bytes += estimateBytes(seen.keys(), seen);
  }
  return copy;
}

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

function copyValue(value: unknown, seen: Map<object, unknown>): unknown {
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
    const copy = (value as unknown as Uint8Array).slice();
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
        copy[i] = copyValue(v, seen);
      }
    }
    return copy;
  }
  if (value instanceof Map) {
    const copy = new Map<unknown, unknown>();
    seen.set(value, copy);
    for (const [k, v] of value) copy.set(copyValue(k, seen), copyValue(v, seen));
    return copy;
  }
  if (value instanceof Set) {
    const copy = new Set<unknown>();
    seen.set(value, copy);
    for (const v of value) copy.add(copyValue(v, seen));
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
  for (const key of Object.keys(source)) copy[key] = copyValue(source[key], seen);
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
