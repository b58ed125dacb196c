/**
 * The scenario file format, as valibot schemas: one per schema version.
 * The envelope (texts, times, steps, timeline order) is checked here; the
 * simulation config and each action are checked by the model's own readers,
 * the ones every other input goes through (see validate.ts).
 */
import * as v from 'valibot';

/** The version this app writes. Older files are migrated (migrate.ts). */
export const SCHEMA_VERSION = 2;

/** The longest a scenario may play: a day of simulated time (a workshop tab left open). */
export const MAX_DURATION_MS = 86_400_000;

/** What a narration step may light up in the views. */
export const HIGHLIGHT_KINDS = [
  'topic',
  'partition',
  'group',
  'member',
  'producer',
  'key',
  'panel',
  'counter',
] as const;
export type HighlightKind = (typeof HIGHLIGHT_KINDS)[number];

export const PANELS = [
  'stage',
  'lag',
  'table',
  'counters',
  'controls',
  'code',
  'rebalances',
  'health',
] as const;

const HIGHLIGHT = /^(topic|partition|group|member|producer|key|panel|counter):(.+)$/;

const Text = (max: number) =>
  v.pipe(v.string(), v.trim(), v.minLength(1, 'must not be empty'), v.maxLength(max));
const Time = v.pipe(
  v.number(),
  v.finite(),
  v.minValue(0, 'must be ≥ 0 ms'),
  v.maxValue(MAX_DURATION_MS, `must be ≤ ${MAX_DURATION_MS} ms (one day)`),
);
const Id = v.pipe(
  v.string(),
  v.regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'expected lower-case letters, digits and "-" (a slug)'),
);
const Highlight = v.pipe(
  v.string(),
  v.regex(
    HIGHLIGHT,
    `expected "kind:name" with kind one of ${HIGHLIGHT_KINDS.join(', ')} (e.g. "partition:user-events/0")`,
  ),
);
/**
 * A plain JSON object, passed through whole (v.record would drop keys such as
 * "constructor" before the model's readers could reject them as unknown).
 */
export const Json = v.custom<Record<string, unknown>>(
  (x) => typeof x === 'object' && x !== null && !Array.isArray(x),
  'expected an object',
);

function ordered<T extends { at: number }>(what: string) {
  return v.check<T[], string>(
    (items) => items.every((x, i) => i === 0 || x.at >= items[i - 1]!.at),
    `${what} must be in time order (each "at" ≥ the one before)`,
  );
}

const TimedAction = v.strictObject({ at: Time, action: Json });

/** The fields every version has, before its narration. */
const HEAD = {
  id: Id,
  title: Text(120),
  summary: Text(240),
  seed: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(0xffffffff)),
  config: Json,
  durationMs: v.pipe(Time, v.minValue(1, 'must be > 0 ms')),
};
/** Timed actions a file may hold. */
export const MAX_TIMELINE = 10_000;
const TIMELINE = v.pipe(v.array(TimedAction), v.maxLength(MAX_TIMELINE), ordered('timeline'));

/** Version 1: narration was plain text, without highlights. */
export const ScenarioV1 = v.strictObject({
  schemaVersion: v.literal(1),
  ...HEAD,
  narration: v.pipe(
    v.array(v.strictObject({ at: Time, text: Text(600) })),
    v.maxLength(200),
    ordered('narration'),
  ),
  timeline: TIMELINE,
});

/** Version 2: narration steps with captions and highlights. */
export const ScenarioV2 = v.strictObject({
  schemaVersion: v.literal(2),
  ...HEAD,
  steps: v.pipe(
    v.array(
      v.strictObject({
        at: Time,
        caption: Text(600),
        highlight: v.optional(v.pipe(v.array(Highlight), v.maxLength(32)), []),
      }),
    ),
    v.maxLength(200),
    ordered('steps'),
  ),
  timeline: TIMELINE,
});

export type ScenarioFileV1 = v.InferOutput<typeof ScenarioV1>;
export type ScenarioFileV2 = v.InferOutput<typeof ScenarioV2>;

/** Splits "partition:user-events/0" into its kind and name. */
export function parseHighlight(ref: string): { kind: HighlightKind; name: string } | null {
  const m = HIGHLIGHT.exec(ref);
  return m ? { kind: m[1] as HighlightKind, name: m[2]! } : null;
}
