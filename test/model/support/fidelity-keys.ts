/** fast-check arbitraries for message keys, shared by the murmur2/partitioner fidelity tests. */
import fc from 'fast-check';

/** Hand-picked non-ASCII pieces: Cyrillic, CJK, emoji (astral, ZWJ), combining marks. */
const SAMPLES = [
  'ключ',
  'Привет',
  'キー',
  '鍵',
  '한국어',
  '🔑',
  '👩‍👩‍👧',
  '🇫🇷',
  'naïve',
  'e\u0301',
  '\u0000',
  '\u007f',
  '\u0080',
  '\u07ff',
  '\u0800',
  '\uffff',
  '\u{10000}',
  '\u{10ffff}',
];

/** A single UTF-16 code unit in the surrogate range: a lone surrogate on its own. */
const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c));

/** Any UTF-16 code unit, so strings mix valid pairs, lone surrogates and BMP chars. */
const anyCodeUnit = fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c));

/**
 * Keys of every flavour: ASCII, printable graphemes, arbitrary code points,
 * raw code units (lone surrogates included), hand-picked non-ASCII pieces,
 * and mixes of them; lengths cover every length % 4 tail and several blocks.
 */
export const keyArb: fc.Arbitrary<string> = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.string({ unit: 'grapheme-composite', maxLength: 20 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.string({ unit: 'binary-ascii', maxLength: 40 }),
  fc.string({ unit: anyCodeUnit, maxLength: 20 }),
  fc.string({
    unit: fc.oneof(
      fc.constantFrom(...SAMPLES),
      loneSurrogate,
      fc.string({ minLength: 1, maxLength: 3 }),
    ),
    maxLength: 12,
  }),
  fc.nat().map(String),
  // Now and then a long key (UTF-8 longer than 256 bytes).
  fc.string({ unit: 'grapheme-composite', minLength: 60, maxLength: 400 }),
);
