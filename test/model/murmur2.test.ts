/**
 * kafka-semantics §1 "Keyed partitioning (murmur2)": Kafka's Utils.murmur2 and
 * Utils.toPositive, kafkajs's default (Java-compatible) and legacy murmur2, and
 * the UTF-8 key encoding.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { murmur2, murmur2String, toPositive, utf8Bytes } from '../../src/model/murmur2';
import { legacyMurmur2 } from '../../src/model/partitioner';
import { keyArb } from './support/fidelity-keys';
import {
  KAFKAJS_VERSION,
  kafkajsDefaultMurmur2,
  kafkajsLegacyMurmur2,
} from './support/fidelity-kafkajs';
import { vectors } from './support/fidelity-vectors';

const { javaUtilsTestVectors, kafkajsDefaultSpecVectors, kafkajsLegacySpecVectors, hashes } =
  vectors.murmur2;

function hex(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('hex');
}

function isInt32(n: number): boolean {
  return Number.isInteger(n) && n >= -0x80000000 && n <= 0x7fffffff;
}

describe('oracle set-up', () => {
  it('uses the kafkajs version the vectors were generated with', () => {
    expect(KAFKAJS_VERSION).toBe('2.2.4');
    expect(vectors.meta.kafkajsVersion).toBe('2.2.4');
  });
});

describe('§1 murmur2 reproduces Kafka UtilsTest.testMurmur2', () => {
  // Copied from the table in kafka-semantics §1, independently of the JSON.
  const table: readonly [string, number][] = [
    ['21', -973932308],
    ['foobar', -790332482],
    ['a-little-bit-long-string', -985981536],
    ['a-little-bit-longer-string', -1486304829],
    ['lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8', -58897971],
  ];
  it.each(table)('murmur2(%j) = %i (semantics table)', (key, hash) => {
    expect(murmur2(utf8Bytes(key))).toBe(hash);
  });

  it('murmur2(bytes a,b,c) = 479470107 (semantics table)', () => {
    expect(murmur2(new Uint8Array([0x61, 0x62, 0x63]))).toBe(479470107);
  });

  it('the JSON carries all six UtilsTest vectors', () => {
    expect(javaUtilsTestVectors.map((v) => v.key)).toEqual([...table.map(([k]) => k), 'abc']);
  });

  it.each(javaUtilsTestVectors)(
    'key $key: Java $expected, kafkajs default $kafkajsDefault, kafkajs legacy $kafkajsLegacy',
    ({ key, expected, kafkajsDefault, kafkajsLegacy }) => {
      const bytes = utf8Bytes(key);
      expect(murmur2(bytes)).toBe(expected);
      expect(murmur2(bytes)).toBe(kafkajsDefault);
      expect(legacyMurmur2(bytes)).toBe(kafkajsLegacy);
      // Legacy really is a different hash (§1: it differed on every key tested).
      expect(kafkajsLegacy).not.toBe(expected);
    },
  );
});

describe('§1 kafkajs spec vectors', () => {
  it.each(Object.entries(kafkajsDefaultSpecVectors))(
    'DefaultPartitioner murmur2(%j) = %i',
    (key, hash) => {
      expect(murmur2(utf8Bytes(key))).toBe(hash);
    },
  );

  it.each(Object.entries(kafkajsLegacySpecVectors))(
    'LegacyPartitioner murmur2(%j) = %i',
    (key, hash) => {
      expect(legacyMurmur2(utf8Bytes(key))).toBe(hash);
    },
  );

  it('"0" hashes to 971027396 (semantics §1)', () => {
    expect(murmur2(utf8Bytes('0'))).toBe(971027396);
  });
});

describe('§1 generated hash vectors (keys hashed as UTF-8 bytes)', () => {
  it('the vectors are complete', () => {
    expect(hashes.keys).toHaveLength(266);
    expect(hashes.utf8Hex).toHaveLength(hashes.keys.length);
    expect(hashes.default).toHaveLength(hashes.keys.length);
    expect(hashes.legacy).toHaveLength(hashes.keys.length);
  });

  it('utf8Bytes(key) equals the recorded UTF-8 hex for every key', () => {
    expect(hashes.keys.map((k) => hex(utf8Bytes(k)))).toEqual(hashes.utf8Hex);
  });

  it('murmur2 equals the recorded default (Java) hash for every key', () => {
    expect(hashes.keys.map((k) => murmur2(utf8Bytes(k)))).toEqual(hashes.default);
  });

  it('legacyMurmur2 equals the recorded kafkajs legacy hash for every key', () => {
    expect(hashes.keys.map((k) => legacyMurmur2(utf8Bytes(k)))).toEqual(hashes.legacy);
  });

  it('murmur2 hashes the recorded bytes, not the string: hashing the hex-decoded bytes agrees', () => {
    const fromHex = hashes.utf8Hex.map((h) => murmur2(new Uint8Array(Buffer.from(h, 'hex'))));
    expect(fromHex).toEqual(hashes.default);
  });

  it('"ключ" hashes to 2122343024 (semantics §1)', () => {
    expect(murmur2(utf8Bytes('ключ'))).toBe(2122343024);
  });

  it('the empty key: Java 275646681, legacy 275646684 (semantics §1)', () => {
    expect(murmur2(utf8Bytes(''))).toBe(275646681);
    expect(legacyMurmur2(utf8Bytes(''))).toBe(275646684);
  });

  it('legacy differs from Java on every recorded key (semantics §1)', () => {
    const same = hashes.keys.filter(
      (key, i) =>
        hashes.legacy[i] === hashes.default[i] ||
        legacyMurmur2(utf8Bytes(key)) === murmur2(utf8Bytes(key)),
    );
    expect(same).toEqual([]);
  });
});

describe('§1 toPositive is a mask (x & 0x7fffffff), not Math.abs', () => {
  it.each([
    [0, 0],
    [1, 1],
    [0x7fffffff, 0x7fffffff],
    [-1, 0x7fffffff],
    [-2, 0x7ffffffe],
    [-0x80000000, 0],
    [-973932308, 1173551340],
  ])('toPositive(%i) = %i', (x, expected) => {
    expect(toPositive(x)).toBe(expected);
  });

  it('differs from Math.abs for negative hashes', () => {
    expect(toPositive(-1)).not.toBe(Math.abs(-1));
    expect(toPositive(-0x80000000)).not.toBe(Math.abs(-0x80000000));
  });

  it('equals x & 0x7fffffff for every int32', () => {
    fc.assert(
      fc.property(fc.integer({ min: -0x80000000, max: 0x7fffffff }), (x) => {
        const p = toPositive(x);
        expect(p).toBe(x & 0x7fffffff);
        expect(p).toBeGreaterThanOrEqual(0);
      }),
      { seed: 7, numRuns: 2000 },
    );
  });
});

describe('§1 murmur2 against the real kafkajs 2.2.4 (oracle)', () => {
  it('murmur2 returns a signed int32 for any bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 70 }), (bytes) => {
        expect(isInt32(murmur2(bytes))).toBe(true);
        expect(isInt32(legacyMurmur2(bytes))).toBe(true);
      }),
      { seed: 42, numRuns: 2000 },
    );
  });

  it('murmur2 equals kafkajs default murmur2 on random bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 70 }), (bytes) => {
        expect(murmur2(bytes)).toBe(kafkajsDefaultMurmur2(Buffer.from(bytes)));
      }),
      { seed: 42, numRuns: 3000 },
    );
  });

  it('legacyMurmur2 equals kafkajs legacy murmur2 on random bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 70 }), (bytes) => {
        expect(legacyMurmur2(bytes)).toBe(kafkajsLegacyMurmur2(Buffer.from(bytes)));
      }),
      { seed: 43, numRuns: 3000 },
    );
  });

  it('utf8Bytes(key) equals kafkajs Buffer.from(String(key)), lone surrogates included', () => {
    fc.assert(
      fc.property(keyArb, (key) => {
        expect(hex(utf8Bytes(key))).toBe(Buffer.from(String(key)).toString('hex'));
      }),
      { seed: 44, numRuns: 3000 },
    );
  });

  it('lone surrogates encode as U+FFFD (EF BF BD), as Buffer.from and Java do', () => {
    expect(hex(utf8Bytes('\ud800'))).toBe('efbfbd');
    expect(hex(utf8Bytes('a\udc00b'))).toBe('61efbfbd62');
    expect(hex(utf8Bytes('\ud83d\udd11'))).toBe('f09f9491');
  });

  it('murmur2(utf8Bytes(key)) equals kafkajs default murmur2(key) on string keys', () => {
    fc.assert(
      fc.property(keyArb, (key) => {
        expect(murmur2(utf8Bytes(key))).toBe(kafkajsDefaultMurmur2(key));
      }),
      { seed: 45, numRuns: 3000 },
    );
  });

  it('legacyMurmur2(utf8Bytes(key)) equals kafkajs legacy murmur2(key) on string keys', () => {
    fc.assert(
      fc.property(keyArb, (key) => {
        expect(legacyMurmur2(utf8Bytes(key))).toBe(kafkajsLegacyMurmur2(key));
      }),
      { seed: 46, numRuns: 3000 },
    );
  });

  it('every byte-length tail (len % 4 = 0..3) agrees with kafkajs, for lengths 0..64', () => {
    for (let len = 0; len <= 64; len++) {
      const bytes = Uint8Array.from({ length: len }, (_, i) => (i * 151 + len * 31 + 0x80) & 0xff);
      expect(murmur2(bytes), `len ${len}`).toBe(kafkajsDefaultMurmur2(Buffer.from(bytes)));
      expect(legacyMurmur2(bytes), `len ${len}`).toBe(kafkajsLegacyMurmur2(Buffer.from(bytes)));
    }
  });
});

describe("§1 murmur2String(key) = murmur2 of the key's UTF-8 bytes (the allocation-free path)", () => {
  it('reproduces the UtilsTest vectors and every recorded default hash', () => {
    for (const { key, expected } of javaUtilsTestVectors)
      expect(murmur2String(key), key).toBe(expected);
    expect(hashes.keys.map((k) => murmur2String(k))).toEqual(hashes.default);
  });

  it('equals kafkajs default murmur2(key) on random keys, lone surrogates included', () => {
    fc.assert(
      fc.property(keyArb, (key) => {
        expect(murmur2String(key)).toBe(kafkajsDefaultMurmur2(key));
      }),
      { seed: 47, numRuns: 3000 },
    );
  });

  it('is not affected by what was hashed before (random key sequences)', () => {
    fc.assert(
      fc.property(fc.array(keyArb, { minLength: 2, maxLength: 6 }), (keys) => {
        expect(keys.map((k) => murmur2String(k))).toEqual(
          keys.map((k) => kafkajsDefaultMurmur2(k)),
        );
      }),
      { seed: 48, numRuns: 500 },
    );
  });

  it('hashes long keys right the first time, each longer than any key before', () => {
    // Lengths well past anything hashed earlier in this file, growing each time,
    // mixing 1-, 2-, 3- and 4-byte UTF-8 characters.
    const pieces = ['a', 'é', 'ключ', 'キー', '🔑'];
    const keys = [300, 1000, 3000, 10000, 30000].map((n, i) =>
      Array.from({ length: n }, (_, j) => pieces[(i + j) % pieces.length]).join(''),
    );
    const firstTime = keys.map((k) => murmur2String(k));
    expect(firstTime).toEqual(keys.map((k) => kafkajsDefaultMurmur2(k)));
    expect(firstTime).toEqual(keys.map((k) => murmur2(utf8Bytes(k))));
  });

  it('utf8Bytes returns independent copies', () => {
    const first = utf8Bytes('abc');
    utf8Bytes('xyz-longer-string');
    expect(hex(first)).toBe('616263');
  });

  it('murmur2(bytes, length) hashes the first length bytes only', () => {
    fc.assert(
      fc.property(
        fc
          .uint8Array({ maxLength: 40 })
          .chain((b) => fc.tuple(fc.constant(b), fc.integer({ min: 0, max: b.length }))),
        ([bytes, length]) => {
          expect(murmur2(bytes, length)).toBe(
            kafkajsDefaultMurmur2(Buffer.from(bytes.subarray(0, length))),
          );
        },
      ),
      { seed: 49, numRuns: 1000 },
    );
  });
});
