/**
 * kafka-semantics §6 "Topic name legality" (Topic.java, TopicTest.java) and
 * the "." vs "_" collision rule the KRaft controller enforces.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  INTERNAL_TOPICS,
  MAX_TOPIC_NAME_LENGTH,
  collidingTopic,
  topicNameProblem,
} from '../../src/model/topic-name';

const LEGAL_CHARS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-';

/** Topic.java's rule, written out character by character (no regex). */
function isLegalPerKafka(name: string): boolean {
  if (name.length === 0 || name === '.' || name === '..' || name.length > 249) return false;
  for (const ch of name) if (!LEGAL_CHARS.includes(ch)) return false;
  return true;
}

describe('§6 a topic name is valid iff non-empty, not "." or "..", <= 249 chars of [a-zA-Z0-9._-]', () => {
  it('the limit is 249 characters', () => {
    expect(MAX_TOPIC_NAME_LENGTH).toBe(249);
  });

  it.each([
    ['_0-9_.'],
    ['...'],
    ['a'.repeat(249)],
    ['.'.repeat(249)],
    ['-'],
    ['_'],
    ['orders'],
    ['Orders.v2_EU-west-1'],
    [LEGAL_CHARS],
    ['__consumer_offsets'],
  ])('valid (TopicTest): %j', (name) => {
    expect(topicNameProblem(name)).toBeNull();
  });

  it.each([
    [''],
    ['foo bar'],
    ['foo:bar'],
    ['foo=bar'],
    ['.'],
    ['..'],
    ['a'.repeat(250)],
    ['.'.repeat(250)],
    ['a'.repeat(1000)],
  ])('invalid (TopicTest): %j', (name) => {
    const problem = topicNameProblem(name);
    expect(typeof problem).toBe('string');
    expect(problem).not.toBe('');
  });

  it('249 characters is the last valid length, 250 the first invalid one', () => {
    expect(topicNameProblem('x'.repeat(248))).toBeNull();
    expect(topicNameProblem('x'.repeat(249))).toBeNull();
    expect(topicNameProblem('x'.repeat(250))).not.toBeNull();
  });

  // Every forbidden character listed in §6, plus whitespace of each kind.
  const forbidden = [
    '/',
    '\\',
    ',',
    ':',
    '"',
    "'",
    ';',
    '*',
    '?',
    '=',
    ' ',
    '\t',
    '\n',
    '\r',
    '\f',
    '\v',
  ];
  describe.each(forbidden.map((c) => [JSON.stringify(c), c]))('forbidden character %s', (_, c) => {
    it.each([
      ['alone', c],
      ['at the start', `${c}topic`],
      ['in the middle', `to${c}pic`],
      ['at the end', `topic${c}`],
    ])('%s is invalid', (_where, name) => {
      expect(topicNameProblem(name)).not.toBeNull();
    });
  });

  it.each([
    ['tópic'],
    ['ключ'],
    ['キー'],
    ['topic🔑'],
    ['\u00a0'],
    ['topic\u200b'],
    ['１２３'],
    ['ａｂｃ'],
    ['İ'],
    ['topic\u0000'],
    ['\ud800'],
  ])('non-ASCII or control characters are invalid: %j', (name) => {
    expect(topicNameProblem(name)).not.toBeNull();
  });

  it('agrees with the rule written out char by char, on random names', () => {
    const nameArb = fc.oneof(
      fc.string({ unit: fc.constantFrom(...LEGAL_CHARS), maxLength: 260 }),
      fc.string({ unit: fc.constantFrom(...LEGAL_CHARS, ' ', '/', ':', '=', 'é'), maxLength: 30 }),
      fc.string({ unit: fc.constantFrom('.', '_'), maxLength: 3 }),
      fc.string({ unit: 'binary-ascii', maxLength: 20 }),
      fc.string({ unit: 'grapheme', maxLength: 10 }),
      fc.integer({ min: 240, max: 260 }).map((n) => 'a'.repeat(n)),
    );
    fc.assert(
      fc.property(nameArb, (name) => {
        expect(topicNameProblem(name) === null).toBe(isLegalPerKafka(name));
      }),
      { seed: 42, numRuns: 3000 },
    );
  });
});

describe('§6 "." and "_" collide in metric names: the controller rejects a colliding topic', () => {
  it('to.pic collides with an existing to_pic, and the other way round', () => {
    expect(collidingTopic('to.pic', ['to_pic'])).toBe('to_pic');
    expect(collidingTopic('to_pic', ['to.pic'])).toBe('to.pic');
  });

  it('to.pic does not collide with topic_', () => {
    expect(collidingTopic('to.pic', ['topic_'])).toBeUndefined();
    expect(collidingTopic('topic_', ['to.pic'])).toBeUndefined();
  });

  it('a.b collides with a_b (the KRaft error example)', () => {
    expect(collidingTopic('a.b', ['x', 'a_b', 'y'])).toBe('a_b');
  });

  it('a name does not collide with itself', () => {
    expect(collidingTopic('to.pic', ['to.pic'])).toBeUndefined();
    expect(collidingTopic('to_pic', ['to_pic'])).toBeUndefined();
    expect(collidingTopic('plain', ['plain'])).toBeUndefined();
  });

  it('finds the colliding topic among others, including itself', () => {
    expect(collidingTopic('to.pic', ['to.pic', 'other', 'to_pic'])).toBe('to_pic');
  });

  it('mixed dots and underscores collide once all dots map to underscores', () => {
    expect(collidingTopic('a.b_c', ['a_b.c'])).toBe('a_b.c');
    expect(collidingTopic('a..b', ['a__b'])).toBe('a__b');
    expect(collidingTopic('a..b', ['a_b'])).toBeUndefined();
  });

  it('no existing topics means no collision', () => {
    expect(collidingTopic('to.pic', [])).toBeUndefined();
  });

  it('accepts any iterable of existing names', () => {
    expect(collidingTopic('to.pic', new Set(['to_pic']))).toBe('to_pic');
  });

  it('collides exactly when the names differ but are equal with "." read as "_"', () => {
    const nameArb = fc.string({
      unit: fc.constantFrom('a', 'b', '.', '_'),
      minLength: 1,
      maxLength: 5,
    });
    fc.assert(
      fc.property(nameArb, fc.uniqueArray(nameArb, { maxLength: 6 }), (name, existing) => {
        const same = (a: string, b: string): boolean =>
          a.split('.').join('_') === b.split('.').join('_');
        const expected = existing.filter((e) => e !== name && same(e, name));
        const got = collidingTopic(name, existing);
        if (expected.length === 0) expect(got).toBeUndefined();
        else expect(expected).toContain(got);
      }),
      { seed: 42, numRuns: 2000 },
    );
  });
});

describe('§6 internal topics', () => {
  it('are __consumer_offsets, __transaction_state and __share_group_state', () => {
    expect([...INTERNAL_TOPICS].sort()).toEqual(
      ['__consumer_offsets', '__share_group_state', '__transaction_state'].sort(),
    );
  });
});
