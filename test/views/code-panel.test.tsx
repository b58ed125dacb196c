import { act, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { CodePanel } from '../../src/views/CodePanel';
import { NewTopicField, conventionAdvice } from '../../src/views/controls/NewTopicField';
import { renderLab } from './support/lab';

function code(): string {
  return screen.getByLabelText('kafkajs code for this setup').textContent ?? '';
}

describe('CodePanel: the kafkajs code for the current setup', () => {
  it('starts with the guide’s producer and consumer', () => {
    renderLab(<CodePanel />);
    const text = code();
    expect(text).toContain('key: String(userId)');
    expect(text).toContain('groupId: "notifier"');
    expect(text).toContain('topics: ["user-events"], fromBeginning: false');
    expect(text).toContain('autoCommit: false');
    // After processing: handleEvent comes before commitOffsets.
    expect(text.indexOf('handleEvent')).toBeLessThan(text.indexOf('commitOffsets'));
  });

  it('follows the setup live: no key, commit before processing, side workers, a DLQ', () => {
    const { store } = renderLab(<CodePanel />);
    act(() => {
      const s = store.getState();
      s.dispatch({
        type: 'updateProducer',
        producerId: 'producer-1',
        changes: { keys: { mode: 'none' } },
      });
      s.dispatch({
        type: 'updateApp',
        appId: 'notifier',
        changes: {
          commit: { mode: 'before-processing' },
          partitionsConsumedConcurrently: 3,
          onFailure: { policy: 'dead-letter', retries: 2 },
        },
      });
    });
    const text = code();
    expect(text).not.toContain('key: String(userId)');
    expect(text).toContain('no key → spread over partitions, no order');
    expect(text).toContain('partitionsConsumedConcurrently: 3');
    expect(text.indexOf('commitOffsets')).toBeLessThan(text.indexOf('handleEvent'));
    expect(text).toContain('withRetries(2,');
    expect(text).toContain('topic: "user-events.dlq"');
  });

  it('shows auto-commit with its interval, and a shared groupId with a warning', () => {
    const { store } = renderLab(<CodePanel />);
    act(() => {
      const s = store.getState();
      s.dispatch({
        type: 'updateApp',
        appId: 'notifier',
        changes: { commit: { mode: 'auto', intervalMs: 5000 } },
      });
      s.dispatch({
        type: 'addApp',
        app: { id: 'analytics', groupId: 'notifier', topics: ['user-events'] },
      });
    });
    const text = code();
    expect(text).toContain('autoCommitInterval: 5000');
    expect(text).toContain('Shares groupId "notifier" with another app');
  });
});

describe('NewTopicField: Kafka’s naming rules while typing', () => {
  it('says what is wrong, and creates a good name', async () => {
    const { store, user } = renderLab(<NewTopicField />);
    const input = screen.getByLabelText('New topic');
    await user.type(input, 'user events');
    expect(screen.getByText(/character outside \[a-zA-Z0-9\._-\]/)).toBeInTheDocument();
    expect(input).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByRole('button', { name: 'Create' })).toBeDisabled();

    await user.clear(input);
    await user.type(input, '__consumer_offsets');
    expect(screen.getByRole('button', { name: 'Create' })).toBeDisabled();

    await user.clear(input);
    await user.type(input, 'order.placed');
    expect(screen.getByText('A good name.')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Create' }));
    expect(store.getState().panel.topics.map((t) => t.name)).toContain('order.placed');
    expect(input).toHaveValue('');
  });

  it('refuses a name that collides with an existing one once "." is "_"', async () => {
    const { store, user } = renderLab(<NewTopicField />);
    act(() => {
      store
        .getState()
        .dispatch({ type: 'createTopic', topic: { name: 'user.signed-up', partitions: 1 } });
    });
    await user.type(screen.getByLabelText('New topic'), 'user_signed-up');
    expect(screen.getByText(/collides with/)).toBeInTheDocument();
  });

  it('gives the convention advice for legal but unconventional names', () => {
    expect(conventionAdvice('order.placed')).toBeNull();
    expect(conventionAdvice('payment.succeeded')).toBeNull();
    expect(conventionAdvice('Orders')).toMatch(/lower case/);
    expect(conventionAdvice('user_events')).toMatch(/not "_"/);
    expect(conventionAdvice('events')).toMatch(/entity\.event/);
  });
});
