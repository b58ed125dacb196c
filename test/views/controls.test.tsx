/**
 * Every control sends the right action through the store, and the real model
 * ends up holding what the control shows.
 */
import { act, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ControlsPanel } from '../../src/views/controls/ControlsPanel';
import { GroupControls } from '../../src/views/controls/GroupControls';
import { ProducerControls } from '../../src/views/controls/ProducerControls';
import { TopicControls } from '../../src/views/controls/TopicControls';
import { advance, LOG_TRACK_MAX, renderCounted, renderLab, slide } from './support/lab';

const TOPIC = 'user-events';
/** Longer than the initial rebalance delay plus a rebalance, so groups are Stable again. */
const SETTLE_MS = 5000;

const slider = (name: string) => screen.getByRole('slider', { name });
const combobox = (name: string) => screen.getByRole('combobox', { name });
const button = (name: string | RegExp) => screen.getByRole('button', { name });

describe('ProducerControls', () => {
  it('adds producers with the first one’s settings and removes the newest ones', () => {
    const { store } = renderLab(<ProducerControls />);
    slide(slider('Rate per producer'), LOG_TRACK_MAX / 2); // 0.5 × 10000^0.5 = 50
    slide(slider('Producers'), 3);
    let producers = store.getState().panel.producers;
    expect(producers.map((p) => p.id)).toEqual(['producer-1', 'producer-2', 'producer-3']);
    for (const p of producers) {
      expect(p.topic).toBe(TOPIC);
      expect(p.ratePerSec).toBe(50);
      expect(p.keys).toEqual(producers[0]!.keys);
    }
    expect(slider('Producers')).toHaveValue('3');

    advance(store, 1000);
    producers = store.getState().panel.producers;
    expect(producers.every((p) => p.produced > 0)).toBe(true);

    slide(slider('Producers'), 1);
    expect(store.getState().panel.producers.map((p) => p.id)).toEqual(['producer-1']);
    expect(store.getState().error).toBeNull();
  });

  it('removes every producer at 0 (rate and key controls go) and adds one back', () => {
    const { store } = renderLab(<ProducerControls />);
    slide(slider('Producers'), 0);
    expect(store.getState().panel.producers).toEqual([]);
    expect(screen.queryByRole('slider', { name: 'Rate per producer' })).toBeNull();
    expect(screen.queryByRole('combobox', { name: 'Keys' })).toBeNull();
    const before = store.getState().panel.totals.produced;
    advance(store, 2000);
    expect(store.getState().panel.totals.produced).toBe(before);

    slide(slider('Producers'), 1);
    const [p] = store.getState().panel.producers;
    expect(p).toMatchObject({ id: 'producer-1', topic: TOPIC, partitioner: 'kafkajs-default' });
    expect(p!.keys.mode).toBe('keyed');
    expect(store.getState().error).toBeNull();
  });

  it('maps the log rate slider onto 0.5 … 5000 records/s for every producer', () => {
    const { store } = renderLab(<ProducerControls />);
    slide(slider('Producers'), 2);
    const rate = () => store.getState().panel.producers.map((p) => p.ratePerSec);

    slide(slider('Rate per producer'), 0);
    expect(rate()).toEqual([0.5, 0.5]);
    expect(slider('Rate per producer')).toHaveAttribute('aria-valuetext', '0.5 records/s');
    expect(slider('Rate per producer')).toHaveValue('0');

    slide(slider('Rate per producer'), LOG_TRACK_MAX);
    expect(rate()).toEqual([5000, 5000]);
    expect(slider('Rate per producer')).toHaveAttribute('aria-valuetext', '5000 records/s');
    expect(slider('Rate per producer')).toHaveValue(String(LOG_TRACK_MAX));

    // The model really runs at that rate: 2 producers × 5000/s × 1 s.
    const before = store.getState().panel.totals.produced;
    advance(store, 1000);
    expect(store.getState().panel.totals.produced - before).toBeGreaterThanOrEqual(9998);
    expect(store.getState().panel.totals.produced - before).toBeLessThanOrEqual(10_000);
  });

  it('shows the model’s rate on the slider (4 records/s at the start)', () => {
    renderLab(<ProducerControls />);
    const expected = Math.round((Math.log(4 / 0.5) / Math.log(5000 / 0.5)) * LOG_TRACK_MAX);
    expect(slider('Rate per producer')).toHaveValue(String(expected));
    expect(slider('Rate per producer')).toHaveAttribute('aria-valuetext', '4 records/s');
  });

  const KEY_MODES = {
    keyed: { keys: { mode: 'keyed', distribution: 'uniform' }, partitioner: 'kafkajs-default' },
    'hot-key': { keys: { mode: 'keyed', distribution: 'zipf' }, partitioner: 'kafkajs-default' },
    'round-robin': { keys: { mode: 'none' }, partitioner: 'kafkajs-default' },
    sticky: { keys: { mode: 'none' }, partitioner: 'java-uniform-sticky' },
  } as const;
  type KeyModeName = keyof typeof KEY_MODES;
  const MODE_NAMES = Object.keys(KEY_MODES) as KeyModeName[];
  // Every change from one mode to another, so each choice must set all it stands for.
  const TRANSITIONS = MODE_NAMES.flatMap((from) =>
    MODE_NAMES.filter((to) => to !== from).map((to) => [from, to] as const),
  );

  it.each(TRANSITIONS)('key mode %s → %s', async (from, to) => {
    const { store, user } = renderLab(<ProducerControls />);
    if (from !== 'keyed') await user.selectOptions(combobox('Keys'), from);
    expect(combobox('Keys')).toHaveValue(from);
    slide(slider('Producers'), 2);

    await user.selectOptions(combobox('Keys'), to);
    const { keys, partitioner } = KEY_MODES[to];
    const producers = store.getState().panel.producers;
    expect(producers).toHaveLength(2);
    for (const p of producers) {
      expect(p.keys).toMatchObject(keys);
      expect(p.keys.count).toBe(6);
      expect(p.partitioner).toBe(partitioner);
    }
    expect(combobox('Keys')).toHaveValue(to);
    expect(store.getState().error).toBeNull();
  });

  it('round-robin sends key-less records; hot key makes key "1" the most frequent', async () => {
    const { store, user } = renderLab(<ProducerControls />);
    await user.selectOptions(combobox('Keys'), 'round-robin');
    advance(store, 2000);
    const fresh = store
      .getState()
      .panel.topics[0]!.partitions.flatMap((p) => p.records)
      .filter((r) => r.timestamp > 0);
    expect(fresh.length).toBeGreaterThan(0);
    expect(fresh.every((r) => r.key === null)).toBe(true);

    await user.selectOptions(combobox('Keys'), 'hot-key');
    slide(slider('Rate per producer'), LOG_TRACK_MAX);
    const from = store.getState().panel.time;
    advance(store, 1000);
    const counts = new Map<string, number>();
    act(() => store.getState().setRecordsPerPartition(200));
    for (const p of store.getState().snapshot.topics[0]!.partitions)
      for (const r of p.records)
        if (r.timestamp > from && r.key !== null) counts.set(r.key, (counts.get(r.key) ?? 0) + 1);
    const sorted = [...counts.entries()].sort((a, b) => b[1] - a[1]);
    expect(sorted[0]![0]).toBe('1');
  });

  it('maps the distinct-keys slider onto 1 … 2000 keys', () => {
    const { store } = renderLab(<ProducerControls />);
    slide(slider('Producers'), 2);
    const counts = () => store.getState().panel.producers.map((p) => p.keys.count);

    slide(slider('Distinct keys'), LOG_TRACK_MAX);
    expect(counts()).toEqual([2000, 2000]);
    expect(slider('Distinct keys')).toHaveAttribute('aria-valuetext', '2000');

    slide(slider('Distinct keys'), 0);
    expect(counts()).toEqual([1, 1]);
    expect(slider('Distinct keys')).toHaveAttribute('aria-valuetext', '1');

    // One key: every new record carries key "1" and lands on one partition.
    advance(store, 3000);
    const fresh = store
      .getState()
      .panel.topics[0]!.partitions.flatMap((p) =>
        p.records.filter((r) => r.timestamp > 0).map((r) => ({ p: p.partition, key: r.key })),
      );
    expect(fresh.length).toBeGreaterThan(0);
    expect(new Set(fresh.map((r) => r.key))).toEqual(new Set(['1']));
    expect(new Set(fresh.map((r) => r.p)).size).toBe(1);
  });
});

