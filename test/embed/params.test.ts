import { describe, expect, it } from 'vitest';
import { DEFAULT_EMBED, isEmbed, readEmbedParams } from '../../src/embed/params';

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
