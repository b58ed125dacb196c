/**
 * The read-only views render the snapshot the real model gives them: the
 * --describe table, the counters, the lag chart and bars, the record inspector.
 */
import { act, fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { defaultConfig, type SimulationConfigInput } from '../../src/model/index';
import { Counters } from '../../src/views/Counters';
import { DescribeTable } from '../../src/views/DescribeTable';
import { LagBars } from '../../src/views/LagBars';
import { LagChart } from '../../src/views/LagChart';
import { RecordInspector } from '../../src/views/RecordInspector';
import { formatClock } from '../../src/views/TransportBar';
import { advance, renderCounted, renderLab } from './support/lab';

const TOPIC = 'user-events';

const COLUMNS = [
  'GROUP',
  'TOPIC',
  'PARTITION',
  'CURRENT-OFFSET',
  'LOG-END-OFFSET',
  'LAG',
  'CONSUMER-ID',
  'HOST',
  'CLIENT-ID',
];

/** Two apps in two groups (fan-out). */
function fanOut(): SimulationConfigInput {
  return {
    ...defaultConfig(),
    apps: [
      { id: 'notifier', topics: [TOPIC], instances: 1 },
      { id: 'analytics', topics: [TOPIC], instances: 2, processingMs: 400 },
    ],
  };
}

/** The text of each cell, per body row, of the describe table of `groupId`. */
function describeRows(groupId: string): string[][] {
  const table = screen
    .getAllByTestId('describe')
    .find((t) => t.getAttribute('data-group') === groupId)!;
  const body = within(table).getAllByRole('rowgroup')[1]!;
  return within(body)
    .getAllByRole('row')
    .map((row) =>
      within(row)
        .getAllByRole('cell')
        .map((c) => c.textContent ?? ''),
    );
}

describe('DescribeTable', () => {
  it('prints exactly the kafka-consumer-groups --describe columns', () => {
    renderLab(<DescribeTable />);
    const headers = screen.getAllByRole('columnheader').map((h) => h.textContent);
    expect(headers).toEqual(COLUMNS);
    expect(screen.getByText('$ kafka-consumer-groups --describe --all-groups')).toBeVisible();
  });

  it('prints "-" (not 0) where no offset was committed yet', () => {
    const { store } = renderLab(<DescribeTable />);
    // 300 ms in, partition 2 has a record but nothing is committed anywhere.
    advance(store, 300);
    const { partitions } = store.getState().panel.groups[0]!;
    const uncommitted = partitions.filter((p) => p.currentOffset === null);
    expect(uncommitted).toHaveLength(3);
    expect(uncommitted.some((p) => p.logEndOffset > 0)).toBe(true);

    const rows = describeRows('notifier');
    expect(rows).toEqual(
      partitions.map((p) => [
        'notifier',
        TOPIC,
        String(p.partition),
        '-',
        String(p.logEndOffset),
        '-',
        'notifier-1',
        '/127.0.0.1',
        'notifier',
      ]),
    );
  });

  it('prints committed offsets and lag as the model has them', () => {
    const { store } = renderLab(<DescribeTable />, { config: fanOut() });
    advance(store, 8000);
    for (const group of store.getState().panel.groups) {
      const clientOf = new Map(group.members.map((m) => [m.memberId, m.appId]));
      expect(group.partitions.every((p) => p.currentOffset !== null)).toBe(true);
      expect(describeRows(group.groupId)).toEqual(
        group.partitions.map((p) => [
          group.groupId,
          p.topic,
          String(p.partition),
          String(p.currentOffset),
          String(p.logEndOffset),
          String(p.lag),
          p.consumerId!,
          '/127.0.0.1',
          clientOf.get(p.consumerId!)!,
        ]),
      );
    }
    // The slower group really lags: its LAG column is not all zeros.
    const lags = screen
      .getAllByTestId('lag')
      .map((c) => Number(c.textContent))
      .filter((n) => n > 0);
    expect(lags.length).toBeGreaterThan(0);
  });

  it('says when a group has no active members', () => {
    const { store } = renderLab(<DescribeTable />, { config: fanOut() });
    const line = "Consumer group 'notifier' has no active members.";
    expect(screen.queryByText(line)).toBeNull();
    act(() => {
      store
        .getState()
        .dispatch({ type: 'updateApp', appId: 'notifier', changes: { instances: 0 } });
    });
    advance(store, 5000);
    expect(store.getState().panel.groups[0]!.members).toEqual([]);
    expect(screen.getByText(line)).toBeInTheDocument();
    expect(screen.queryByText("Consumer group 'analytics' has no active members.")).toBeNull();
    for (const row of describeRows('notifier')) expect(row.slice(6)).toEqual(['-', '-', '-']);
  });
});

describe('Counters', () => {
  const COUNTERS = [
    ['Produced', 'produced', 'Records written to the topic.'],
    ['Consumed', 'processed', 'summed over groups'],
    ['Out of order', 'orderingViolations', 'later record about the same key'],
    ['Duplicates', 'duplicates', 'at-least-once'],
    ['Lost', 'lost', 'at-most-once'],
    ['Skipped', 'skipped', 'offset reset'],
    ['Dead-lettered', 'deadLettered', 'dead-letter topic'],
  ] as const;

  it('shows the model’s totals, formatted', () => {
    const config: SimulationConfigInput = {
      ...defaultConfig(),
      producers: [{ id: 'producer-1', topic: TOPIC, ratePerSec: 2500 }],
      apps: [{ id: 'notifier', topics: [TOPIC], instances: 3, processingMs: 1 }],
    };
    const { store } = renderLab(<Counters />, { config });
    advance(store, 2000);
    const { totals } = store.getState().panel;
    expect(totals.produced).toBeGreaterThanOrEqual(1000);
    expect(totals.processed).toBeGreaterThan(0);
    for (const [label, field] of COUNTERS) {
      const counter = screen.getByTestId(`counter-${label}`);
      expect(within(counter).getByRole('term')).toHaveTextContent(label);
      expect(within(counter).getByRole('definition')).toHaveTextContent(
        totals[field].toLocaleString('en-US'),
      );
    }
    expect(screen.getByTestId('counter-Produced')).toHaveTextContent(/\d,\d{3}/);
  });

  it('each counter has a one-line explanation, reachable by keyboard focus', async () => {
    const { user } = renderLab(<Counters />);
    const tooltips = screen.getAllByRole('tooltip');
    expect(tooltips).toHaveLength(COUNTERS.length);
    for (const [label, , help] of COUNTERS) {
      await user.tab();
      const focused = document.activeElement as HTMLElement;
      expect(focused).toBe(screen.getByTestId(`counter-${label}`));
      expect(focused).toHaveAccessibleDescription(expect.stringContaining(help));
      const tip = within(focused).getByRole('tooltip');
      expect(focused).toHaveAttribute('aria-describedby', tip.id);
      expect(tip.textContent).not.toMatch(/\n/);
    }
  });

  it('flags a problem counter once it is above 0', () => {
    const config: SimulationConfigInput = {
      ...defaultConfig(),
      producers: [
        { id: 'producer-1', topic: TOPIC, ratePerSec: 50, keys: { mode: 'none', count: 3 } },
      ],
      apps: [{ id: 'notifier', topics: [TOPIC], instances: 3, processingMs: 50, jitter: 0.9 }],
    };
    const { store } = renderLab(<Counters />, { config });
    expect(screen.getByTestId('counter-Out of order')).not.toHaveClass('alert');
    advance(store, 20_000);
    expect(store.getState().panel.totals.orderingViolations).toBeGreaterThan(0);
    expect(screen.getByTestId('counter-Out of order')).toHaveClass('alert');
    // Produced and Consumed are not problems.
    expect(screen.getByTestId('counter-Produced')).not.toHaveClass('alert');
    expect(screen.getByTestId('counter-Consumed')).not.toHaveClass('alert');
    expect(screen.getByTestId('counter-Lost')).not.toHaveClass('alert');
  });
});

describe('LagChart', () => {
  it('draws a total-lag path per group, and its axes', () => {
    const { store, container } = renderLab(<LagChart />, { config: fanOut() });
    const chart = screen.getByTestId('lag-chart');
    expect(within(chart).getAllByTestId(/^total-lag-/)).toHaveLength(2);
    expect(screen.getByTestId('total-lag-notifier')).toHaveAttribute('d', '');

    advance(store, 10_000);
    for (const groupId of ['notifier', 'analytics']) {
      const series = store.getState().lagSeries(groupId);
      expect(series.totalLag.some((v) => v !== null)).toBe(true);
      const d = screen.getByTestId(`total-lag-${groupId}`).getAttribute('d')!;
      expect(d).toMatch(/^M[\d.-]+,[\d.-]+(L[\d.-]+,[\d.-]+)+$/);
    }
    // The slower group's line is not the faster one's.
    expect(screen.getByTestId('total-lag-analytics').getAttribute('d')).not.toBe(
      screen.getByTestId('total-lag-notifier').getAttribute('d'),
    );

    const axes = container.querySelectorAll('g.axis');
    expect(axes).toHaveLength(3);
    for (const axis of axes) expect(axis.querySelectorAll('text').length).toBeGreaterThanOrEqual(2);
    const xTicks = [...axes[0]!.querySelectorAll('text')].map((t) => t.textContent);
    expect(xTicks.every((t) => /^[\d.]+s$/.test(t ?? ''))).toBe(true);
    expect(xTicks).toContain('10s');
  });

  it('re-renders when a group takes a sample, not at every panel refresh', () => {
    const { store, renders } = renderCounted(<LagChart />, { config: fanOut() });
    advance(store, 2000);
    const samples = () =>
      store
        .getState()
        .panel.groups.map((g) => g.samples)
        .join();
    let sampled = 0;
    let refreshes = 0;
    const before = renders();
    for (let i = 0; i < 20; i++) {
      const was = samples();
      advance(store, 100); // each step refreshes the panels
      refreshes++;
      if (samples() !== was) sampled++;
    }
    expect(sampled).toBeGreaterThan(0);
    expect(sampled).toBeLessThan(refreshes);
    expect(renders() - before).toBe(sampled);
  });

  it('names each group’s current total lag for screen readers', () => {
    const { store } = renderLab(<LagChart />, { config: fanOut() });
    advance(store, 10_000);
    const last = (g: string) => store.getState().lagSeries(g).totalLag.at(-1);
    expect(screen.getByRole('img')).toHaveAccessibleName(
      `group notifier: total lag ${last('notifier')}; group analytics: total lag ${last('analytics')}`,
    );
  });

  it('adds a line when a group is added', () => {
    const { store } = renderLab(<LagChart />);
    expect(screen.getAllByTestId(/^total-lag-/)).toHaveLength(1);
    act(() => {
      store.getState().dispatch({ type: 'addApp', app: { id: 'audit', topics: [TOPIC] } });
    });
    advance(store, 1000);
    expect(screen.getByTestId('total-lag-audit')).toBeInTheDocument();
  });
});

describe('LagBars', () => {
  it('draws one bar per group and partition, as high as its lag, and reads out the one pointed at', () => {
    const { store } = renderLab(<LagBars />, { config: fanOut() });
    advance(store, 8000);
    const svg = screen.getByTestId('lag-bars');
    const bars = Array.from(svg.querySelectorAll('rect'));
    const rows = store.getState().panel.groups.flatMap((g) => g.partitions.map((p) => ({ g, p })));
    expect(bars).toHaveLength(rows.length);
    // Taller bar, larger lag: heights are in the lags' order (and the lags differ).
    expect(new Set(rows.map(({ p }) => p.lag)).size).toBeGreaterThan(1);
    const heights = bars.map((b) => Number(b.getAttribute('height')));
    rows.forEach(({ p }, i) =>
      rows.forEach(({ p: q }, j) => {
        if ((p.lag ?? 0) > (q.lag ?? 0)) expect(heights[i]).toBeGreaterThan(heights[j]!);
      }),
    );
    expect(screen.queryByTestId('lag-bar-readout')).toBeNull();
    rows.forEach(({ g, p }, i) => {
      const bar = bars[i]!;
      fireEvent.pointerMove(svg, { clientX: Number(bar.getAttribute('x')) + 0.5 });
      expect(screen.getByTestId('lag-bar-readout')).toHaveTextContent(
        `${g.groupId} ${p.topic}/${p.partition}: lag ${p.lag ?? '-'}`,
      );
      expect(bar).toHaveClass('pointed');
    });
    fireEvent.pointerLeave(svg);
    expect(screen.queryByTestId('lag-bar-readout')).toBeNull();
  });

  it('keeps reading out the same bar when partitions are added under a still pointer', () => {
    const { store } = renderLab(<LagBars />, { config: fanOut() });
    advance(store, 4000);
    const svg = screen.getByTestId('lag-bars');
    const last = Array.from(svg.querySelectorAll('rect')).at(-1)!;
    fireEvent.pointerMove(svg, { clientX: Number(last.getAttribute('x')) + 0.5 });
    const before = screen.getByTestId('lag-bar-readout').textContent;
    expect(before).toMatch(/analytics user-events\/2: lag/);
    act(() => {
      store.getState().dispatch({ type: 'addPartitions', topic: TOPIC, partitions: 6 });
    });
    advance(store, 100);
    expect(screen.getByTestId('lag-bar-readout')).toHaveTextContent(
      /analytics user-events\/2: lag/,
    );
    expect(svg.querySelectorAll('rect.pointed')).toHaveLength(1);
  });
});

describe('LagBars labels', () => {
  it('at 256 partitions, numbers every round step, never closer than three digits need', () => {
    const config: SimulationConfigInput = {
      ...defaultConfig(),
      topics: [{ name: TOPIC, partitions: 256 }],
    };
    renderLab(<LagBars />, { config });
    const svg = screen.getByTestId('lag-bars');
    const labels = Array.from(svg.querySelectorAll('text.bar-label'))
      .filter((t) => t.getAttribute('text-anchor') === 'middle')
      .map((t) => ({ n: Number(t.textContent), x: Number(t.getAttribute('x')) }));
    expect(labels.length).toBeGreaterThan(2);
    const step = labels[1]!.n - labels[0]!.n;
    expect([1, 2, 4, 5, 8, 10, 16, 20, 25, 32, 50, 64, 100, 128]).toContain(step);
    labels.forEach((l, i) => expect(l.n).toBe(i * step));
    // 0.875rem digits at 16 px: three of them and a gap.
    for (let i = 1; i < labels.length; i++) {
      expect(labels[i]!.x - labels[i - 1]!.x).toBeGreaterThanOrEqual(3 * 0.62 * 14 + 8);
    }
  });
});

describe('RecordInspector', () => {
  it('shows a record and what each group did with it, then closes', async () => {
    const { store, user } = renderLab(<RecordInspector />, { config: fanOut() });
    expect(screen.queryByRole('dialog')).toBeNull();
    advance(store, 8000);
    const p = store.getState().panel.topics[0]!.partitions.find((x) => x.records.length > 0)!;
    const record = p.records[0]!;
    act(() => store.getState().inspect(TOPIC, p.partition, record.offset));
    const inspection = store.getState().inspection!;
    expect(inspection.record).toEqual(record);

    const dialog = screen.getByRole('dialog', { name: `Record at offset ${record.offset}` });
    expect(within(dialog).getByRole('heading')).toHaveTextContent(
      `${TOPIC} · partition ${p.partition} · offset ${record.offset}`,
    );
    const values = within(dialog)
      .getAllByRole('definition')
      .map((d) => d.textContent);
    expect(values).toEqual([record.key, record.value, formatClock(record.timestamp), 'producer-1']);
    expect(record.value).toContain(`"user":"${record.key}"`);

    const items = within(dialog)
      .getAllByRole('listitem')
      .map((li) => li.textContent);
    expect(items).toHaveLength(2);
    inspection.groups.forEach((g, i) => {
      expect(items[i]).toMatch(new RegExp(`^${g.groupId}: `));
      expect(items[i]).toContain(g.committed ? ' · committed' : ' · not committed');
      for (const by of g.processedBy)
        expect(items[i]).toContain(`by ${by.memberId} at ${formatClock(by.at)}`);
    });
    // The oldest record, 8 s in: the fast group processed and committed it.
    expect(inspection.groups[0]).toMatchObject({ groupId: 'notifier', committed: true });
    expect(items[0]).toMatch(/^notifier: processed by notifier-1 at \d+:\d\d\.\d · committed$/);

    expect(within(dialog).getByRole('button', { name: 'Close record details' })).toHaveFocus();
    await user.click(within(dialog).getByRole('button', { name: 'Close record details' }));
    expect(store.getState().inspection).toBeNull();
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('shows a record no group has reached, and a key-less one', () => {
    const config: SimulationConfigInput = {
      ...defaultConfig(),
      producers: [{ id: 'producer-1', topic: TOPIC, ratePerSec: 4, keys: { mode: 'none' } }],
      apps: [{ id: 'notifier', topics: [TOPIC], instances: 0 }],
    };
    const { store } = renderLab(<RecordInspector />, { config });
    advance(store, 2000);
    const p = store.getState().panel.topics[0]!.partitions.find((x) => x.records.length > 0)!;
    act(() => store.getState().inspect(TOPIC, p.partition, p.records[0]!.offset));
    const dialog = screen.getByRole('dialog');
    expect(within(dialog).getAllByRole('definition')[0]).toHaveTextContent('null (no key)');
    expect(within(dialog).getByRole('listitem')).toHaveTextContent(
      'notifier: not reached yet · not committed',
    );
  });
});
