import { useState } from 'react';
import { LIMITS } from '../../model/index';
import { useLab, useLabData } from '../../store/context';
import { NewTopicField } from './NewTopicField';
import { Slider } from './Slider';

/**
 * Partitions can only be added (kafka-semantics §5). Before adding, the
 * model says how many of the producers' keys will land on another partition.
 */
export function TopicControls() {
  const topic = useLabData((panel) => {
    const t = panel.topics.find((x) => x.role === 'topic');
    return t ? { name: t.name, count: t.partitions.length } : null;
  });
  const dispatch = useLab((s) => s.dispatch);
  const preview = useLab((s) => s.previewAddPartitions);
  const current = topic?.count ?? 0;
  const [target, setTarget] = useState<number | null>(null);
  if (!topic) return null;
  const wanted = Math.max(current, target ?? current);
  const moves = wanted > current ? preview(topic.name, wanted) : null;
  return (
    <fieldset className="controls-section">
      <legend>Topic {topic.name}</legend>
      <Slider
        label="Partitions"
        value={wanted}
        min={current}
        max={Math.min(256, LIMITS.partitions)}
        onChange={(v) => setTarget(Math.round(v))}
        disabled={current >= 256}
        hint={
          moves
            ? `${moves.moved} of ${moves.keys} keys will move to another partition`
            : 'Partitions can be added, never removed.'
        }
      />
      <button
        type="button"
        disabled={wanted <= current}
        onClick={() => {
          if (dispatch({ type: 'addPartitions', topic: topic.name, partitions: wanted }))
            setTarget(null);
        }}
      >
        Add partitions ({current} → {wanted})
      </button>
      <NewTopicField />
    </fieldset>
  );
}
