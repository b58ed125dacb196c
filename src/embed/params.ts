/**
 * The embed view's URL parameters (`?embed&scenario=lag-grows&panels=lanes,lag&step=2&…`):
 * read and checked once at start. A bad one is reported with what and where,
 * and its default is used; the rest still apply.
 */
export const EMBED_PANELS = ['lanes', 'lag', 'bars', 'table', 'counters', 'narration'] as const;
export type EmbedPanel = (typeof EMBED_PANELS)[number];

export interface EmbedOptions {
  readonly panels: readonly EmbedPanel[];
  /** Narration step to open on (0-based), or null for the start. */
  readonly step: number | null;
  readonly autoplay: boolean;
  readonly speed: number;
  readonly theme: 'light' | 'dark' | null;
  /** Presentation mode (large type, full contrast, thick lines). */
  readonly present: boolean;
  /** Origins whose messages the embed obeys; empty: its parent page's, whatever it is. */
  readonly origins: readonly string[];
}

export const DEFAULT_EMBED: EmbedOptions = {
  panels: ['lanes', 'lag'],
  step: null,
  autoplay: true,
  speed: 1,
  theme: null,
  present: false,
  origins: [],
};

export function isEmbed(search: string): boolean {
  return new URLSearchParams(search).has('embed');
}

export function readEmbedParams(search: string): {
  readonly options: EmbedOptions;
  readonly problems: readonly string[];
} {
  const params = new URLSearchParams(search);
  const problems: string[] = [];
  const options = { ...DEFAULT_EMBED };
  const panels = params.get('panels');
  if (panels !== null) {
    const names = panels.split(',').filter((p) => p !== '');
    const bad = names.filter((p) => !(EMBED_PANELS as readonly string[]).includes(p));
    if (names.length === 0 || bad.length > 0) {
      problems.push(
        `panels: expected a comma-separated list of ${EMBED_PANELS.join(', ')}; got "${panels}"`,
      );
    } else options.panels = [...new Set(names)] as EmbedPanel[];
  }
  const step = params.get('step');
  if (step !== null) {
    const n = Number(step);
    if (!Number.isInteger(n) || n < 1) {
      problems.push(`step: expected a narration step number from 1; got "${step}"`);
    } else options.step = n - 1;
  }
  const autoplay = params.get('autoplay');
  if (autoplay !== null) {
    if (autoplay !== '0' && autoplay !== '1') {
      problems.push(`autoplay: expected 0 or 1; got "${autoplay}"`);
    } else options.autoplay = autoplay === '1';
  }
  const speed = params.get('speed');
  if (speed !== null) {
    const n = Number(speed);
    if (!Number.isFinite(n) || n < 0.1 || n > 100) {
      problems.push(`speed: expected a number from 0.1 to 100; got "${speed}"`);
    } else options.speed = n;
  }
  const theme = params.get('theme');
  if (theme !== null) {
    if (theme !== 'light' && theme !== 'dark') {
      problems.push(`theme: expected light or dark; got "${theme}"`);
    } else options.theme = theme;
  }
  const present = params.get('present');
  if (present !== null) {
    if (present !== '0' && present !== '1') {
      problems.push(`present: expected 0 or 1; got "${present}"`);
    } else options.present = present === '1';
  }
  const origins = params.get('origins');
  if (origins !== null) {
    const list = origins.split(',').filter((o) => o !== '');
    const bad = list.filter((o) => !isOrigin(o));
    if (bad.length > 0) {
      problems.push(`origins: expected origins like https://slides.example; got "${bad[0]}"`);
    } else options.origins = list;
  }
  return { options, problems };
}

function isOrigin(text: string): boolean {
  try {
    const url = new URL(text);
    return url.origin === text;
  } catch {
    return false;
  }
}
