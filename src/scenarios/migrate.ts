/**
 * Migrations from older scenario formats to the current one, so a file saved
 * by an older Partition Lab still plays. Each step is pure data → data.
 */
import type { ScenarioFileV1, ScenarioFileV2 } from './schema';

/** v1 → v2: narration `{ at, text }` became steps `{ at, caption, highlight }`. */
export function migrate(file: ScenarioFileV1): ScenarioFileV2 {
  const { narration, ...rest } = file;
  return {
    ...rest,
    schemaVersion: 2,
    steps: narration.map((n) => ({ at: n.at, caption: n.text, highlight: [] })),
  };
}
