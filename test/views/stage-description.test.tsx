/**
 * The stage's text description (what screen readers and the browser tests
 * read): offsets renewed once a second while playing, at once otherwise.
 */
import { act, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { defaultConfig } from '../../src/model/index';
import { Stage } from '../../src/views/stage/Stage';
import { renderLab } from './support/lab';

afterEach(() => {
  vi.restoreAllMocks();
});

/** Renders the stage playing, on a clock the test moves; panels refresh synchronously. */
function playingStage() {
  const clock = { now: 0 };
  vi.spyOn(performance, 'now').mockImplementation(() => clock.now);
  const lab = renderLab(<Stage />, {
    config: defaultConfig(),
    playing: true,
    now: () => clock.now,
    defer: (run) => run(),
  });
  /** Plays `ms` of real time in ticks of 100 ms. */
  const play = (ms: number) => {
    for (let t = 0; t < ms; t += 100) {
      clock.now += 100;
      act(() => lab.store.getState().tick(100));
    }
  };
  return { ...lab, play };
}

const described = () =>
  within(screen.getByTestId('topic'))
    .getAllByTestId('partition')
    .map((li) => li.textContent);

const actual = (lab: ReturnType<typeof playingStage>) =>
  lab.store
    .getState()
    .panel.topics[0]!.partitions.map(
      (p) =>
        `Partition ${p.partition}: log start offset ${p.logStartOffset}, log end offset ${p.logEndOffset}`,
    );

describe('Stage description', () => {
  it('renews the offsets once a second while playing, and at once on pause', () => {
    const lab = playingStage();
    const renewed: number[] = [];
    let panelChanges = 0;
    let shown = described();
    let panel = lab.store.getState().panel;
    for (let t = 100; t <= 4000; t += 100) {
      lab.play(100);
      if (lab.store.getState().panel !== panel) panelChanges++;
      panel = lab.store.getState().panel;
      const now = described();
      if (now.join() !== shown.join()) {
        renewed.push(t);
        // A renewal shows the panels' state of that moment.
        expect(now).toEqual(actual(lab));
      }
      shown = now;
    }
    expect(panelChanges).toBeGreaterThanOrEqual(12);
    expect(renewed.length).toBeGreaterThanOrEqual(3);
    for (let i = 1; i < renewed.length; i++) {
      expect(renewed[i]! - renewed[i - 1]!).toBeGreaterThanOrEqual(1000);
    }
    lab.play(300);
    expect(described()).not.toEqual(actual(lab));
    act(() => lab.store.getState().setPlaying(false));
    expect(described()).toEqual(actual(lab));
  });

  it('shows added partitions at once while playing', () => {
    const lab = playingStage();
    lab.play(1200);
    expect(described()).toHaveLength(3);
    act(() => {
      lab.store.getState().dispatch({ type: 'addPartitions', topic: 'user-events', partitions: 5 });
    });
    lab.play(100);
    expect(described()).toEqual(actual(lab));
    expect(described()).toHaveLength(5);
  });
});
