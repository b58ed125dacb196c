import { murmur2String, utf8Bytes } from './murmur2';
import { legacyMurmur2 } from './partitioner';

/**
 * The names records are about (keys), interned once: records store a small
 * id, and each key's murmur2 hashes are computed once, since a key's hash
 * never changes (only `% partitionCount` does).
 */
export class EntityTable {
  readonly names: string[] = [];
  private readonly ids = new Map<string, number>();
  private hashes = new Int32Array(64);
  private legacyHashes = new Float64Array(64);
  private legacyKnown = new Uint8Array(64);

  private quoted: (string | undefined)[] = [];

  /** The name as a JSON string literal (for record values), computed once. */
  quotedName(id: number): string {
    return (this.quoted[id] ??= JSON.stringify(this.names[id]!));
  }

  intern(name: string): number {
    const known = this.ids.get(name);
    if (known !== undefined) return known;
    const id = this.names.length;
    if (id === this.hashes.length) this.grow();
    this.names.push(name);
    this.ids.set(name, id);
    this.hashes[id] = murmur2String(name);
    return id;
  }

  get size(): number {
    return this.names.length;
  }

  /** Java/kafkajs-default murmur2 of the key's UTF-8 bytes. */
  hash(id: number): number {
    return this.hashes[id]!;
  }

  /** kafkajs LegacyPartitioner hash, computed on first use. */
  legacyHash(id: number): number {
    if (this.legacyKnown[id] === 0) {
      this.legacyHashes[id] = legacyMurmur2(utf8Bytes(this.names[id]!));
      this.legacyKnown[id] = 1;
    }
    return this.legacyHashes[id]!;
  }

  private grow(): void {
    const n = this.hashes.length * 2;
    const hashes = new Int32Array(n);
    hashes.set(this.hashes);
    this.hashes = hashes;
    const legacy = new Float64Array(n);
    legacy.set(this.legacyHashes);
    this.legacyHashes = legacy;
    const known = new Uint8Array(n);
    known.set(this.legacyKnown);
    this.legacyKnown = known;
  }
}
