/**
 * The embed view's URL parameters (`?embed&scenario=lag-grows&panels=lanes,lag&step=2&…`):
 * read and checked once at start. A bad one is reported with what and where,
 * and its default is used; the rest still apply.
 */
export const EMBED_PANELS = [
  'lanes',
  'lag',
  'bars',
  'table',
  'rebalances',
  'health',
  'counters',
  'narration',
] as const;
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

/** What the Embed dialog puts in an embed's address. */
export interface EmbedChoice extends EmbedOptions {
  /** A built-in lesson's id, or null for the free lab. */
  readonly scenario: string | null;
  /** A share fragment (`share=…`) to open on instead of the lesson's start. */
  readonly share: string | null;
}

/** The embed address for `choice` on `base` (the page's own address, without query). */
export function embedUrl(base: string, choice: EmbedChoice): string {
  const params = new URLSearchParams();
  if (choice.scenario !== null) params.set('scenario', choice.scenario);
  if (choice.panels.join() !== DEFAULT_EMBED.panels.join()) {
    params.set('panels', choice.panels.join(','));
  }
  if (choice.step !== null) params.set('step', String(choice.step + 1));
  if (!choice.autoplay) params.set('autoplay', '0');
  if (choice.speed !== 1) params.set('speed', String(choice.speed));
  if (choice.theme !== null) params.set('theme', choice.theme);
  if (choice.present) params.set('present', '1');
  if (choice.origins.length > 0) params.set('origins', choice.origins.join(','));
  // `embed` first and bare: the address reads as what it is.
  const rest = params.toString().replace(/%2C/g, ',');
  return `${base}?embed${rest ? `&${rest}` : ''}${choice.share ? `#${choice.share}` : ''}`;
}

/** The iframe snippet for an embed address, filling its slide's width at `aspect`. */
export function embedSnippet(url: string, title: string, aspect: '16:9' | '4:3'): string {
  const ratio = aspect === '16:9' ? '16 / 9' : '4 / 3';
  const escape = (s: string) =>
    s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
  return `<iframe title="${escape(title)}" src="${escape(url)}" style="width: 100%; aspect-ratio: ${ratio}; border: 0" allow="clipboard-write"></iframe>`;
}
