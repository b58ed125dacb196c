import { afterEach, describe, expect, it } from 'vitest';
import { startDeckApi } from '../../src/embed/deck-api';
import { builtinScenario } from '../../src/scenarios/index';
import { createLabStore } from '../../src/store/simulation-store';

/** A window-like target that records what the embed sends to its parent. */
function frame() {
  const sent: { data: unknown; origin: string }[] = [];
  const parent = { postMessage: (data: unknown, origin: string) => sent.push({ data, origin }) };
  const listeners: ((e: MessageEvent) => void)[] = [];
  const self = {
    parent,
    addEventListener: (_: string, f: (e: MessageEvent) => void) => listeners.push(f),
    removeEventListener: () => undefined,
  } as unknown as Window;
  const post = (data: unknown, origin: string, source: unknown = parent) =>
    listeners.forEach((f) => f({ data, origin, source } as MessageEvent));
  return { self, parent, sent, post };
}

const stops: (() => void)[] = [];
afterEach(() => stops.splice(0).forEach((stop) => stop()));

describe('deck API', () => {
  it('obeys only its parent by default, whatever the origin; others are warned about', () => {
    const store = createLabStore(builtinScenario('lag-grows')!, { playing: false });
    const f = frame();
    const warnings: string[] = [];
    stops.push(startDeckApi(store, { origins: [], self: f.self, warn: (m) => warnings.push(m) }));
    expect(f.sent[0]).toMatchObject({ data: { partitionLab: 1, event: 'ready' }, origin: '*' });
    f.post({ partitionLab: 1, type: 'nextStep' }, 'https://anywhere.example');
    expect(store.getState().stepIndex).toBe(1);
    f.post({ partitionLab: 1, type: 'nextStep' }, 'https://anywhere.example', {});
    expect(store.getState().stepIndex).toBe(1);
    expect(warnings).toEqual([
      'Partition Lab: ignored a message from https://anywhere.example: not an allowed sender',
    ]);
    f.post({ hello: 'not for us' }, 'https://anywhere.example', {});
    expect(warnings).toHaveLength(1);
  });

  it('with an allow-list, obeys those origins only and sends events only to them', () => {
    const store = createLabStore(builtinScenario('lag-grows')!, { playing: false });
    const f = frame();
    const warnings: string[] = [];
    stops.push(
      startDeckApi(store, {
        origins: ['https://slides.example'],
        self: f.self,
        warn: (m) => warnings.push(m),
      }),
    );
    f.post({ partitionLab: 1, type: 'goToStep', step: 3 }, 'https://evil.example');
    expect(store.getState().stepIndex).toBe(0);
    f.post({ partitionLab: 1, type: 'goToStep', step: 3, id: 'g' }, 'https://slides.example');
    expect(store.getState().stepIndex).toBe(2);
    expect(f.sent.every((m) => m.origin === 'https://slides.example')).toBe(true);
    expect(f.sent.map((m) => (m.data as { event: string }).event)).toContain('done');
    expect(warnings[0]).toMatch(/evil\.example: not an allowed sender/);
  });

  it('answers getState, and refuses bad shapes and actions with a reason, changing nothing', () => {
    const store = createLabStore(builtinScenario('lag-grows')!, { playing: false });
    const f = frame();
    const warnings: string[] = [];
    stops.push(startDeckApi(store, { origins: [], self: f.self, warn: (m) => warnings.push(m) }));
    const before = JSON.stringify(store.getState().panel);
    f.post({ partitionLab: 1, type: 'goToStep', step: 0 }, 'https://deck.example');
    f.post({ partitionLab: 1, type: 'play', extra: true }, 'https://deck.example');
    f.post({ partitionLab: 2, type: 'play' }, 'https://deck.example');
    f.post(
      {
        partitionLab: 1,
        type: 'apply',
        action: { type: 'addPartitions', topic: 'user-events', partitions: 1 },
        id: 'x',
      },
      'https://deck.example',
    );
    expect(JSON.stringify(store.getState().panel)).toBe(before);
    expect(store.getState().playing).toBe(false);
    expect(store.getState().error).toBeNull();
    expect(warnings).toHaveLength(4);
    expect(warnings[0]).toMatch(/step: /);
    expect(warnings[3]).toMatch(/ignored an action .*partitions/);
    const rejected = f.sent.find((m) => (m.data as { event: string }).event === 'rejected');
    expect(rejected?.data).toMatchObject({ id: 'x', error: expect.stringMatching(/partitions/) });
    f.post({ partitionLab: 1, type: 'getState', id: 's' }, 'https://deck.example');
    const state = f.sent.at(-1)!.data as { event: string; id: string; state: { steps: number } };
    expect(state).toMatchObject({
      event: 'state',
      id: 's',
      state: { scenario: 'lag-grows', steps: 5, step: 1 },
    });
  });
});
