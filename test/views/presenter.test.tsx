import { act, fireEvent, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { builtinScenario } from '../../src/scenarios/index';
import { createLabStore } from '../../src/store/simulation-store';
import { App } from '../../src/views/App';
import { EmbedApp } from '../../src/views/EmbedApp';
import { renderLab } from './support/lab';

const key = (k: string) => act(() => void fireEvent.keyDown(window, { key: k }));

describe('presenter control', () => {
  it('f shows the stage, the lag chart, the lag details alone in turn, then everything', () => {
    const { container } = renderLab(<App />);
    const lab = container.querySelector('.lab')!;
    expect(lab.getAttribute('data-focus')).toBeNull();
    const seen: (string | null)[] = [];
    for (let i = 0; i < 4; i++) {
      key('f');
      seen.push(lab.getAttribute('data-focus'));
    }
    expect(seen).toEqual(['stage', 'lag', 'side', null]);
  });

  it('b blanks the screen until b again or a click', () => {
    renderLab(<App />);
    key('b');
    expect(screen.getByTestId('blank')).toBeInTheDocument();
    key('b');
    expect(screen.queryByTestId('blank')).toBeNull();
    key('b');
    fireEvent.click(screen.getByTestId('blank'));
    expect(screen.queryByTestId('blank')).toBeNull();
  });

  it('p turns presentation mode on and off (on the page root, for the stylesheet)', () => {
    const { store } = renderLab(<App />);
    key('p');
    expect(store.getState().presenting).toBe(true);
    expect(document.documentElement.hasAttribute('data-present')).toBe(true);
    key('p');
    expect(document.documentElement.hasAttribute('data-present')).toBe(false);
  });

  it('in an embed, arrows, Space and PageDown/PageUp go through the narration', () => {
    const store = createLabStore(builtinScenario('lag-grows')!, { playing: false });
    renderLab(<EmbedApp panels={['lanes', 'narration']} />, { store });
    const step = () => store.getState().stepIndex;
    expect(step()).toBe(0);
    key('ArrowRight');
    expect(step()).toBe(1);
    key(' ');
    expect(step()).toBe(2);
    key('PageDown');
    expect(step()).toBe(3);
    key('ArrowLeft');
    expect(step()).toBe(2);
    key('PageUp');
    expect(step()).toBe(1);
    expect(store.getState().playing).toBe(false);
    expect(screen.getByTestId('narration')).toHaveTextContent(/^2\/5/);
  });
});

describe('presentation mode and a clicker', () => {
  it('in presentation mode the clicker drives the narration; a focused slider keeps its arrows', () => {
    const store = createLabStore(builtinScenario('lag-grows')!, {
      playing: false,
      presenting: true,
    });
    renderLab(<App />, { store });
    key('ArrowRight');
    key(' ');
    expect(store.getState().stepIndex).toBe(2);
    const slider = screen.getByRole('slider', { name: 'Rate per producer' });
    slider.focus();
    act(() => void fireEvent.keyDown(slider, { key: 'ArrowLeft' }));
    expect(store.getState().stepIndex).toBe(2);
    act(() => store.getState().setPresenting(false));
    key(' ');
    expect(store.getState().stepIndex).toBe(2);
    expect(store.getState().playing).toBe(true);
  });

  it('two embeds on one page keep to their own stores', () => {
    const a = createLabStore(builtinScenario('lag-grows')!, { playing: false });
    const b = createLabStore(builtinScenario('lag-grows')!, { playing: false });
    renderLab(<EmbedApp panels={['narration']} />, { store: a });
    renderLab(<EmbedApp panels={['narration']} />, { store: b });
    act(() => a.getState().goToStep(3));
    expect(a.getState().stepIndex).toBe(3);
    expect(b.getState().stepIndex).toBe(0);
    const captions = screen.getAllByTestId('narration').map((c) => c.textContent);
    expect(captions[0]).toMatch(/^4\/5/);
    expect(captions[1]).toMatch(/^1\/5/);
  });
});

describe('presenter control in an embed', () => {
  it('f shows each panel alone in turn (the narration stays); "." blanks as clickers expect', () => {
    const store = createLabStore(builtinScenario('lag-grows')!, { playing: false });
    const { container } = renderLab(<EmbedApp panels={['lanes', 'lag', 'narration']} />, { store });
    const embed = container.querySelector('[data-testid="embed"]')!;
    key('f');
    expect(embed.getAttribute('data-focus')).toBe('lanes');
    expect(container.querySelector('.embed-below')).toBeNull();
    key('f');
    expect(embed.getAttribute('data-focus')).toBe('lag');
    expect(container.querySelector('.embed-lanes')).toBeNull();
    expect(screen.getByTestId('narration')).toBeInTheDocument();
    key('f');
    expect(embed.getAttribute('data-focus')).toBeNull();
    key('.');
    expect(screen.getByTestId('blank')).toBeInTheDocument();
    key('.');
    expect(screen.queryByTestId('blank')).toBeNull();
  });
});
