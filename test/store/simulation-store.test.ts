import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/model/index';
import {
  createLabStore,
  MAX_SPEED,
  MIN_SPEED,
  PANEL_INTERVAL_MS,
} from '../../src/store/simulation-store';

/** A store with a hand-driven real-time clock (for the panel throttle). */
function store(playing = true) {
  let now = 0;
  const s = createLabStore(defaultConfig(), { playing, now: () => now, defer: (run) => run() });
  return { s, tickClock: (ms: number) => (now += ms) };
}

describe('lab store: the one funnel to the model', () => {
  it('a rejected action leaves the simulation untouched and says what and where', () => {
    const { s } = store(false);
    s.getState().step(5000);
    const before = JSON.stringify(s.getState().snapshot);
    expect(
      s.getState().dispatch({ type: 'addPartitions', topic: 'user-events', partitions: 2 }),
    ).toBe(false);
    expect(s.getState().error).toMatchObject({ code: 'INVALID_PARTITIONS' });
    expect(s.getState().error!.message).toMatch(
      /^action\.partitions: .*2 would not be an increase/,
    );
    s.getState().step(0);
    expect(JSON.stringify(s.getState().snapshot)).toBe(before);
    expect(
      s.getState().dispatch({ type: 'addPartitions', topic: 'user-events', partitions: 4 }),
    ).toBe(true);
    expect(s.getState().error).toBeNull();
    expect(s.getState().panel.topics[0]!.partitions).toHaveLength(4);
  });

  it('a bad config on reset is rejected and the running simulation goes on', () => {
    const { s } = store(false);
    s.getState().step(2000);
    const time = s.getState().snapshot.time;
    expect(s.getState().reset({ topics: [{ name: 'bad name' }] })).toBe(false);
    expect(s.getState().error).toMatchObject({ code: 'INVALID_TOPIC_EXCEPTION' });
    expect(s.getState().snapshot.time).toBe(time);
    expect(s.getState().reset()).toBe(true);
    expect(s.getState().snapshot.time).toBe(0);
  });

  it('ticks advance by real time × speed, at most 250 ms of real time per frame, and not when paused', () => {
    const { s } = store();
    s.getState().tick(100);
    expect(s.getState().snapshot.time).toBe(100);
    s.getState().setSpeed(10);
    s.getState().tick(100);
    expect(s.getState().snapshot.time).toBe(1100);
    s.getState().tick(10_000); // a background tab coming back: capped
    expect(s.getState().snapshot.time).toBe(1100 + 2500);
    s.getState().setPlaying(false);
    s.getState().tick(100);
    expect(s.getState().snapshot.time).toBe(3600);
    s.getState().setSpeed(1e9);
    expect(s.getState().speed).toBe(MAX_SPEED);
    s.getState().setSpeed(0);
    expect(s.getState().speed).toBe(MIN_SPEED);
  });

  it('panels refresh at most every PANEL_INTERVAL_MS while playing, and at once after a change', () => {
    const { s, tickClock } = store();
    tickClock(1000);
    s.getState().tick(16);
    const panel = s.getState().panel;
    tickClock(16);
    s.getState().tick(16);
    expect(s.getState().panel).toBe(panel);
    expect(s.getState().snapshot).not.toBe(panel);
    tickClock(PANEL_INTERVAL_MS);
    s.getState().tick(16);
    expect(s.getState().panel).not.toBe(panel);
    const again = s.getState().panel;
    s.getState().dispatch({ type: 'addConsumer', appId: 'notifier' });
    expect(s.getState().panel).not.toBe(again);
  });

  it('two stores are independent (one per embed)', () => {
    const a = store(false).s;
    const b = store(false).s;
    a.getState().dispatch({ type: 'addPartitions', topic: 'user-events', partitions: 6 });
    a.getState().step(1000);
    expect(a.getState().panel.topics[0]!.partitions).toHaveLength(6);
    expect(b.getState().panel.topics[0]!.partitions).toHaveLength(3);
    expect(b.getState().panel.time).toBe(0);
  });
});
