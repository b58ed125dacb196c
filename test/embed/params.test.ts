import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  DEFAULT_EMBED,
  EMBED_PANELS,
  embedSnippet,
  embedUrl,
  isEmbed,
  readEmbedParams,
} from '../../src/embed/params';

describe('embed parameters', () => {
  it('only ?embed turns the embed view on', () => {
    expect(isEmbed('?embed')).toBe(true);
    expect(isEmbed('?embed=1&scenario=lag-grows')).toBe(true);
    expect(isEmbed('?scenario=lag-grows')).toBe(false);
  });

  it('reads panels, step, autoplay, speed, theme and origins', () => {
    const { options, problems } = readEmbedParams(
      '?embed&panels=lag,lanes,lag&step=2&autoplay=0&speed=2.5&theme=dark&present=1&origins=https://slides.example,http://localhost:8080',
    );
    expect(problems).toEqual([]);
    expect(options).toEqual({
      panels: ['lag', 'lanes'],
      step: 1,
      autoplay: false,
      speed: 2.5,
      theme: 'dark',
      present: true,
      origins: ['https://slides.example', 'http://localhost:8080'],
    });
  });

  it('names each bad parameter and keeps its default', () => {
    const { options, problems } = readEmbedParams(
      '?embed&panels=&step=0&autoplay=yes&speed=1000&theme=blue&present=2&origins=https://x.example/path',
    );
    expect(options).toEqual(DEFAULT_EMBED);
    expect(problems).toEqual([
      expect.stringMatching(/^panels: expected a comma-separated list of lanes, lag, .*; got ""$/),
      'step: expected a narration step number from 1; got "0"',
      'autoplay: expected 0 or 1; got "yes"',
      'speed: expected a number from 0.1 to 100; got "1000"',
      'theme: expected light or dark; got "blue"',
      'present: expected 0 or 1; got "2"',
      'origins: expected origins like https://slides.example; got "https://x.example/path"',
    ]);
  });
});

describe('embed addresses', () => {
  it('embedUrl writes what readEmbedParams reads back', () => {
    fc.assert(
      fc.property(
        fc.record({
          panels: fc.subarray([...EMBED_PANELS], { minLength: 1 }),
          step: fc.option(fc.nat({ max: 20 })),
          autoplay: fc.boolean(),
          speed: fc.constantFrom(0.1, 0.5, 1, 2, 5, 100),
          theme: fc.constantFrom('light' as const, 'dark' as const, null),
          present: fc.boolean(),
          origins: fc.subarray(['https://slides.example', 'http://localhost:8080']),
        }),
        fc.option(fc.constantFrom('lag-grows', 'same-key-same-partition')),
        (options, scenario) => {
          const url = embedUrl('https://lab.example/x/', { ...options, scenario, share: null });
          const query = url.slice(url.indexOf('?'));
          expect(isEmbed(query)).toBe(true);
          expect(readEmbedParams(query)).toEqual({ options, problems: [] });
          expect(new URLSearchParams(query).get('scenario')).toBe(scenario);
        },
      ),
    );
  });

  it('a share fragment rides along; the snippet escapes what it quotes', () => {
    const url = embedUrl('https://lab.example/', {
      ...DEFAULT_EMBED,
      scenario: null,
      share: 'share=1.abc',
    });
    expect(url).toBe('https://lab.example/?embed#share=1.abc');
    const snippet = embedSnippet('https://lab.example/?embed&a=1', 'A "quoted" <title>', '4:3');
    expect(snippet).toBe(
      '<iframe title="A &quot;quoted&quot; &lt;title>" src="https://lab.example/?embed&amp;a=1" style="width: 100%; aspect-ratio: 4 / 3; border: 0" allow="clipboard-write"></iframe>',
    );
  });
});
