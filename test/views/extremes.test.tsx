/**
 * Every slider at its extreme, set through the UI of the whole <App/>: the
 * model accepts it, a few simulated seconds run, and no view breaks.
 */
import { act, cleanup, screen } from '@testing-library/react';
import type { UserEvent } from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi, type MockInstance } from 'vitest';
import type { LabStore } from '../../src/store/simulation-store';
import { App } from '../../src/views/App';
import { advance, LOG_TRACK_MAX, renderLab, slide } from './support/lab';

interface Extreme {
  readonly name: string;
  readonly apply: (user: UserEvent) => Promise<void>;
  readonly check: (store: LabStore) => void;
}

const slider = (name: string) => screen.getByRole('slider', { name });

const EXTREMES: readonly Extreme[] = [
  {
    name: '0 consumers',
    apply: async () => slide(slider('Consumers in notifier'), 0),
    check: (store) => expect(store.getState().panel.groups[0]!.members).toEqual([]),
  },
  {
    name: '0 producers',
    apply: async () => slide(slider('Producers'), 0),
    check: (store) => expect(store.getState().panel.producers).toEqual([]),
  },
  {
    name: '256 partitions',
    apply: async (user) => {
      slide(slider('Partitions'), 256);
      await user.click(screen.getByRole('button', { name: 'Add partitions (3 → 256)' }));
    },
    check: (store) => expect(store.getState().panel.topics[0]!.partitions).toHaveLength(256),
  },
  {
    name: '100× speed',
    apply: async () => slide(slider('Speed'), LOG_TRACK_MAX),
    check: (store) => expect(store.getState().speed).toBe(100),
  },
  {
    name: 'processing time 1 ms',
    apply: async () => slide(slider('Processing time in notifier'), 0),
    check: (store) => expect(store.getState().panel.apps[0]!.processingMs).toBe(1),
  },
  {
    name: 'processing time 5000 ms',
    apply: async () => slide(slider('Processing time in notifier'), LOG_TRACK_MAX),
    check: (store) => expect(store.getState().panel.apps[0]!.processingMs).toBe(5000),
  },
  {
    name: '2000 keys',
    apply: async () => slide(slider('Distinct keys'), LOG_TRACK_MAX),
    check: (store) => expect(store.getState().panel.producers[0]!.keys.count).toBe(2000),
  },
  {
    name: '5000 records/s',
    apply: async () => slide(slider('Rate per producer'), LOG_TRACK_MAX),
    check: (store) => expect(store.getState().panel.producers[0]!.ratePerSec).toBe(5000),
  },
  {
    name: '32 consumers',
    apply: async () => slide(slider('Consumers in notifier'), 32),
    check: (store) => expect(store.getState().panel.groups[0]!.members).toHaveLength(32),
  },
];

let warn: MockInstance;
let error: MockInstance;
beforeEach(() => {
  // ErrorBoundary reports what it caught with console.warn; React reports with console.error.
  warn = vi.spyOn(console, 'warn');
  error = vi.spyOn(console, 'error');
});
afterEach(() => {
  warn.mockRestore();
  error.mockRestore();
});

/** Runs a few simulated seconds: steps, and (at the store's speed) played frames. */
function run(store: LabStore): void {
  for (let i = 0; i < 5; i++) advance(store, 1000);
  act(() => store.getState().setPlaying(true));
  for (let i = 0; i < 4; i++) act(() => store.getState().tick(50));
  act(() => store.getState().setPlaying(false));
}

async function expectHealthyApp(user: UserEvent): Promise<void> {
  expect(screen.queryByRole('alert')).toBeNull();
  expect(screen.queryByText('Something in this view broke')).toBeNull();
  expect(screen.getByRole('img', { name: /^Producers, partitions and consumer groups/ })).toBe(
    document.querySelector('canvas'),
  );
  expect(screen.getByTestId('lag-chart')).toBeInTheDocument();
  expect(screen.getByTestId('lag-bars')).toBeInTheDocument();
  await user.click(screen.getByRole('tab', { name: '--describe' }));
  expect(screen.getAllByTestId('describe').length).toBeGreaterThan(0);
  expect(screen.queryByRole('alert')).toBeNull();
  await user.click(screen.getByRole('tab', { name: 'Partitions' }));
  expect(screen.getByTestId('lag-bars')).toBeInTheDocument();
  expect(warn).not.toHaveBeenCalled();
  expect(error).not.toHaveBeenCalled();
}

describe('slider extremes', () => {
  it.each(EXTREMES.map((e) => [e.name, e] as const))('%s', async (_, extreme) => {
    const { store, user } = renderLab(<App />);
    await extreme.apply(user);
    expect(store.getState().error).toBeNull();
    run(store);
    extreme.check(store);
    expect(store.getState().snapshot.time).toBeGreaterThan(5000);
    await expectHealthyApp(user);

    // A fresh <App/> on the same, already running store renders too.
    cleanup();
    const again = renderLab(<App />, { store });
    await expectHealthyApp(again.user);
  });

  it('all of them at once', { timeout: 60_000 }, async () => {
    const { store, user } = renderLab(<App />);
    // Fan-out first, so there is a second group at its own extreme.
    await user.click(screen.getByRole('button', { name: 'Add application' }));
    slide(slider('Partitions'), 256);
    await user.click(screen.getByRole('button', { name: 'Add partitions (3 → 256)' }));
    slide(slider('Distinct keys'), LOG_TRACK_MAX);
    slide(slider('Rate per producer'), LOG_TRACK_MAX);
    slide(slider('Producers'), 8);
    slide(slider('Speed'), LOG_TRACK_MAX);
    slide(slider('Processing time in notifier'), 0);
    slide(slider('Consumers in notifier'), 32);
    slide(slider('Processing time in app-2'), LOG_TRACK_MAX);
    slide(slider('Consumers in app-2'), 0);
    expect(store.getState().error).toBeNull();

    run(store);
    const { panel } = store.getState();
    expect(panel.topics[0]!.partitions).toHaveLength(256);
    expect(panel.producers).toHaveLength(8);
    expect(panel.producers.every((p) => p.ratePerSec === 5000 && p.keys.count === 2000)).toBe(true);
    expect(panel.groups.map((g) => g.members.length)).toEqual([32, 0]);
    await expectHealthyApp(user);

    slide(slider('Producers'), 0);
    run(store);
    await expectHealthyApp(user);
  });
});
