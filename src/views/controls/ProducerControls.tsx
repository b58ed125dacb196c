import type { KeySpec, PartitionerName, ProducerSnapshot } from '../../model/index';
import { useLab, useLabData } from '../../store/context';
import { Select, Slider } from './Slider';

type KeyMode = 'keyed' | 'hot-key' | 'round-robin' | 'sticky';

const KEY_MODES: readonly { value: KeyMode; label: string }[] = [
  { value: 'keyed', label: 'Keyed (same key → same partition)' },
  { value: 'hot-key', label: 'Keyed, one hot key (Zipf)' },
  { value: 'round-robin', label: 'No key: round-robin (kafkajs)' },
  { value: 'sticky', label: 'No key: sticky (Java 3.3+)' },
];

function keyModeOf(p: Pick<ProducerSnapshot, 'keys' | 'partitioner'>): KeyMode {
  if (p.keys.mode === 'none') return p.partitioner.startsWith('java') ? 'sticky' : 'round-robin';
  return p.keys.distribution === 'zipf' ? 'hot-key' : 'keyed';
}

/** The producer settings a key mode stands for. */
function keyModeChanges(mode: KeyMode): {
  keys: Partial<KeySpec>;
  partitioner: PartitionerName;
} {
  switch (mode) {
    case 'keyed':
      return { keys: { mode: 'keyed', distribution: 'uniform' }, partitioner: 'kafkajs-default' };
    case 'hot-key':
      return { keys: { mode: 'keyed', distribution: 'zipf' }, partitioner: 'kafkajs-default' };
    case 'round-robin':
      return { keys: { mode: 'none' }, partitioner: 'kafkajs-default' };
    case 'sticky':
      return { keys: { mode: 'none' }, partitioner: 'java-uniform-sticky' };
  }
}

const MAX_PRODUCERS = 8;

/** Producer count, rate, key mode and key count: applied to every producer. */
export function ProducerControls() {
  // Settings only (not the live counters), so the controls re-render only when they change.
  const producers = useLabData((panel) =>
    panel.producers.map(({ id, topic, ratePerSec, keys, partitioner }) => ({
      id,
      topic,
      ratePerSec,
      keys,
      partitioner,
    })),
  );
  const topic = useLabData((panel) => panel.topics.find((t) => t.role === 'topic')?.name);
  const dispatch = useLab((s) => s.dispatch);
  const first = producers[0];
  const updateAll = (changes: Parameters<typeof dispatchUpdate>[2]) =>
    dispatchUpdate(dispatch, producers, changes);

  const setCount = (n: number) => {
    const taken = producers.map((p) => p.id);
    for (let i = producers.length; i < n; i++) {
      const id = nextProducerId(taken, i + 1);
      taken.push(id);
      dispatch({
        type: 'addProducer',
        producer: {
          id,
          topic: first?.topic ?? topic ?? '',
          ratePerSec: first?.ratePerSec ?? 4,
          keys: first?.keys ?? { mode: 'keyed', count: 6 },
          partitioner: first?.partitioner ?? 'kafkajs-default',
        },
      });
    }
    for (let i = producers.length - 1; i >= n; i--)
      dispatch({ type: 'removeProducer', producerId: producers[i]!.id });
  };

  return (
    <fieldset className="controls-section">
      <legend>Producers</legend>
      <Slider
        label="Producers"
        value={producers.length}
        min={0}
        max={MAX_PRODUCERS}
        onChange={setCount}
        disabled={!topic}
      />
      {first && (
        <>
          <Slider
            label="Rate per producer"
            value={first.ratePerSec}
            min={0.5}
            max={5000}
            log
            format={(v) => `${v} records/s`}
            onChange={(v) => updateAll({ ratePerSec: v })}
          />
          <Select
            label="Keys"
            value={keyModeOf(first)}
            options={KEY_MODES}
            onChange={(m) => updateAll(keyModeChanges(m))}
          />
          <Slider
            label="Distinct keys"
            value={first.keys.count}
            min={1}
            max={2000}
            log
            format={(v) => String(v)}
            onChange={(v) => updateAll({ keys: { count: Math.max(1, Math.round(v)) } })}
          />
        </>
      )}
    </fieldset>
  );
}

function nextProducerId(taken: readonly string[], n: number): string {
  let i = n;
  while (taken.includes(`producer-${i}`)) i++;
  return `producer-${i}`;
}

function dispatchUpdate(
  dispatch: (a: import('../../model/index').Action) => boolean,
  producers: readonly { readonly id: string }[],
  changes: { ratePerSec?: number; keys?: Partial<KeySpec>; partitioner?: PartitionerName },
): void {
  for (const p of producers) dispatch({ type: 'updateProducer', producerId: p.id, changes });
}
