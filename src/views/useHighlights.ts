import { useMemo } from 'react';
import { parseHighlight } from '../scenarios/schema';
import { useLab } from '../store/context';
import type { LabState } from '../store/simulation-store';

const NONE: readonly string[] = [];

/** The current narration step's highlight references ("panel:lag", "key:7", …). */
export function stepHighlights(s: LabState): readonly string[] {
  return s.scenario.steps[s.stepIndex]?.highlight ?? NONE;
}

/** The highlight references of the current narration step, as a set. */
export function useHighlights(): ReadonlySet<string> {
  const refs = useLab(stepHighlights);
  return useMemo(() => new Set(refs), [refs]);
}

/** The key the narration points at, if any (its records light up like a hovered key). */
export function stepKey(s: LabState): string | null {
  for (const ref of stepHighlights(s)) {
    const h = parseHighlight(ref);
    if (h?.kind === 'key') return h.name;
  }
  return null;
}
