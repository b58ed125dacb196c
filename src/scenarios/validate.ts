/**
 * One validator for every scenario, built-in or loaded by a person: the
 * file's envelope through valibot, its config and actions through the
 * model's readers, then a dry run that applies every timed action at its
 * time, so "reducing partitions at 20 s" is caught before anything plays.
 * Every failure is a ScenarioError naming the path and what was expected.
 */
import * as v from 'valibot';
import {
  createSimulation,
  normalizeConfig,
  SimulationError,
  type Action,
  type SimulationConfigInput,
} from '../model/index';
import { migrate } from './migrate';
import {
  PANELS,
  SCHEMA_VERSION,
  ScenarioV1,
  ScenarioV2,
  parseHighlight,
  type ScenarioFileV2,
} from './schema';

/** A validated scenario, in the current format. */
export interface Scenario extends Omit<ScenarioFileV2, 'config' | 'timeline'> {
  readonly config: SimulationConfigInput;
  readonly timeline: readonly { readonly at: number; readonly action: Action }[];
}

export class ScenarioError extends Error {
  override readonly name = 'ScenarioError';
  constructor(
    /** Where in the file, e.g. `timeline[2].action.partitions`; `file` for the whole file. */
    readonly path: string,
    readonly detail: string,
  ) {
    super(`${path}: ${detail}`);
  }
}

/** Files larger than this are refused before parsing. */
export const MAX_FILE_BYTES = 1_000_000;

/**
 * Records a file or link may make the page simulate before it can show
 * anything (the dry run, or playing a link to its end): about ten seconds of
 * work in a browser. Past it a small hostile file could freeze the tab.
 */
export const MAX_REPLAY_RECORDS = 10_000_000;

/**
 * An upper bound on the records produced from 0 to `untilMs`: every producer
 * the config or a timeline action can create, at the highest rate anything
 * in them names, plus every `produce` action.
 */
export function replayRecords(
  config: SimulationConfigInput,
  timeline: readonly { readonly action: unknown }[],
  untilMs: number,
): number {
  const normalized = normalizeConfig(config);
  let producers = normalized.producers.length;
  let rate = Math.max(0, ...normalized.producers.map((p) => p.ratePerSec));
  let explicit = 0;
  for (const { action } of timeline) {
    const a = action as { type?: unknown };
    if (a.type === 'addProducer') producers++;
    if (a.type === 'produce') explicit++;
    rate = Math.max(rate, highestRate(action));
  }
  return producers * rate * (untilMs / 1000) + explicit;
}

/** The highest `ratePerSec` number anywhere in an action. */
function highestRate(value: unknown): number {
  if (typeof value !== 'object' || value === null) return 0;
  let best = 0;
  for (const [k, v] of Object.entries(value)) {
    if (k === 'ratePerSec' && typeof v === 'number' && Number.isFinite(v)) best = Math.max(best, v);
    else best = Math.max(best, highestRate(v));
  }
  return best;
}

const COUNTERS = [
  'produced',
  'processed',
  'orderingViolations',
  'duplicates',
  'lost',
  'skipped',
  'deadLettered',
  'rebalances',
];

/** Parses and checks a scenario given as JSON text or as an already-parsed value. */
export function parseScenario(input: unknown): Scenario {
  const data = typeof input === 'string' ? parseJson(input) : input;
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new ScenarioError('file', 'expected a JSON object (a Partition Lab scenario)');
  }
  const version = (data as Record<string, unknown>)['schemaVersion'];
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    throw new ScenarioError(
      'schemaVersion',
      `expected the file's format version, an integer from 1 to ${SCHEMA_VERSION}; got ${describe(version)}`,
    );
  }
  if (version > SCHEMA_VERSION) {
    throw new ScenarioError(
      'schemaVersion',
      `this file is format version ${version}, newer than this Partition Lab reads (up to ${SCHEMA_VERSION}); open it in a newer version`,
    );
  }
  const file = version === 1 ? migrate(check(ScenarioV1, data)) : check(ScenarioV2, data);
  if ('seed' in file.config) {
    throw new ScenarioError('config.seed', 'put the seed at the top level ("seed"), not in config');
  }
  checkHighlights(file);
  const config = { ...file.config, seed: file.seed } as SimulationConfigInput;
  located(() => normalizeConfig(config), '');
  const last = file.timeline.at(-1)?.at ?? 0;
  const records = replayRecords(config, file.timeline, last);
  if (records > MAX_REPLAY_RECORDS) {
    throw new ScenarioError(
      'timeline',
      `checking it would simulate up to ${Math.round(records).toLocaleString('en-US')} records before its last action (${last} ms); at most ${MAX_REPLAY_RECORDS.toLocaleString('en-US')}`,
    );
  }
  dryRun(config, file.timeline);
  return { ...file, config, timeline: file.timeline as unknown as Scenario['timeline'] };
}

