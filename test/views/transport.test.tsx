/**
 * The transport bar and the keyboard shortcuts (useShortcuts, through <App/>),
 * against a real store.
 */
import { act, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { MAX_SPEED, MIN_SPEED, STEP_MS } from '../../src/store/simulation-store';
import { App } from '../../src/views/App';
import { TransportBar } from '../../src/views/TransportBar';
import { advance, LOG_TRACK_MAX, renderLab, slide } from './support/lab';

const button = (name: string | RegExp) => screen.getByRole('button', { name });
const simTime = () => screen.getByTestId('sim-time');
const noop = () => undefined;

/**
 * The shortcuts dialog, open or not (a closed <dialog> is display: none, so it has no
 * accessible name and getByRole cannot name it).
 */
const shortcutsDialog = () => {
  const dialogs = screen
    .getAllByRole('dialog', { hidden: true })
    .filter((d) => d.getAttribute('aria-label') === 'Keyboard shortcuts');
  expect(dialogs).toHaveLength(1);
  return dialogs[0]!;
};
const expectShortcuts = (open: boolean) => {
  if (open) {
    expect(shortcutsDialog()).toHaveAttribute('open');
    expect(shortcutsDialog()).toBeVisible();
    expect(screen.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBe(shortcutsDialog());
  } else {
    expect(shortcutsDialog()).not.toHaveAttribute('open');
    expect(shortcutsDialog()).not.toBeVisible();
    expect(screen.queryByRole('dialog', { name: 'Keyboard shortcuts' })).toBeNull();
  }
};

describe('TransportBar', () => {
  it('play / pause toggles the store and the label', async () => {
    const { store, user } = renderLab(<TransportBar onHelp={noop} />);
    expect(store.getState().playing).toBe(false);
    await user.click(button('Play'));
    expect(store.getState().playing).toBe(true);
    expect(button('Pause')).toHaveAttribute('aria-keyshortcuts', 'Space');
    await user.click(button('Pause'));
    expect(store.getState().playing).toBe(false);
    expect(button('Play')).toBeInTheDocument();
  });

  it('step advances simulated time by 100 ms and the clock shows it', async () => {
    const { store, user } = renderLab(<TransportBar onHelp={noop} />);
    expect(simTime()).toHaveTextContent('0:00.0');
    await user.click(button('Step'));
    expect(STEP_MS).toBe(100);
    expect(store.getState().panel.time).toBe(100);
    expect(store.getState().snapshot.time).toBe(100);
    expect(simTime()).toHaveTextContent('0:00.1');
    for (let i = 0; i < 9; i++) await user.click(button('Step'));
    expect(store.getState().panel.time).toBe(1000);
    expect(simTime()).toHaveTextContent('0:01.0');
    expect(store.getState().playing).toBe(false);
  });

  it('maps the log speed slider onto 0.1× … 100×, and the model runs at that speed', () => {
    const { store } = renderLab(<TransportBar onHelp={noop} />);
    const speed = () => screen.getByRole('slider', { name: 'Speed' });
    expect(speed()).toHaveAttribute('aria-valuetext', '1×');

    slide(speed(), 0);
    expect(store.getState().speed).toBe(MIN_SPEED);
    expect(speed()).toHaveAttribute('aria-valuetext', '0.1×');

    slide(speed(), LOG_TRACK_MAX);
    expect(store.getState().speed).toBe(MAX_SPEED);
    expect(speed()).toHaveAttribute('aria-valuetext', '100×');
    expect(speed()).toHaveValue(String(LOG_TRACK_MAX));

    act(() => {
      store.getState().setPlaying(true);
      store.getState().tick(100);
    });
    expect(store.getState().snapshot.time).toBe(100 * MAX_SPEED);
  });

  it('reset starts again from the starting config', async () => {
    const { store, user } = renderLab(<TransportBar onHelp={noop} />);
    act(() => {
      store.getState().dispatch({
        type: 'addProducer',
        producer: { id: 'producer-2', topic: 'user-events' },
      });
      store.getState().dispatch({ type: 'addPartitions', topic: 'user-events', partitions: 5 });
    });
    advance(store, 2500);
    expect(simTime()).toHaveTextContent('0:02.5');

    await user.click(button('Reset'));
    const { panel } = store.getState();
    expect(panel.time).toBe(0);
    expect(panel.totals.produced).toBe(0);
    expect(panel.producers.map((p) => p.id)).toEqual(['producer-1']);
    expect(panel.topics[0]!.partitions).toHaveLength(3);
    expect(simTime()).toHaveTextContent('0:00.0');
  });

  it('the theme button switches light ↔ dark', async () => {
    const { store, user } = renderLab(<TransportBar onHelp={noop} />);
    expect(store.getState().theme).toBe('light');
    await user.click(button('Switch to dark theme'));
    expect(store.getState().theme).toBe('dark');
    expect(button('Switch to light theme')).toHaveTextContent('Light');
    await user.click(button('Switch to light theme'));
    expect(store.getState().theme).toBe('light');
  });

  it('in <App/>, the theme reaches the document', async () => {
    const { user } = renderLab(<App />);
    await user.click(button('Switch to dark theme'));
    expect(document.documentElement.dataset['theme']).toBe('dark');
    await user.click(button('Switch to light theme'));
    expect(document.documentElement.dataset['theme']).toBe('light');
  });
});

describe('keyboard shortcuts', () => {
  /** Focus on the page itself, as after a click on empty space. */
  const focusBody = () => act(() => (document.activeElement as HTMLElement | null)?.blur());

  it('Space toggles play', async () => {
    const { store, user } = renderLab(<App />);
    focusBody();
    await user.keyboard(' ');
    expect(store.getState().playing).toBe(true);
    expect(button('Pause')).toBeInTheDocument();
    await user.keyboard(' ');
    expect(store.getState().playing).toBe(false);
  });

  it('Space on a focused button presses the button instead', async () => {
    const { store, user } = renderLab(<App />);
    act(() => button('Step').focus());
    await user.keyboard(' ');
    expect(store.getState().playing).toBe(false);
    expect(store.getState().panel.time).toBe(STEP_MS);
  });

  it('"." steps 100 ms', async () => {
    const { store, user } = renderLab(<App />);
    focusBody();
    await user.keyboard('...');
    expect(store.getState().panel.time).toBe(3 * STEP_MS);
    expect(simTime()).toHaveTextContent('0:00.3');
  });

  it('"+" and "-" double and halve the speed, within 0.1× … 100×', async () => {
    const { store, user } = renderLab(<App />);
    focusBody();
    await user.keyboard('+');
    expect(store.getState().speed).toBe(2);
    await user.keyboard('=');
    expect(store.getState().speed).toBe(4);
    await user.keyboard('-');
    expect(store.getState().speed).toBe(2);
    await user.keyboard('++++++++++');
    expect(store.getState().speed).toBe(MAX_SPEED);
    expect(screen.getByRole('slider', { name: 'Speed' })).toHaveAttribute('aria-valuetext', '100×');
    await user.keyboard('-'.repeat(12));
    expect(store.getState().speed).toBe(MIN_SPEED);
  });

  it('"t" toggles the theme', async () => {
    const { store, user } = renderLab(<App />);
    focusBody();
    await user.keyboard('t');
    expect(store.getState().theme).toBe('dark');
    expect(document.documentElement.dataset['theme']).toBe('dark');
    await user.keyboard('t');
    expect(store.getState().theme).toBe('light');
  });

  it('"r" resets', async () => {
    const { store, user } = renderLab(<App />);
    advance(store, 2000);
    focusBody();
    await user.keyboard('r');
    expect(store.getState().panel.time).toBe(0);
  });

  it('"?" opens and closes the shortcuts dialog', async () => {
    const { user } = renderLab(<App />);
    expectShortcuts(false);
    focusBody();
    await user.keyboard('?');
    expectShortcuts(true);
    expect(screen.getByRole('dialog', { name: 'Keyboard shortcuts' })).toHaveTextContent(
      'Play or pause',
    );
    focusBody();
    await user.keyboard('?');
    expectShortcuts(false);
  });

  it('the "?" button opens the dialog and its Close button closes it', async () => {
    const { user } = renderLab(<App />);
    await user.click(button('Keyboard shortcuts'));
    expectShortcuts(true);
    await user.click(screen.getByRole('button', { name: 'Close' }));
    expectShortcuts(false);
    // It opens again (the open state went back to false).
    await user.click(button('Keyboard shortcuts'));
    expectShortcuts(true);
  });

  it('Escape closes the record inspector', async () => {
    const { store, user } = renderLab(<App />);
    advance(store, 3000);
    const p = store.getState().panel.topics[0]!.partitions.find((x) => x.records.length > 0)!;
    const offset = p.records[0]!.offset;
    act(() => store.getState().inspect('user-events', p.partition, offset));
    expect(screen.getByRole('dialog', { name: `Record at offset ${offset}` })).toBeInTheDocument();

    focusBody();
    await user.keyboard('{Escape}');
    expect(store.getState().inspection).toBeNull();
    expect(screen.queryByRole('dialog', { name: `Record at offset ${offset}` })).toBeNull();
  });

  it('Escape inside the record inspector (focus on its close button) closes it', async () => {
    const { store, user } = renderLab(<App />);
    advance(store, 3000);
    const p = store.getState().panel.topics[0]!.partitions.find((x) => x.records.length > 0)!;
    act(() => store.getState().inspect('user-events', p.partition, p.records[0]!.offset));
    expect(button('Close record details')).toHaveFocus();
    await user.keyboard('{Escape}');
    expect(store.getState().inspection).toBeNull();
    expect(screen.queryByRole('button', { name: 'Close record details' })).toBeNull();
  });

  it('keys typed into a select are not shortcuts', async () => {
    const { store, user } = renderLab(<App />);
    const keys = screen.getByRole('combobox', { name: 'Keys' });
    act(() => keys.focus());
    expect(keys).toHaveFocus();
    await user.keyboard(' t.+-r?');
    const s = store.getState();
    expect(s.playing).toBe(false);
    expect(s.theme).toBe('light');
    expect(s.panel.time).toBe(0);
    expect(s.speed).toBe(1);
    expectShortcuts(false);
  });

  it('keys with Ctrl, Alt or Meta held are not shortcuts', async () => {
    const { store, user } = renderLab(<App />);
    focusBody();
    await user.keyboard('{Control>}t{/Control}{Alt>}.{/Alt}{Meta>} {/Meta}');
    expect(store.getState().theme).toBe('light');
    expect(store.getState().panel.time).toBe(0);
    expect(store.getState().playing).toBe(false);
  });
});
