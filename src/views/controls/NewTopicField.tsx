import { useId, useState } from 'react';
import { newTopicNameProblem } from '../../model/index';
import { useLab, useLabData } from '../../store/context';

/** The naming convention the guide recommends: entity.event-in-past-tense, lower case. */
const CONVENTION = /^[a-z][a-z0-9-]*(\.[a-z][a-z0-9-]*)+$/;

/** Why a legal name still breaks the convention, or null. */
export function conventionAdvice(name: string): string | null {
  if (CONVENTION.test(name)) return null;
  if (/[A-Z]/.test(name)) return 'Convention: lower case, the same in every language and team.';
  if (name.includes('_')) return 'Convention: "." between parts and "-" inside them, not "_".';
  return 'Convention: entity.event, e.g. user.signed-up, order.placed, payment.succeeded.';
}

/** Creates a topic; the name is checked with Kafka's rules while typing. */
export function NewTopicField() {
  const existing = useLabData((panel) => panel.topics.map((t) => t.name));
  const dispatch = useLab((s) => s.dispatch);
  const [name, setName] = useState('');
  const id = useId();
  const problem = name === '' ? null : newTopicNameProblem(name, existing);
  const advice = name === '' || problem !== null ? null : conventionAdvice(name);
  const create = () => {
    if (problem !== null || name === '') return;
    if (dispatch({ type: 'createTopic', topic: { name, partitions: 3 } })) setName('');
  };
  return (
    <div className="new-topic">
      <label htmlFor={id}>New topic</label>
      <div className="new-topic-row">
        <input
          id={id}
          value={name}
          placeholder="order.placed"
          spellCheck={false}
          aria-invalid={problem !== null}
          aria-describedby={`${id}-hint`}
          onChange={(e) => setName(e.currentTarget.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') create();
          }}
        />
        <button type="button" onClick={create} disabled={name === '' || problem !== null}>
          Create
        </button>
      </div>
      <p id={`${id}-hint`} className={`hint${problem ? ' problem' : ''}`} aria-live="polite">
        {problem ??
          advice ??
          (name === '' ? 'Kafka allows a–z, A–Z, 0–9, ".", "_" and "-".' : 'A good name.')}
      </p>
    </div>
  );
}
