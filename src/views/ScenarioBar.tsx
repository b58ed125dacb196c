import { useRef, useState, type ChangeEvent } from 'react';
import { defaultConfig } from '../model/index';
import { BUILTIN_SCENARIOS, builtinScenario } from '../scenarios/index';
import { useLab, useLabStore } from '../store/context';
import { loadFile, saveRecording } from './files';
import { EmbedDialog } from './EmbedDialog';
import { ExportMenu } from './ExportMenu';
import { ShareButton } from './ShareButton';
import { formatClock } from './TransportBar';

const FREE_LAB = 'lab';

/** Scenario picker, narration with previous/next and auto-advance, load and save. */
export function ScenarioBar() {
  const scenario = useLab((s) => s.scenario);
  const stepIndex = useLab((s) => s.stepIndex);
  const autoAdvance = useLab((s) => s.autoAdvance);
  const loadScenario = useLab((s) => s.loadScenario);
  const reset = useLab((s) => s.reset);
  const nextStep = useLab((s) => s.nextStep);
  const previousStep = useLab((s) => s.previousStep);
  const setAutoAdvance = useLab((s) => s.setAutoAdvance);
  const store = useLabStore();
  const file = useRef<HTMLInputElement>(null);
  const [embedding, setEmbedding] = useState(false);
  const steps = scenario.steps;
  const step = steps[stepIndex];
  const builtin = BUILTIN_SCENARIOS.some((s) => s.id === scenario.id);
  const pick = (id: string) => {
    if (id === FREE_LAB) reset(defaultConfig());
    else {
      const next = builtinScenario(id);
      if (next) loadScenario(next);
    }
  };
  const onFile = (e: ChangeEvent<HTMLInputElement>) => {
    const f = e.currentTarget.files?.[0];
    e.currentTarget.value = '';
    if (f) loadFile(f, store.getState());
  };
  return (
    <section className="scenario-bar" aria-label="Scenario and narration">
      <div className="scenario-pick">
        <label htmlFor="scenario-picker">Scenario</label>
        <select
          id="scenario-picker"
          value={builtin || scenario.id === FREE_LAB ? scenario.id : ''}
          onChange={(e) => pick(e.currentTarget.value)}
        >
          <option value={FREE_LAB}>Free lab (sliders only)</option>
          {BUILTIN_SCENARIOS.map((s, i) => (
            <option key={s.id} value={s.id} title={s.summary}>
              {i + 1}. {s.title}
            </option>
          ))}
          {!builtin && scenario.id !== FREE_LAB && (
            <option value="">{scenario.title} (from a file)</option>
          )}
        </select>
        {steps.length > 0 && (
          <p className="promise" title={scenario.summary}>
            {scenario.summary}
          </p>
        )}
      </div>
      <div className="narration" aria-live="polite" data-testid="narration">
        {steps.length === 0 ? (
          <p className="caption">{scenario.summary}</p>
        ) : (
          <>
            <p className="step-count">
              {stepIndex < 0 ? 'Starting' : `Step ${stepIndex + 1} of ${steps.length}`}
              {step && <span className="muted"> · {formatClock(step.at)}</span>}
            </p>
            <p className="caption">{step ? step.caption : scenario.summary}</p>
          </>
        )}
      </div>
      <div className="narration-nav">
        {steps.length > 0 && (
          <>
            <button
              type="button"
              onClick={previousStep}
              aria-keyshortcuts="PageUp"
              disabled={stepIndex < 0}
            >
              ← Previous
            </button>
            <button
              type="button"
              onClick={nextStep}
              aria-keyshortcuts="PageDown"
              disabled={stepIndex >= steps.length - 1}
            >
              Next →
            </button>
            <label className="check">
              <input
                type="checkbox"
                checked={autoAdvance}
                onChange={(e) => setAutoAdvance(e.currentTarget.checked)}
              />
              Auto-advance
            </label>
          </>
        )}
        <button type="button" onClick={() => file.current?.click()}>
          Load…
        </button>
        <input
          ref={file}
          type="file"
          accept="application/json,.json"
          className="sr-only"
          tabIndex={-1}
          aria-label="Load a scenario file"
          onChange={onFile}
        />
        <button
          type="button"
          onClick={() => saveRecording(store.getState())}
          title="Save this session as a scenario file that replays it exactly"
        >
          Save recording
        </button>
        <ShareButton />
        <button type="button" onClick={() => setEmbedding(true)}>
          Embed…
        </button>
        <ExportMenu />
        {embedding && <EmbedDialog onClose={() => setEmbedding(false)} />}
      </div>
    </section>
  );
}
