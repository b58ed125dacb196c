import { act, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { builtinScenario } from '../../src/scenarios/index';
import { createLabStore } from '../../src/store/simulation-store';
import { App } from '../../src/views/App';
import { ShareButton } from '../../src/views/ShareButton';
import { Timeline } from '../../src/views/Timeline';
import { advance, renderCounted, renderLab } from './support/lab';

const time = () => screen.getByTestId('timeline-time');
const button = (name: string) => screen.getByRole('button', { name });

afterEach(() => vi.restoreAllMocks());

describe('Timeline', () => {
  it('shows the moment and the end; ticks and events move back and forward', async () => {
    const { store, user } = renderLab(<Timeline />);
    advance(store, 3000);
    expect(time()).toHaveTextContent('0:03.0');
    expect(time().nextElementSibling).toHaveTextContent('/ 0:03.0');
    await user.click(button('One tick back'));
    expect(time()).toHaveTextContent('0:02.9');
    expect(store.getState().timeline.end).toBe(3000);
    await user.click(button('One tick forward'));
    expect(store.getState().snapshot.time).toBe(3000);
    const fingerprint = time().getAttribute('data-fingerprint');
    await user.click(button('One event back'));
    expect(store.getState().snapshot.time).toBeLessThan(3000);
    expect(time().getAttribute('data-fingerprint')).not.toBe(fingerprint);
    await user.click(button('One event forward'));
    expect(store.getState().snapshot.time).toBeLessThanOrEqual(3000);
  });

  it('playing on does not re-render it: the clock and the slider values are written at each tenth', () => {
    const { store, renders } = renderCounted(<Timeline />);
    advance(store, 2000);
    const before = renders();
    const track = screen.getByRole('slider', { name: 'Moment shown' });
    for (let t = 2100; t <= 3000; t += 100) {
      advance(store, 100);
      expect(time()).toHaveTextContent(new RegExp(`^0:0${(t / 1000).toFixed(1)}$`));
      expect(track).toHaveAttribute('aria-valuenow', String(t));
      expect(track).toHaveAttribute('aria-valuemax', String(t));
      expect(track).toHaveAttribute(
        'aria-valuetext',
        `0:0${(t / 1000).toFixed(1)} of 0:0${(t / 1000).toFixed(1)}`,
      );
    }
    // Ten tenths, and no render (the scale of the track did not change).
    expect(renders()).toBe(before);
  });

  it('the track is a keyboard slider: arrows tick, Home and End go to the start and end', () => {
    const { store } = renderLab(<Timeline />);
    advance(store, 2000);
    const track = screen.getByRole('slider', { name: 'Moment shown' });
    expect(track).toHaveAttribute('aria-valuemax', '2000');
    fireEvent.keyDown(track, { key: 'Home' });
    expect(store.getState().snapshot.time).toBe(0);
    fireEvent.keyDown(track, { key: 'ArrowRight' });
    expect(store.getState().snapshot.time).toBe(100);
    fireEvent.keyDown(track, { key: 'End' });
    expect(store.getState().snapshot.time).toBe(2000);
    expect(track).toHaveAttribute('aria-valuenow', '2000');
  });

  it('acting in the past forks (a fork marker, Undo fork on); undo puts the old end back', async () => {
    const { store, user } = renderLab(<Timeline />);
    advance(store, 4000);
    act(() => store.getState().seek(1500));
    expect(button('Undo fork')).toBeDisabled();
    act(() => {
      store.getState().dispatch({ type: 'addPartitions', topic: 'user-events', partitions: 4 });
    });
    expect(store.getState().timeline.end).toBe(1500);
    expect(button('Undo fork')).toBeEnabled();
    expect(document.querySelectorAll('.timeline-marker[data-kind="fork"]')).toHaveLength(1);
    await user.click(button('Undo fork'));
    expect(store.getState().timeline.end).toBe(4000);
    expect(store.getState().snapshot.time).toBe(1500);
    expect(store.getState().panel.topics[0]!.partitions).toHaveLength(3);
    expect(document.querySelectorAll('.timeline-marker[data-kind="fork"]')).toHaveLength(0);
  });

  it('marks narration steps and rebalances, and jumps between the kind chosen', async () => {
    const store = createLabStore(builtinScenario('adding-partitions-breaks-ordering')!, {
      playing: false,
    });
    const { user } = renderLab(<Timeline />, { store });
    act(() => store.getState().step(30_000));
    const marks = (kind: string) =>
      document.querySelectorAll(`.timeline-marker[data-kind="${kind}"]`).length;
    expect(marks('step')).toBeGreaterThanOrEqual(3);
    expect(marks('rebalance')).toBeGreaterThanOrEqual(1);
    await user.selectOptions(screen.getByRole('combobox', { name: 'markers' }), 'steps');
    await user.click(button('Previous marker'));
    expect(store.getState().snapshot.time).toBe(27_000);
    await user.click(button('Previous marker'));
    expect(store.getState().snapshot.time).toBe(20_000);
    await user.selectOptions(screen.getByRole('combobox', { name: 'markers' }), 'rebalances');
    await user.click(button('Next marker'));
    const rebalance = store.getState().timeline.markers.find((m) => m.kind === 'rebalance')!;
    expect(store.getState().snapshot.time).toBe(rebalance.at);
    expect(rebalance.label).toMatch(/billing rebalance: .*partitions/i);
  });

  it('Share link shows the link and the state fingerprint; a link too long says so and offers the file', async () => {
    const { store, user } = renderLab(<ShareButton />);
    // After renderLab: user-event installs its own clipboard when it is set up.
    const writeText = vi.fn(() => Promise.resolve());
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    advance(store, 1000);
    await user.click(button('Share link'));
    const panel = await screen.findByRole('dialog', { name: 'Share link' });
    const url = within(panel).getByTestId('share-url') as HTMLInputElement;
    expect(url.value).toMatch(/#share=1\.[A-Za-z0-9_-]+$/);
    expect(writeText).toHaveBeenCalledWith(url.value);
    expect(within(panel).getByRole('status')).toHaveTextContent(/Copied to the clipboard/);
    expect(within(panel).getByTestId('share-fingerprint')).toHaveTextContent(
      store.getState().fingerprint,
    );
    await user.click(within(panel).getByRole('button', { name: 'Close' }));

    // Many person actions make a long link: the app says so instead of copying it.
    act(() => {
      for (let i = 0; i < 300; i++) {
        store.getState().step(10);
        store.getState().dispatch({
          type: 'updateProducer',
          producerId: 'producer-1',
          changes: { ratePerSec: 1 + ((i * 37) % 997) },
        });
      }
    });
    writeText.mockClear();
    await user.click(button('Share link'));
    const long = await screen.findByRole('dialog', { name: 'Share link' });
    expect(within(long).getByRole('status')).toHaveTextContent(/more than 2,000/);
    expect(within(long).getByRole('button', { name: 'Save recording' })).toBeInTheDocument();
    expect(writeText).not.toHaveBeenCalled();
  });

  it('sits under the views in the whole lab, with the tab a link restores in the store', async () => {
    const { store, user } = renderLab(<App />);
    expect(screen.getByRole('region', { name: 'Timeline' })).toBeInTheDocument();
    await user.click(screen.getByRole('tab', { name: '--describe' }));
    expect(store.getState().tab).toBe('describe');
  });

  it('a lesson loaded after the free lab shows its own markers', () => {
    const { store } = renderLab(<Timeline />);
    act(() => store.getState().loadScenario(builtinScenario('same-key-same-partition')!));
    expect(store.getState().timeline.markers.filter((m) => m.kind === 'step')).toHaveLength(
      builtinScenario('same-key-same-partition')!.steps.length,
    );
  });

  it('a shared link lands on its own tab even where the step points at another', async () => {
    const lesson = builtinScenario('same-key-same-partition')!;
    const pointing = lesson.steps.findIndex((s) => s.highlight.includes('panel:table'));
    expect(pointing).toBeGreaterThanOrEqual(0);
    const at = lesson.steps[pointing]!.at + 1000;
    const store = createLabStore(lesson, { playing: false });
    act(() => store.getState().openShared({ scenario: lesson, log: [], end: at, at, tab: 'bars' }));
    expect(store.getState().tab).toBe('bars');
    expect(store.getState().snapshot.time).toBe(at);
  });

  it('a move that finds nothing does not pause playback; "]" jumps to the kind chosen', () => {
    const store = createLabStore(builtinScenario('adding-partitions-breaks-ordering')!, {
      playing: true,
    });
    renderLab(<App />, { store });
    act(() => store.getState().tick(100));
    act(() => store.getState().undoFork());
    expect(store.getState().playing).toBe(true);
    act(() => store.getState().step(30_000));
    act(() => store.getState().seek(0));
    act(() => store.getState().setMarkerKinds(['step']));
    fireEvent.keyDown(window, { key: ']' });
    expect(store.getState().snapshot.time).toBe(20_000);
  });
});
