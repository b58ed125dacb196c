/** Key and group colours (pure). */
import { describe, expect, it } from 'vitest';
import { groupColor, keyColor, keyIndex, STAGE_COLORS } from '../../src/views/colors';

const THEMES = ['light', 'dark'] as const;
const TEN_KEYS = Array.from({ length: 10 }, (_, i) => String(i + 1));

describe.each(THEMES)('keyColor (%s)', (theme) => {
  it('is stable per key, across calls and after many other keys', () => {
    const before = ['1', '7', 'user-42', 'order-x', 'ü'].map((k) => keyColor(k, theme));
    for (let i = 0; i < 6000; i++) keyColor(`other-${i}-x`, theme);
    expect(['1', '7', 'user-42', 'order-x', 'ü'].map((k) => keyColor(k, theme))).toEqual(before);
  });

  it('gives keys "1" … "10" ten distinct colours', () => {
    const colors = TEN_KEYS.map((k) => keyColor(k, theme));
    expect(new Set(colors).size).toBe(10);
    for (const c of colors) expect(c).toMatch(/^#[0-9a-f]{6}$/);
  });

  it('keeps keys 11 … 40 distinct from each other and from 1 … 10', () => {
    const colors = Array.from({ length: 40 }, (_, i) => keyColor(String(i + 1), theme));
    expect(new Set(colors).size).toBe(40);
  });

  it('colours a key-less record neutrally, never like a key', () => {
    const neutral = keyColor(null, theme);
    expect(keyColor(null, theme)).toBe(neutral);
    expect(TEN_KEYS.map((k) => keyColor(k, theme))).not.toContain(neutral);
    // A grey: red, green and blue within a few steps of each other.
    const [r, g, b] = [1, 3, 5].map((i) => parseInt(neutral.slice(i, i + 2), 16));
    expect(Math.max(r!, g!, b!) - Math.min(r!, g!, b!)).toBeLessThanOrEqual(24);
  });

  it('colours a key by its trailing number (String(userId) and "user-3" alike)', () => {
    expect(keyColor('user-3', theme)).toBe(keyColor('3', theme));
    expect(keyIndex('3')).toBe(2);
  });

  it('has group colours that cycle and a full stage palette', () => {
    expect(groupColor(0, theme)).not.toBe(groupColor(1, theme));
    expect(groupColor(6, theme)).toBe(groupColor(0, theme));
    for (const c of Object.values(STAGE_COLORS[theme])) expect(c).toMatch(/^#[0-9a-f]{6}$/);
  });
});

it('the themes differ', () => {
  expect(keyColor('1', 'light')).not.toBe(keyColor('1', 'dark'));
  expect(keyColor(null, 'light')).not.toBe(keyColor(null, 'dark'));
});