describe('TopicControls', () => {
  it('previews how many keys move, then adds partitions', async () => {
    const { store, user } = renderLab(<TopicControls />);
    const add = () => button(/^Add partitions/);
    expect(add()).toBeDisabled();
    expect(add()).toHaveTextContent('Add partitions (3 → 3)');
    expect(screen.getByText('Partitions can be added, never removed.')).toBeInTheDocument();

    slide(slider('Partitions'), 6);
    const preview = store.getState().previewAddPartitions(TOPIC, 6)!;
    expect(preview.keys).toBe(6);
    expect(
      screen.getByText(`${preview.moved} of ${preview.keys} keys will move to another partition`),
    ).toBeInTheDocument();
    expect(add()).toHaveTextContent('Add partitions (3 → 6)');
    expect(add()).toBeEnabled();
    // Nothing changes before the button is pressed.
    expect(store.getState().panel.topics[0]!.partitions).toHaveLength(3);

    await user.click(add());
    expect(store.getState().panel.topics[0]!.partitions.map((p) => p.partition)).toEqual([
      0, 1, 2, 3, 4, 5,
    ]);
    expect(store.getState().error).toBeNull();
    expect(add()).toHaveTextContent('Add partitions (6 → 6)');
    expect(add()).toBeDisabled();
    expect(slider('Partitions')).toHaveAttribute('min', '6');
    expect(screen.getByText('Partitions can be added, never removed.')).toBeInTheDocument();
  });

  it('the preview follows the producers’ key count (2000 keys)', () => {
    const { store } = renderLab(<ControlsPanel />);
    slide(slider('Distinct keys'), LOG_TRACK_MAX);
    slide(slider('Partitions'), 7);
    const preview = store.getState().previewAddPartitions(TOPIC, 7)!;
    expect(preview.keys).toBe(2000);
    expect(preview.moved).toBeGreaterThan(0);
    expect(
      screen.getByText(`${preview.moved} of 2000 keys will move to another partition`),
    ).toBeInTheDocument();
  });

  it('goes up to 256 partitions, then the slider is disabled', async () => {
    const { store, user } = renderLab(<TopicControls />);
    slide(slider('Partitions'), 256);
    await user.click(button('Add partitions (3 → 256)'));
    expect(store.getState().panel.topics[0]!.partitions).toHaveLength(256);
    expect(slider('Partitions')).toBeDisabled();
  });
});

