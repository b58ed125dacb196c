import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { readEmbedParams } from '../../src/embed/params';
import { builtinScenario } from '../../src/scenarios/index';
import { createLabStore } from '../../src/store/simulation-store';
import { ScenarioBar } from '../../src/views/ScenarioBar';
import { renderLab } from './support/lab';

const url = () => (screen.getByTestId('embed-url') as HTMLInputElement).value;
const query = () =>
  url().slice(url().indexOf('?'), url().includes('#') ? url().indexOf('#') : undefined);

describe('Embed dialog', () => {
  it('builds the link and the iframe from the choices, and previews exactly that link', async () => {
    const store = createLabStore(builtinScenario('lag-grows')!, { playing: false });
    const { user } = renderLab(<ScenarioBar />, { store });
    await user.click(screen.getByRole('button', { name: 'Embed…' }));
    expect(screen.getByRole('dialog', { name: 'Embed in a slide' })).toBeInTheDocument();
    expect(new URLSearchParams(query()).get('scenario')).toBe('lag-grows');
    expect(readEmbedParams(query()).options.panels).toEqual(['lanes', 'lag', 'narration']);

    await user.click(screen.getByRole('checkbox', { name: '--describe table' }));
    await user.click(screen.getByRole('checkbox', { name: 'Play at once' }));
    await user.selectOptions(screen.getByRole('combobox', { name: /Open on step/ }), '3');
    const { options, problems } = readEmbedParams(query());
    expect(problems).toEqual([]);
    expect(options).toMatchObject({
      panels: ['lanes', 'lag', 'table', 'narration'],
      autoplay: false,
      step: 2, // step 3, counted from 0
    });
    expect((screen.getByTestId('embed-snippet') as HTMLTextAreaElement).value).toContain(
      `src="${url().replace(/&/g, '&amp;')}"`,
    );
    expect(screen.getByTestId('embed-preview').getAttribute('src')).toBe(url());
  });

  it('"this moment" carries the session as a share link in the embed address', async () => {
    const store = createLabStore(builtinScenario('lag-grows')!, { playing: false });
    const { user } = renderLab(<ScenarioBar />, { store });
    await user.click(screen.getByRole('button', { name: 'Embed…' }));
    await user.click(screen.getByRole('radio', { name: 'this moment of this session' }));
    await waitFor(() => expect(url()).toMatch(/\?embed.*#share=1\.[A-Za-z0-9_-]+$/));
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
  });
});
