/**
 * The Groups tab's rebalance cost and lag health, and the lag chart's rebalance bands,
 * rendered against a real store: what each group paid for its rebalances,
 * and how monitoring's estimates sit next to the exact lag.
 */
import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { SimulationConfigInput } from '../../src/model/index';
import { LagChart } from '../../src/views/LagChart';
import { LagHealthPanel } from '../../src/views/LagHealthPanel';
import { RebalancePanel } from '../../src/views/RebalancePanel';
import { advance, renderLab } from './support/lab';

/** Two groups on the same events, one eager and one cooperative (kafka-semantics §3). */
const TWO_PROTOCOLS: SimulationConfigInput = {
  seed: 5,
  topics: [{ name: 'orders', partitions: 6 }],
  producers: [{ id: 'p', topic: 'orders', ratePerSec: 60, keys: { mode: 'keyed', count: 40 } }],
  apps: [
    { id: 'eager', topics: ['orders'], instances: 2, assignor: 'sticky', processingMs: 20 },
    {
      id: 'coop',
      topics: ['orders'],
      instances: 2,
      assignor: 'cooperative-sticky',
      processingMs: 20,
    },
  ],
};

const section = (groupId: string, testId: string) =>
  screen.getAllByTestId(testId).find((el) => el.dataset['group'] === groupId)!;

describe('Groups tab: rebalance cost', () => {
  it('shows eager pausing every partition and cooperative only the moved ones', () => {
    const { store } = renderLab(<RebalancePanel />, { config: TWO_PROTOCOLS });
    advance(store, 5000);
    store.getState().dispatch({ type: 'addConsumer', appId: 'eager' });
    store.getState().dispatch({ type: 'addConsumer', appId: 'coop' });
    advance(store, 10_000);
    const eager = section('eager', 'rebalance-cost');
    const coop = section('coop', 'rebalance-cost');
    expect(eager).toHaveTextContent('eager: every member stops');
    expect(coop).toHaveTextContent('cooperative: only moved partitions pause');
    expect(within(eager).getByTestId('rebalances')).toHaveTextContent('1');
    expect(within(coop).getByTestId('rebalances')).toHaveTextContent('2');
    const paused = (el: HTMLElement) =>
      (within(el).getByTestId('partition-pauses').textContent ?? '').match(/orders-\d/g) ?? [];
    expect(paused(eager)).toHaveLength(6);
    expect(paused(coop)).toHaveLength(2);
    // The latest rebalances are listed with their generation and what moved.
    expect(within(coop).getByText('Latest rebalances')).toBeVisible();
  });

  it('says which Java member the rebalance waits for, and how many records of its poll are left', () => {
    const { store } = renderLab(<RebalancePanel />, {
      config: {
        seed: 3,
        topics: [{ name: 'orders', partitions: 2 }],
        producers: [{ id: 'p', topic: 'orders', ratePerSec: 50 }],
        apps: [{ id: 'app', topics: ['orders'], processingMs: 100, jitter: 0, maxPollRecords: 40 }],
      },
    });
    advance(store, 10_000);
    while ((store.getState().panel.groups[0]!.members[0]!.pollRemaining ?? 0) < 20)
      advance(store, 100);
    store.getState().dispatch({ type: 'addConsumer', appId: 'app' });
    advance(store, 500);
    const left = store.getState().panel.groups[0]!.members[0]!.pollRemaining!;
    expect(screen.getByTestId('waiting-for-poll')).toHaveTextContent(
      `Waiting for app-1: it rejoins at its next poll(), after the ${left} records its last poll returned (max.poll.records).`,
    );
    advance(store, left * 100 + 2_000);
    expect(store.getState().panel.groups[0]!.state).toBe('Stable');
    expect(screen.queryByTestId('waiting-for-poll')).toBeNull();
  });

  it('lists a static member that stopped as away, with its session countdown', () => {
    const { store } = renderLab(<RebalancePanel />, {
      config: {
        ...TWO_PROTOCOLS,
        apps: [
          {
            id: 'eager',
            topics: ['orders'],
            instances: 2,
            staticMembership: true,
            processingMs: 20,
          },
        ],
      },
    });
    advance(store, 2000);
    store.getState().dispatch({ type: 'stopConsumer', memberId: 'eager-2' });
    advance(store, 1000);
    const row = document.querySelector('[data-member="eager-2"]')!;
    expect(row).toHaveTextContent('eager-instance-2');
    expect(row).toHaveTextContent(/away · session ends in 4[45]\.\d s/);
  });
});

describe('Groups tab: KIP-848 reconciliation', () => {
  it('shows where a member is reconciling to until it gets there', () => {
    const { store } = renderLab(<RebalancePanel />, {
      config: {
        ...TWO_PROTOCOLS,
        apps: [
          {
            id: 'next',
            topics: ['orders'],
            instances: 2,
            assignor: 'kip848-uniform',
            processingMs: 20,
          },
        ],
      },
    });
    advance(store, 5000);
    store.getState().dispatch({ type: 'addConsumer', appId: 'next' });
    advance(store, 100);
    // The newcomer heard its target at its join; its partitions are still held by the others.
    const row = document.querySelector('[data-member="next-3"]')!;
    expect(row).toHaveTextContent(/- → \d, \d/);
    advance(store, 5000);
    expect(document.querySelector('[data-member="next-3"]')).not.toHaveTextContent('→');
  });
});

describe('Groups tab: lag health', () => {
  it("shows Burrow's status and the exporter's estimate beside the exact time lag", () => {
    const { store } = renderLab(<LagHealthPanel />, {
      config: {
        ...TWO_PROTOCOLS,
        apps: [{ id: 'slow', topics: ['orders'], instances: 1, processingMs: 40 }],
      },
    });
    advance(store, 5000);
    const rows = () => within(section('slow', 'lag-health')).getAllByRole('row').slice(1);
    // Its one poll so far saw an empty log: the exporter says 0 s while the lag is seconds old.
    const early = rows()[0]!.querySelectorAll('td');
    expect(early[4]).toHaveTextContent('0.0 s');
    expect(parseFloat(early[3]!.textContent ?? '')).toBeGreaterThan(1);
    advance(store, 60_000);
    expect(within(section('slow', 'lag-health')).getByTestId('group-health')).toHaveTextContent(
      /Burrow: (OK|WARN|ERR)/,
    );
    const cells = rows()[0]!.querySelectorAll('td');
    expect(cells[2]!.textContent).toMatch(/^(OK|WARN|STALL|STOP|REWIND)$/);
    expect(cells[3]!.textContent).toMatch(/^\d+\.\d s$/);
    expect(cells[4]!.textContent).toMatch(/^\d+\.\d s$/);
  });
});

describe('Lag chart', () => {
  it('shades each rebalance', () => {
    const { store } = renderLab(<LagChart />, { config: TWO_PROTOCOLS });
    advance(store, 5000);
    expect(screen.queryAllByTestId('rebalance-band')).toHaveLength(0);
    store.getState().dispatch({ type: 'addConsumer', appId: 'eager' });
    advance(store, 5000);
    expect(screen.getAllByTestId('rebalance-band')).toHaveLength(1);
  });
});
