/**
 * One stable colour per key, the same in every view: keys ending in a number
 * n take the n-th colour of a palette chosen to stay distinct (and mostly
 * colour-blind-safe) on projectors; further keys walk the hue circle by the
 * golden angle. Key-less records are neutral.
 */
const PALETTE_LIGHT = [
  '#1f77b4',
  '#e6550d',
  '#2ca02c',
  '#d62728',
  '#9467bd',
  '#8c564b',
  '#e377c2',
  '#17becf',
  '#bcbd22',
  '#393b79',
];
const PALETTE_DARK = [
  '#5fa8e8',
  '#ff8c42',
  '#5fd35f',
  '#ff6b6b',
  '#b99af0',
  '#d19a82',
  '#ff9ad5',
  '#4fdcec',
  '#e0e05a',
  '#8f95ff',
];

export type ThemeName = 'light' | 'dark';

export function keyIndex(key: string): number {
  const m = /(\d+)$/.exec(key);
  if (m && m[1]!.length <= 9) return Math.max(0, Number(m[1]) - 1);
  let h = 0;
  for (let i = 0; i < key.length; i++) h = (Math.imul(h, 31) + key.charCodeAt(i)) | 0;
  return 10 + (Math.abs(h) % 997);
}

const caches: Record<ThemeName, Map<string, string>> = { light: new Map(), dark: new Map() };

export function keyColor(key: string | null, theme: ThemeName): string {
  if (key === null) return theme === 'dark' ? '#8a919c' : '#9aa0a8';
  const cache = caches[theme];
  const known = cache.get(key);
  if (known) return known;
  const i = keyIndex(key);
  const palette = theme === 'dark' ? PALETTE_DARK : PALETTE_LIGHT;
  // Hex, not hsl(): the canvas parses every fillStyle it is given, and hex parses fastest.
  const color =
    i < palette.length
      ? palette[i]!
      : hslToHex(
          (i * 137.508) % 360,
          theme === 'dark' ? 0.65 : 0.6,
          theme === 'dark' ? 0.62 : 0.42,
        );
  if (cache.size > 5000) cache.clear();
  cache.set(key, color);
  return color;
}

/** Groups get their own short palette, drawn as markers and outlines. */
const GROUP_COLORS_LIGHT = ['#0b3d91', '#b35900', '#6a1b9a', '#00695c', '#ad1457', '#37474f'];
const GROUP_COLORS_DARK = ['#9ec1ff', '#ffb366', '#d9a6ff', '#6fe0cd', '#ff8fbf', '#b0bec5'];

export function groupColor(index: number, theme: ThemeName): string {
  const palette = theme === 'dark' ? GROUP_COLORS_DARK : GROUP_COLORS_LIGHT;
  return palette[index % palette.length]!;
}

/** Colours the canvas needs, per theme (the CSS uses the same values). */
export interface StageColors {
  readonly background: string;
  readonly text: string;
  readonly muted: string;
  readonly lane: string;
  readonly laneLine: string;
  readonly panel: string;
  readonly danger: string;
  readonly warning: string;
  readonly ok: string;
  /** Outline of what the narration points at (the CSS accent). */
  readonly highlight: string;
}

export const STAGE_COLORS: Record<ThemeName, StageColors> = {
  light: {
    background: '#ffffff',
    text: '#1d1f23',
    muted: '#5b616b',
    lane: '#eef0f3',
    laneLine: '#c9cdd4',
    panel: '#f7f7f4',
    danger: '#b3261e',
    warning: '#9a6700',
    ok: '#1a7f37',
    highlight: '#1f5fd1',
  },
  dark: {
    background: '#1e2127',
    text: '#eceff4',
    muted: '#a7adb8',
    lane: '#2a2e36',
    laneLine: '#434957',
    panel: '#15171b',
    danger: '#ff8a80',
    warning: '#f2cc60',
    ok: '#7ee2a8',
    highlight: '#7ea6ff',
  },
};

function hslToHex(h: number, s: number, l: number): string {
  const a = s * Math.min(l, 1 - l);
  const channel = (n: number) => {
    const k = (n + h / 30) % 12;
    const v = l - a * Math.max(-1, Math.min(k - 3, 9 - k, 1));
    return Math.round(v * 255)
      .toString(16)
      .padStart(2, '0');
  };
  return `#${channel(0)}${channel(8)}${channel(4)}`;
}