describe('GroupControls', () => {
  it('records being processed do not re-render it; a member leaving does', () => {
    const { store, renders } = renderCounted(<GroupControls />);
    advance(store, SETTLE_MS);
    const before = renders();
    const processed = store.getState().panel.apps[0]!.processed;
    for (let i = 0; i < 20; i++) advance(store, 250);
    // The panels moved on (the app processed more), the controls did not.
    expect(store.getState().panel.apps[0]!.processed).toBeGreaterThan(processed);
    expect(renders()).toBe(before);
    act(() => button('Crash a consumer').click());
    advance(store, 250);
    expect(renders()).toBeGreaterThan(before);
  });

  it('consumers per app: members join (and leave) the group', () => {
    const { store } = renderLab(<GroupControls />);
    expect(slider('Consumers in notifier')).toHaveValue('1');

    slide(slider('Consumers in notifier'), 3);
    expect(store.getState().panel.apps[0]!.instances).toBe(3);
    advance(store, SETTLE_MS);
    let group = store.getState().panel.groups[0]!;
    expect(group.state).toBe('Stable');
    expect(group.members).toHaveLength(3);
    expect(group.members.map((m) => m.assignment.length)).toEqual([1, 1, 1]);
    expect(slider('Consumers in notifier')).toHaveValue('3');

    slide(slider('Consumers in notifier'), 0);
    advance(store, SETTLE_MS);
    group = store.getState().panel.groups[0]!;
    expect(group.members).toEqual([]);
    expect(slider('Consumers in notifier')).toHaveValue('0');
    expect(button('Crash a consumer')).toBeDisabled();
  });

  it('maps the log processing-time slider onto 1 … 5000 ms', () => {
    const { store } = renderLab(<GroupControls />);
    const name = 'Processing time in notifier';
    slide(slider(name), 0);
    expect(store.getState().panel.apps[0]!.processingMs).toBe(1);
    expect(slider(name)).toHaveAttribute('aria-valuetext', '1 ms/record');
    slide(slider(name), LOG_TRACK_MAX);
    expect(store.getState().panel.apps[0]!.processingMs).toBe(5000);
    expect(slider(name)).toHaveAttribute('aria-valuetext', '5000 ms/record');
  });

  it('side workers: the concurrency slider sets partitionsConsumedConcurrently', () => {
    const { store } = renderLab(<GroupControls />);
    const name = 'Side workers in notifier';
    expect(slider(name)).toHaveAttribute('aria-valuetext', '1 (none)');
    slide(slider(name), 3);
    expect(store.getState().panel.apps[0]!.partitionsConsumedConcurrently).toBe(3);
    expect(slider(name)).toHaveAttribute('aria-valuetext', '3 partitions at once');
  });

  it("the assignor select switches the group's strategy (setAssignor) and it rebalances", async () => {
    const { store, user } = renderLab(<GroupControls />);
    const generation = store.getState().panel.groups[0]!.generation;
    await user.selectOptions(
      screen.getByRole('combobox', { name: 'Assignor of group notifier' }),
      'sticky · eager (fewest moves)',
    );
    expect(store.getState().panel.groups[0]!.assignor).toBe('sticky');
    expect(store.getState().panel.apps[0]!.assignor).toBe('sticky');
    advance(store, 10_000);
    expect(store.getState().panel.groups[0]!.generation).toBeGreaterThan(generation);
  });

  it('a KIP-848 group shows the broker’s session timeout instead of a session slider', async () => {
    const { user } = renderLab(<GroupControls />);
    expect(slider('Session timeout of notifier')).toBeVisible();
    await user.selectOptions(combobox('Assignor of group notifier'), 'kip848-uniform');
    expect(screen.queryByRole('slider', { name: 'Session timeout of notifier' })).toBeNull();
    expect(screen.getByText(/the broker sets the session timeout/)).toBeVisible();
  });

  it('the client select switches to kafkajs with its defaults and offers only eager assignors', async () => {
    const { store, user } = renderLab(<GroupControls />);
    const assignors = () =>
      within(combobox('Assignor of group notifier'))
        .getAllByRole('option')
        .map((o) => (o as HTMLOptionElement).value);
    expect(assignors()).toContain('cooperative-sticky');
    expect(screen.getByRole('slider', { name: 'max.poll.interval.ms of notifier' })).toBeVisible();
    slide(slider('max.poll.records of notifier'), 0); // a log track: its start is 1
    expect(store.getState().panel.apps[0]!.maxPollRecords).toBe(1);
    await user.selectOptions(combobox('Client of notifier'), 'kafkajs');
    const app = store.getState().panel.apps[0]!;
    expect(app).toMatchObject({ client: 'kafkajs', sessionTimeoutMs: 30_000 });
    expect(assignors()).not.toContain('cooperative-sticky');
    expect(assignors()).not.toContain('kip848-uniform');
    // kafkajs has no max.poll.interval.ms and no static membership.
    expect(screen.queryByRole('slider', { name: 'max.poll.interval.ms of notifier' })).toBeNull();
    expect(screen.queryByRole('slider', { name: 'max.poll.records of notifier' })).toBeNull();
    expect(screen.queryByRole('checkbox', { name: /Static membership/ })).toBeNull();
  });

  it('static membership: a stopped instance waits out its session; a new one takes it over without a rebalance', async () => {
    const { store, user } = renderLab(<GroupControls />);
    await user.click(screen.getByRole('checkbox', { name: /Static membership/ }));
    expect(store.getState().panel.apps[0]!.staticMembership).toBe(true);
    slide(slider('Consumers in notifier'), 2);
    advance(store, SETTLE_MS);
    const before = store.getState().panel.groups[0]!;
    const statics = before.members.filter((m) => m.instanceId !== null);
    expect(statics).toHaveLength(1);
    await user.click(button('Stop a consumer'));
    advance(store, 2000);
    const away = store.getState().panel.groups[0]!;
    expect(away.members.map((m) => m.status)).toContain('away');
    expect(away.generation).toBe(before.generation);
    slide(slider('Consumers in notifier'), 2);
    advance(store, 1000);
    const back = store.getState().panel.groups[0]!;
    expect(back.generation).toBe(before.generation);
    expect(back.members.map((m) => m.status)).not.toContain('away');
  });

  it('the session timeout slider sets sessionTimeoutMs (and a heartbeat under a third of it)', () => {
    const { store } = renderLab(<GroupControls />);
    slide(slider('Session timeout of notifier'), 9000);
    const app = store.getState().panel.apps[0]!;
    expect(app.sessionTimeoutMs).toBeGreaterThan(6000);
    expect(app.heartbeatIntervalMs).toBeLessThanOrEqual(app.sessionTimeoutMs / 3);
  });

  it.each([
    ['before-processing', { mode: 'before-processing' }],
    ['auto', { mode: 'auto', intervalMs: 5000 }],
    ['after-processing', { mode: 'after-processing' }],
  ] as const)('commit mode %s', async (choice, commit) => {
    const { store, user } = renderLab(<GroupControls />);
    if (choice === 'after-processing') {
      await user.selectOptions(combobox('Commit in notifier'), 'auto');
    }
    await user.selectOptions(combobox('Commit in notifier'), choice);
    expect(store.getState().panel.apps[0]!.commit).toEqual(commit);
    expect(combobox('Commit in notifier')).toHaveValue(choice);
  });

  it('crashes a live consumer', async () => {
    const { store, user } = renderLab(<GroupControls />);
    slide(slider('Consumers in notifier'), 2);
    advance(store, SETTLE_MS);
    const time = store.getState().panel.time;

    await user.click(button('Crash a consumer'));
    const members = store.getState().panel.groups[0]!.members;
    const crashed = members.filter((m) => m.status === 'crashed');
    expect(crashed).toHaveLength(1);
    expect(crashed[0]!.crashedAt).toBe(time);
    expect(slider('Consumers in notifier')).toHaveValue('1');

    await user.click(button('Crash a consumer'));
    expect(store.getState().panel.groups[0]!.members.every((m) => m.status === 'crashed')).toBe(
      true,
    );
    expect(button('Crash a consumer')).toBeDisabled();
    expect(store.getState().error).toBeNull();
  });

  it('removes an app: its consumers leave the group', async () => {
    const { store, user } = renderLab(<GroupControls />);
    await user.click(button('Remove app'));
    expect(store.getState().panel.apps).toEqual([]);
    expect(screen.queryByRole('slider', { name: 'Consumers in notifier' })).toBeNull();
    advance(store, SETTLE_MS);
    expect(store.getState().panel.groups[0]!.members).toEqual([]);
  });

  it('adds an application in a new group (fan-out)', async () => {
    const { store, user } = renderLab(<GroupControls />);
    expect(combobox('Its groupId')).toHaveValue('');
    await user.click(button('Add application'));
    const { apps } = store.getState().panel;
    expect(apps.map((a) => [a.id, a.groupId])).toEqual([
      ['notifier', 'notifier'],
      ['app-2', 'app-2'],
    ]);
    expect(screen.getByRole('group', { name: 'App app-2' })).toBeInTheDocument();

    advance(store, SETTLE_MS);
    const groups = store.getState().panel.groups;
    expect(groups.map((g) => g.groupId)).toEqual(['notifier', 'app-2']);
    // Each group gets every partition: every message reaches both apps.
    for (const g of groups) {
      expect(g.members).toHaveLength(1);
      expect(g.members[0]!.assignment).toHaveLength(3);
    }
  });

  it('adds an application that reuses a groupId: the apps share one group', async () => {
    const { store, user } = renderLab(<GroupControls />);
    await user.selectOptions(combobox('Its groupId'), 'notifier');
    await user.click(button('Add application'));
    const { apps } = store.getState().panel;
    expect(apps.map((a) => [a.id, a.groupId])).toEqual([
      ['notifier', 'notifier'],
      ['app-2', 'notifier'],
    ]);
    expect(screen.getByRole('group', { name: 'App app-2 (group notifier)' })).toBeInTheDocument();

    advance(store, SETTLE_MS);
    const groups = store.getState().panel.groups;
    expect(groups).toHaveLength(1);
    const [group] = groups;
    expect(group!.appIds).toEqual(['notifier', 'app-2']);
    expect(group!.members.map((m) => m.appId).sort()).toEqual(['app-2', 'notifier']);
    // The two apps split the three partitions between them.
    expect(group!.members.reduce((n, m) => n + m.assignment.length, 0)).toBe(3);
    expect(group!.members.every((m) => m.assignment.length > 0)).toBe(true);
  });

  it('"Reuse" of a group whose apps were all removed joins that group', async () => {
    const { store, user } = renderLab(<GroupControls />);
    await user.click(button('Remove app'));
    advance(store, SETTLE_MS);
    const reuse = within(combobox('Its groupId')).getByRole('option', {
      name: 'Reuse "notifier" (splits its messages)',
    });
    await user.selectOptions(combobox('Its groupId'), reuse);
    await user.click(button('Add application'));
    expect(store.getState().panel.apps.map((a) => a.groupId)).toEqual(['notifier']);
    expect(store.getState().panel.groups.map((g) => g.groupId)).toEqual(['notifier']);
  });
});