function parseJson(text: string): unknown {
  // Characters first (cheap); bytes only when the characters alone cannot tell.
  const bytes = text.length * 3 <= MAX_FILE_BYTES ? text.length : utf8Length(text);
  if (bytes > MAX_FILE_BYTES) {
    throw new ScenarioError('file', `is ${bytes} bytes; at most ${MAX_FILE_BYTES} are read`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    const offset = jsonErrorOffset(text);
    const before = text.slice(0, offset);
    const line = before.split('\n').length;
    const column = offset - before.lastIndexOf('\n');
    const what =
      offset >= text.length
        ? 'the file ends too early'
        : `unexpected ${JSON.stringify(text.slice(offset, offset + 1))}`;
    throw new ScenarioError('file', `is not valid JSON (line ${line}, column ${column}): ${what}`);
  }
}

function utf8Length(text: string): number {
  return new TextEncoder().encode(text).length;
}

/**
 * Where JSON.parse fails, found without relying on the engine's message:
 * the longest prefix that is only "unfinished" (not wrong) ends there.
 */
function jsonErrorOffset(text: string): number {
  const unfinished = (n: number): boolean => {
    try {
      JSON.parse(text.slice(0, n));
      return true;
    } catch (e) {
      if (!(e instanceof SyntaxError)) return false;
      if (/end of (JSON|data|input)/i.test(e.message)) return true;
      // Some engines name the position instead: at the very end means "unfinished".
      const at = /position (\d+)/.exec(e.message);
      return at !== null && Number(at[1]) >= n;
    }
  };
  let lo = 0;
  let hi = text.length;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (unfinished(mid)) lo = mid;
    else hi = mid - 1;
  }
  // Skip the whitespace before the offending character.
  while (lo < text.length && /\s/.test(text[lo]!)) lo++;
  return lo;
}

function check<S extends v.GenericSchema>(schema: S, data: unknown): v.InferOutput<S> {
  const result = v.safeParse(schema, data);
  if (result.success) return result.output;
  const issue = result.issues[0];
  throw new ScenarioError(issuePath(issue), issueDetail(issue));
}

type Issue = v.BaseIssue<unknown>;

function issuePath(issue: Issue): string {
  let path = '';
  for (const item of issue.path ?? []) {
    const key: unknown = item.key;
    if (typeof key === 'number') path += `[${key}]`;
    else path += path === '' ? String(key) : `.${String(key)}`;
  }
  return path === '' ? 'file' : path;
}

function issueDetail(issue: Issue): string {
  if (issue.kind === 'schema' && issue.type === 'strict_object' && issue.expected === 'never') {
    return `unknown field ${issue.received}`;
  }
  if (issue.kind === 'schema' && issue.received === 'undefined') {
    return `is missing; expected ${issue.expected}`;
  }
  return issue.message;
}

function checkHighlights(file: ScenarioFileV2): void {
  file.steps.forEach((step, i) => {
    step.highlight.forEach((ref, j) => {
      const h = parseHighlight(ref)!;
      const path = `steps[${i}].highlight[${j}]`;
      if (h.kind === 'panel' && !(PANELS as readonly string[]).includes(h.name))
        throw new ScenarioError(path, `unknown panel "${h.name}"; expected ${PANELS.join(', ')}`);
      if (h.kind === 'counter' && !COUNTERS.includes(h.name))
        throw new ScenarioError(
          path,
          `unknown counter "${h.name}"; expected ${COUNTERS.join(', ')}`,
        );
    });
    if (step.at > file.durationMs)
      throw new ScenarioError(
        `steps[${i}].at`,
        `is after the scenario ends (${file.durationMs} ms)`,
      );
  });
  file.timeline.forEach((entry, i) => {
    if (entry.at > file.durationMs)
      throw new ScenarioError(
        `timeline[${i}].at`,
        `is after the scenario ends (${file.durationMs} ms)`,
      );
  });
}

/** Applies every timed action at its time on a scratch simulation. */
function dryRun(
  config: SimulationConfigInput,
  timeline: readonly { at: number; action: Record<string, unknown> }[],
): void {
  const sim = createSimulation(config);
  timeline.forEach((entry, i) => {
    sim.advance(entry.at - sim.now);
    located(() => sim.apply(entry.action as unknown as Action), `timeline[${i}].`);
  });
}

/** Runs `f`, turning a model error into a ScenarioError at `prefix` + its path. */
function located(f: () => unknown, prefix: string): void {
  try {
    f();
  } catch (e) {
    if (e instanceof SimulationError) throw new ScenarioError(prefix + e.path, e.detail);
    throw e;
  }
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  return JSON.stringify(value) ?? String(value);
}
