import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc, { type JsonValue } from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  BUILTIN_SCENARIOS,
  builtinScenario,
  MAX_FILE_BYTES,
  parseScenario,
  ScenarioError,
  type Scenario,
} from '../../src/scenarios/index';
import { labScenario, Session } from '../../src/session/index';

// ---------------------------------------------------------------------------
// Helpers

type Key = string | number;
type Path = readonly Key[];
type JsonObject = { [key: string]: JsonValue };

const BUILTIN_DIR = fileURLToPath(new URL('../../src/scenarios/builtin/', import.meta.url));
const V1_FIXTURE = fileURLToPath(new URL('../fixtures/scenario-v1.json', import.meta.url));

/** The built-in files' text, as their authors wrote it. */
const BUILTIN_TEXTS: readonly string[] = readdirSync(BUILTIN_DIR)
  .filter((name) => name.endsWith('.json'))
  .sort()
  .map((name) => readFileSync(BUILTIN_DIR + name, 'utf8'));

/** The built-in files, parsed but not validated. */
const BUILTIN_FILES: readonly JsonObject[] = BUILTIN_TEXTS.map((t) => JSON.parse(t) as JsonObject);

const V1_TEXT = readFileSync(V1_FIXTURE, 'utf8');

/** The file most error tests start from: 3 → 6 partitions at 20 s, 75 s long. */
const BASE_ID = 'adding-partitions-breaks-ordering';

function builtinFile(id = BASE_ID): JsonObject {
  const file = BUILTIN_FILES.find((f) => f['id'] === id);
  if (!file) throw new Error(`no built-in file ${id}`);
  return structuredClone(file);
}

function isObject(value: JsonValue | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Sets an own property, even one named `__proto__`. */
function define(target: JsonObject, key: string, value: JsonValue): void {
  Object.defineProperty(target, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
}

function getAt(root: JsonValue, path: Path): JsonValue | undefined {
  let node: JsonValue | undefined = root;
  for (const key of path) {
    if (Array.isArray(node) && typeof key === 'number') node = node[key];
    else if (isObject(node) && typeof key === 'string') node = node[key];
    else return undefined;
  }
  return node;
}

/** A copy of `root` with the value at `path` replaced (or added). */
function withValue(root: JsonObject, path: Path, value: JsonValue): JsonObject {
  const copy = structuredClone(root);
  const parent = getAt(copy, path.slice(0, -1));
  const key = path[path.length - 1]!;
  if (Array.isArray(parent) && typeof key === 'number') parent[key] = value;
  else if (isObject(parent) && typeof key === 'string') define(parent, key, value);
  else throw new Error(`no container at ${formatPath(path)}`);
  return copy;
}

/** A copy of `root` without the value at `path` (array items are spliced out). */
function without(root: JsonObject, path: Path): JsonObject {
  const copy = structuredClone(root);
  const parent = getAt(copy, path.slice(0, -1));
  const key = path[path.length - 1]!;
  if (Array.isArray(parent) && typeof key === 'number') parent.splice(key, 1);
  else if (isObject(parent) && typeof key === 'string') Reflect.deleteProperty(parent, key);
  else throw new Error(`no container at ${formatPath(path)}`);
  return copy;
}

/** Every path to a value inside `value` (not the root itself). */
function valuePaths(value: JsonValue, prefix: Path = []): Path[] {
  const entries: [Key, JsonValue][] = Array.isArray(value)
    ? value.map((v, i) => [i, v])
    : isObject(value)
      ? Object.entries(value)
      : [];
  return entries.flatMap(([k, v]) => [[...prefix, k], ...valuePaths(v, [...prefix, k])]);
}

/** Every path to an object inside `value`, the root included. */
function objectPaths(value: JsonValue): Path[] {
  return [[] as Path, ...valuePaths(value)].filter((p) => isObject(getAt(value, p)));
}

/** The validator's path notation: `timeline[2].action.partitions`. */
function formatPath(path: Path): string {
  return path.map((k, i) => (typeof k === 'number' ? `[${k}]` : i === 0 ? k : `.${k}`)).join('');
}

/** The ScenarioError `parseScenario(input)` throws; fails the test if it accepts or throws another. */
function errorOf(input: unknown): ScenarioError {
  try {
    parseScenario(input);
  } catch (e) {
    if (e instanceof ScenarioError) return e;
    throw e;
  }
  throw new Error('expected a ScenarioError, but the scenario was accepted');
}

/** True when accepted; rethrows anything but a ScenarioError. */
function accepts(input: unknown): boolean {
  try {
    parseScenario(input);
    return true;
  } catch (e) {
    if (e instanceof ScenarioError) return false;
    throw e;
  }
}

function play(scenario: Scenario, ms: number): Session {
  const run = new Session(scenario);
  run.advance(ms);
  return run;
}

function scenario(id: string): Scenario {
  const s = builtinScenario(id);
  if (!s) throw new Error(`no built-in scenario ${id}`);
  return s;
}

/** 1-based line and column of `offset` in `text`. */
function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  return { line: before.split('\n').length, column: offset - before.lastIndexOf('\n') };
}

// ---------------------------------------------------------------------------

describe('built-in scenarios', () => {
  it('lists one scenario per file, each validating', () => {
    expect(BUILTIN_SCENARIOS.map((s) => s.id).sort()).toEqual(
      BUILTIN_FILES.map((f) => f['id']).sort(),
    );
    for (const { id } of BUILTIN_SCENARIOS) {
      const s = scenario(id);
      expect(s.id).toBe(id);
      expect(s.schemaVersion).toBe(2);
    }
    expect(builtinScenario('no-such-scenario')).toBeUndefined();
  });

  it('validates the files given as text too', () => {
    for (const text of BUILTIN_TEXTS) {
      const s = parseScenario(text);
      expect(s).toEqual(scenario(s.id));
    }
  });

  it.each(BUILTIN_SCENARIOS.map((s) => s.id))(
    '%s: a saved session re-validates and replays to the same trace hash',
    (id) => {
      const original = scenario(id);
      const run = play(original, original.durationMs);
      const saved = run.save();
      expect(saved).not.toBeNull();
      const reloaded = parseScenario(JSON.stringify(saved, null, 2));
      expect(reloaded.timeline.length).toBe(original.timeline.length);
      const replay = play(reloaded, original.durationMs);
      expect(replay.sim.traceHash()).toBe(run.sim.traceHash());
      expect(replay.sim.snapshot().totals).toEqual(run.sim.snapshot().totals);
    },
  );

  it("a saved session keeps a person's own actions and replays them", () => {
    const original = scenario(BASE_ID);
    const run = new Session(original);
    run.advance(5_000);
    run.apply({ type: 'produce', topic: 'user-events', key: 'hand-made', value: 'hello' });
    run.advance(7_500);
    run.apply({ type: 'addConsumer', appId: 'billing' });
    run.advance(original.durationMs - run.now);
    const reloaded = parseScenario(JSON.stringify(run.save()));
    expect(reloaded.timeline.map((e) => [e.at, e.action.type])).toEqual([
      [5_000, 'produce'],
      [12_500, 'addConsumer'],
      [20_000, 'addPartitions'],
    ]);
    const replay = play(reloaded, original.durationMs);
    expect(replay.sim.traceHash()).toBe(run.sim.traceHash());
    // And the person's actions did change the run.
    expect(run.sim.traceHash()).not.toBe(play(original, original.durationMs).sim.traceHash());
  });
});

describe('migration from schema version 1', () => {
  const v1 = JSON.parse(V1_TEXT) as {
    durationMs: number;
    narration: { at: number; text: string }[];
  };

  it('parses the v1 fixture into the current format', () => {
    const s = parseScenario(V1_TEXT);
    expect(s.schemaVersion).toBe(2);
    expect(s).not.toHaveProperty('narration');
    expect(s.steps).toEqual(
      v1.narration.map((n) => ({ at: n.at, caption: n.text, highlight: [] })),
    );
    expect(s.durationMs).toBe(30_000);
    expect(s.seed).toBe(7);
    expect(s.config.seed).toBe(7);
    expect(s.timeline.map((e) => e.action.type)).toEqual(['addConsumer', 'addPartitions']);
  });

  it('plays with the timeline taking effect', () => {
    const s = parseScenario(V1_TEXT);
    const run = new Session(s);
    run.advance(9_999);
    expect(
      run.sim.snapshot().topics.find((t) => t.name === 'user-events')!.partitions,
    ).toHaveLength(3);
    run.advance(s.durationMs - run.now);
    expect(run.finished).toBe(true);
    expect(run.stepIndex).toBe(2);
    const snap = run.sim.snapshot();
    expect(snap.topics.find((t) => t.name === 'user-events')!.partitions).toHaveLength(6);
    const group = snap.groups.find((g) => g.groupId === 'notifier')!;
    expect(group.members).toHaveLength(2);
    // Both consumers own partitions, and all six are owned after the metadata refresh.
    const owned = group.members.flatMap((m) => m.assignment.map(([, p]) => p));
    expect(owned.sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(snap.totals.produced).toBeGreaterThan(250);
  });

  it('plays exactly like the same scenario written in version 2', () => {
    const file = JSON.parse(V1_TEXT) as JsonObject;
    const { narration, ...rest } = file;
    const v2 = {
      ...rest,
      schemaVersion: 2,
      steps: (narration as { at: number; text: string }[]).map((n) => ({
        at: n.at,
        caption: n.text,
      })),
    };
    const a = play(parseScenario(V1_TEXT), 30_000);
    const b = play(parseScenario(v2), 30_000);
    expect(a.sim.traceHash()).toBe(b.sim.traceHash());
  });

  it('checks a v1 file against the v1 format', () => {
    const file = JSON.parse(V1_TEXT) as JsonObject;
    const e1 = errorOf(withValue(file, ['narration', 1, 'text'], '   '));
    expect(e1.path).toBe('narration[1].text');
    expect(e1.detail).toMatch(/empty/);
    // "steps" is a version 2 field.
    const e2 = errorOf(withValue(file, ['steps'], []));
    expect(e2.path).toBe('steps');
    expect(e2.detail).toMatch(/unknown field/);
  });
});

describe('located errors', () => {
  it('broken JSON: the line and column of the problem', () => {
    const text = '{\n  "schemaVersion": 2,\n}';
    const e = errorOf(text);
    expect(e.path).toBe('file');
    expect(e.detail).toMatch(/not valid JSON/);
    expect(e.detail).toMatch(/line 3, column 1\b/);
  });

  it('broken JSON in a real file: a missing comma', () => {
    const text = BUILTIN_TEXTS[1]!.replace('"durationMs": 75000,', '"durationMs": 75000');
    expect(text).not.toBe(BUILTIN_TEXTS[1]);
    const { line, column } = lineColumn(text, text.indexOf('"steps"'));
    const e = errorOf(text);
    expect(e.path).toBe('file');
    expect(e.detail).toContain(`line ${line}, column ${column}`);
  });

  it('a small file whose check would simulate for minutes is refused before the dry run', () => {
    const file = {
      schemaVersion: 2,
      id: 'flood',
      title: 'Flood',
      summary: 'A hundred thousand records a second for a day.',
      seed: 1,
      config: {
        topics: [{ name: 'user-events', partitions: 3 }],
        producers: [{ id: 'p', topic: 'user-events', ratePerSec: 100_000 }],
      },
      durationMs: 86_400_000,
      steps: [],
      timeline: [
        { at: 86_400_000, action: { type: 'addPartitions', topic: 'user-events', partitions: 4 } },
      ],
    };
    const started = performance.now();
    const e = errorOf(JSON.stringify(file));
    expect(performance.now() - started).toBeLessThan(1000);
    expect(e.path).toBe('timeline');
    expect(e.detail).toMatch(/simulate up to 8,640,000,000 records .* at most 10,000,000/);
  });

  it('not an object', () => {
    for (const input of ['[1, 2]', '"a scenario"', '42', 'null', [], null, 7, undefined]) {
      const e = errorOf(input);
      expect(e.path).toBe('file');
      expect(e.detail).toMatch(/JSON object/);
    }
  });

  it('missing schemaVersion', () => {
    const e = errorOf(without(builtinFile(), ['schemaVersion']));
    expect(e.path).toBe('schemaVersion');
    expect(e.detail).toMatch(/format version/);
    expect(e.message).toBe(`schemaVersion: ${e.detail}`);
  });

  it('a schemaVersion that is not a positive integer', () => {
    for (const version of [0, 1.5, '2', null]) {
      const e = errorOf(withValue(builtinFile(), ['schemaVersion'], version));
      expect(e.path).toBe('schemaVersion');
      expect(e.detail).toMatch(/integer from 1 to 2/);
    }
  });

  it('a future schemaVersion: the file is newer than this app', () => {
    const e = errorOf(withValue(builtinFile(), ['schemaVersion'], 99));
    expect(e.path).toBe('schemaVersion');
    expect(e.detail).toMatch(/99/);
    expect(e.detail).toMatch(/newer/);
  });

  it('wrong type: durationMs as text', () => {
    const e = errorOf(withValue(builtinFile(), ['durationMs'], '60s'));
    expect(e.path).toBe('durationMs');
    expect(e.detail).toMatch(/number/);
    expect(e.detail).toMatch(/"60s"/);
  });

  it('wrong value: a negative step time', () => {
    const e = errorOf(withValue(builtinFile(), ['steps', 1, 'at'], -5));
    expect(e.path).toBe('steps[1].at');
    expect(e.detail).toMatch(/≥ 0/);
  });

  it('a missing required field', () => {
    const e = errorOf(without(builtinFile(), ['title']));
    expect(e.path).toBe('title');
    expect(e.detail).toMatch(/missing/);
  });

  it('an unknown top-level field', () => {
    const e = errorOf(withValue(builtinFile(), ['narration'], []));
    expect(e.path).toBe('narration');
    expect(e.detail).toMatch(/unknown field/);
  });

  it('an unknown action type in the timeline', () => {
    const file = withValue(
      builtinFile(),
      ['timeline'],
      [{ at: 1_000, action: { type: 'deletePartitions', topic: 'user-events', partitions: 2 } }],
    );
    const e = errorOf(file);
    expect(e.path).toBe('timeline[0].action.type');
    expect(e.detail).toMatch(/deletePartitions/);
    expect(e.detail).toMatch(/addPartitions/);
  });

  it('an invalid topic name in the config', () => {
    const e = errorOf(withValue(builtinFile(), ['config', 'topics', 0, 'name'], 'user events'));
    expect(e.path).toBe('config.topics[0].name');
    expect(e.detail).toMatch(/character/);
  });

  it('an invalid field in the config, below the topic name', () => {
    const e = errorOf(withValue(builtinFile(), ['config', 'apps', 0, 'processingMs'], 0));
    expect(e.path).toBe('config.apps[0].processingMs');
  });

  it('reducing partitions in the timeline, caught by the dry run', () => {
    const file = withValue(
      builtinFile(),
      ['timeline'],
      [
        { at: 20_000, action: { type: 'addPartitions', topic: 'user-events', partitions: 6 } },
        { at: 30_000, action: { type: 'addConsumer', appId: 'billing' } },
        { at: 40_000, action: { type: 'addPartitions', topic: 'user-events', partitions: 4 } },
      ],
    );
    const e = errorOf(file);
    expect(e.path).toBe('timeline[2].action.partitions');
    expect(e.detail).toMatch(/6 partition/);
    expect(e.detail).toMatch(/not be an increase/);
  });

  it('an action that names something absent at its time', () => {
    const file = withValue(builtinFile(), ['timeline', 0, 'action'], {
      type: 'addConsumer',
      appId: 'shipping',
    });
    const e = errorOf(file);
    expect(e.path).toBe('timeline[0].action.appId');
    expect(e.detail).toMatch(/shipping/);
  });

  it('a timeline out of time order', () => {
    const file = withValue(
      builtinFile(),
      ['timeline'],
      [
        { at: 20_000, action: { type: 'addConsumer', appId: 'billing' } },
        { at: 10_000, action: { type: 'addConsumer', appId: 'billing' } },
      ],
    );
    const e = errorOf(file);
    expect(e.path).toBe('timeline');
    expect(e.detail).toMatch(/time order/);
  });

  it('steps out of time order', () => {
    const e = errorOf(withValue(builtinFile(), ['steps', 2, 'at'], 1_000));
    expect(e.path).toBe('steps');
    expect(e.detail).toMatch(/time order/);
  });

  it('a step after durationMs', () => {
    const e = errorOf(withValue(builtinFile(), ['steps', 4, 'at'], 75_001));
    expect(e.path).toBe('steps[4].at');
    expect(e.detail).toMatch(/after the scenario ends/);
    expect(e.detail).toMatch(/75000/);
  });

  it('a timeline action after durationMs', () => {
    const e = errorOf(withValue(builtinFile(), ['timeline', 0, 'at'], 80_000));
    expect(e.path).toBe('timeline[0].at');
    expect(e.detail).toMatch(/after the scenario ends/);
  });

  it('an unknown highlight panel', () => {
    const e = errorOf(withValue(builtinFile(), ['steps', 0, 'highlight', 1], 'panel:graph'));
    expect(e.path).toBe('steps[0].highlight[1]');
    expect(e.detail).toMatch(/unknown panel "graph"/);
    expect(e.detail).toMatch(/lag/);
  });

  it('an unknown highlight counter and a malformed highlight', () => {
    const e1 = errorOf(withValue(builtinFile(), ['steps', 3, 'highlight', 0], 'counter:errors'));
    expect(e1.path).toBe('steps[3].highlight[0]');
    expect(e1.detail).toMatch(/unknown counter/);
    const e2 = errorOf(
      withValue(builtinFile(), ['steps', 3, 'highlight', 0], 'orderingViolations'),
    );
    expect(e2.path).toBe('steps[3].highlight[0]');
    expect(e2.detail).toMatch(/kind:name/);
  });

  it('config.seed present: the seed belongs at the top level', () => {
    const e = errorOf(withValue(builtinFile(), ['config', 'seed'], 22));
    expect(e.path).toBe('config.seed');
    expect(e.detail).toMatch(/top level/);
  });

  it('an oversize string input is refused before parsing', () => {
    const text = JSON.stringify(builtinFile()) + ' '.repeat(MAX_FILE_BYTES);
    const e = errorOf(text);
    expect(e.path).toBe('file');
    expect(e.detail).toMatch(/bytes/);
    expect(e.detail).toContain(String(MAX_FILE_BYTES));
    // Exactly at the limit (in UTF-8 bytes) is still read; one byte more is not.
    const fits = JSON.stringify(builtinFile());
    const padding = MAX_FILE_BYTES - new TextEncoder().encode(fits).length;
    expect(accepts(fits + ' '.repeat(padding))).toBe(true);
    expect(accepts(fits + ' '.repeat(padding + 1))).toBe(false);
  });
});

describe('validation never touches a running simulation', () => {
  it('leaves the trace hash of a run unchanged', () => {
    const run = new Session(scenario(BASE_ID));
    run.advance(5_000);
    const before = run.sim.traceHash();
    const snapshotBefore = run.sim.snapshot();
    const bad: unknown[] = [
      '{ not json',
      ' '.repeat(MAX_FILE_BYTES + 1),
      withValue(builtinFile(), ['schemaVersion'], 99),
      withValue(builtinFile(), ['durationMs'], '60s'),
      withValue(builtinFile(), ['config', 'topics', 0, 'name'], '..'),
      withValue(builtinFile(), ['config', 'seed'], 1),
      withValue(builtinFile(), ['timeline', 0, 'action', 'partitions'], 2),
      withValue(builtinFile(), ['timeline', 0, 'action', 'type'], 'explode'),
      withValue(
        builtinFile(),
        ['timeline'],
        [
          { at: 1_000, action: { type: 'addPartitions', topic: 'user-events', partitions: 6 } },
          { at: 2_000, action: { type: 'crashConsumer', memberId: 'billing-1' } },
          {
            at: 3_000,
            action: {
              type: 'resetOffsets',
              groupId: 'billing',
              topic: 'user-events',
              to: 'earliest',
            },
          },
        ],
      ),
      withValue(builtinFile(), ['steps', 0, 'highlight', 0], 'panel:nope'),
      ...BUILTIN_FILES.map((f) => withValue(f, ['zz'], true)),
    ];
    for (const input of bad) expect(accepts(input)).toBe(false);
    // Valid files run their own dry run; that must not touch this run either.
    for (const text of BUILTIN_TEXTS) expect(accepts(text)).toBe(true);
    expect(run.sim.traceHash()).toBe(before);
    expect(run.sim.snapshot()).toEqual(snapshotBefore);
    // And the run still goes on exactly like one that never saw them.
    run.advance(20_000);
    expect(run.sim.traceHash()).toBe(play(scenario(BASE_ID), 25_000).sim.traceHash());
  });
});

// ---------------------------------------------------------------------------
// Properties

const RUNS = { numRuns: 400, seed: 20261127 };

/** A ScenarioError, located: a non-empty path and a message that starts with it. */
function expectLocated(e: unknown): asserts e is ScenarioError {
  expect(e).toBeInstanceOf(ScenarioError);
  const error = e as ScenarioError;
  expect(typeof error.path).toBe('string');
  expect(error.path.length).toBeGreaterThan(0);
  expect(error.message.startsWith(`${error.path}: `)).toBe(true);
  expect(error.detail.length).toBeGreaterThan(0);
}

/** Runs the validator; returns the error it threw, or null if it accepted. */
function outcome(input: unknown): unknown {
  try {
    parseScenario(input);
    return null;
  } catch (e) {
    return e;
  }
}

/** Values a mutation puts in: any JSON, plus ones close to what the files hold. */
const valueArb: fc.Arbitrary<JsonValue> = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  fc.constantFrom<JsonValue>(
    0,
    -1,
    1,
    2,
    6,
    1.5,
    1e9,
    '',
    ' ',
    'user-events',
    'billing',
    'billing-1',
    'addConsumer',
    'panel:lag',
    'keyed',
    null,
    true,
    [],
    {},
  ),
  fc.integer({ min: -10, max: 100_000 }),
);

type Mutation =
  | { kind: 'replace'; pick: number; value: JsonValue }
  | { kind: 'delete'; pick: number }
  | { kind: 'add'; pick: number; key: string; value: JsonValue };

const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('replace' as const), pick: fc.nat(), value: valueArb }),
  fc.record({ kind: fc.constant('delete' as const), pick: fc.nat() }),
  fc.record({
    kind: fc.constant('add' as const),
    pick: fc.nat(),
    key: fc.oneof(fc.string(), fc.constantFrom('seed', 'steps', 'narration', 'highlight', 'at')),
    value: valueArb,
  }),
);

function mutate(file: JsonObject, m: Mutation): JsonObject {
  if (m.kind === 'add') {
    const targets = objectPaths(file);
    const target = targets[m.pick % targets.length]!;
    return withValue(file, [...target, m.key], m.value);
  }
  const paths = valuePaths(file);
  const path = paths[m.pick % paths.length]!;
  return m.kind === 'replace' ? withValue(file, path, m.value) : without(file, path);
}

describe('properties', () => {
  it('arbitrary JSON values and strings never throw anything but a ScenarioError', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        for (const input of [value, JSON.stringify(value)]) {
          const e = outcome(input);
          // No random value is a valid scenario.
          expect(e).toBeInstanceOf(ScenarioError);
        }
      }),
      RUNS,
    );
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.json()), (text) => {
        const e = outcome(text);
        expect(e).toBeInstanceOf(ScenarioError);
      }),
      RUNS,
    );
  });

  it('objects shaped like a scenario never throw anything but a located ScenarioError', () => {
    const field = fc.oneof(valueArb, fc.jsonValue({ maxDepth: 3 }));
    fc.assert(
      fc.property(
        fc.record(
          {
            schemaVersion: fc.constantFrom<JsonValue>(1, 2, 3, '2'),
            id: field,
            title: field,
            summary: field,
            seed: field,
            config: field,
            durationMs: field,
            steps: field,
            narration: field,
            timeline: field,
          },
          { requiredKeys: ['schemaVersion'] },
        ),
        (file) => {
          const e = outcome(file);
          if (e !== null) expectLocated(e);
        },
      ),
      RUNS,
    );
  });

  it('mutations of a built-in file parse or throw a located ScenarioError', () => {
    fc.assert(
      fc.property(
        fc.nat({ max: BUILTIN_FILES.length - 1 }),
        fc.array(mutationArb, { minLength: 1, maxLength: 3 }),
        fc.boolean(),
        (index, mutations, asText) => {
          const file = mutations.reduce(mutate, structuredClone(BUILTIN_FILES[index]!));
          const e = outcome(asText ? JSON.stringify(file) : file);
          if (e !== null) expectLocated(e);
        },
      ),
      { ...RUNS, numRuns: 500 },
    );
  });

  it('an unknown field added to any object of a file is rejected at its path', () => {
    // A typo is never ignored. Keys with "-" are no field of any object in the format.
    const keyArb = fc.stringMatching(/^[a-zA-Z][a-zA-Z0-9]{0,8}$/).map((k) => `x-${k}`);
    fc.assert(
      fc.property(
        fc.nat({ max: BUILTIN_FILES.length - 1 }),
        fc.nat(),
        keyArb,
        valueArb,
        (index, pick, key, value) => {
          const file = BUILTIN_FILES[index]!;
          const targets = objectPaths(file);
          const target = targets[pick % targets.length]!;
          const e = errorOf(withValue(file, [...target, key], value));
          expect(e.path).toBe(formatPath([...target, key]));
          expect(e.detail).toMatch(/unknown field/);
        },
      ),
      { ...RUNS, numRuns: 300 },
    );
  });

  it('truncations of a valid file throw a ScenarioError at "file"', () => {
    const texts = [...BUILTIN_TEXTS, V1_TEXT, JSON.stringify(BUILTIN_FILES[0])];
    fc.assert(
      fc.property(fc.nat({ max: texts.length - 1 }), fc.nat(), (index, cut) => {
        const text = texts[index]!;
        // Any prefix that stops before the closing brace is broken JSON.
        const end = cut % text.lastIndexOf('}');
        const e = errorOf(text.slice(0, end));
        expect(e.path).toBe('file');
        expect(e.detail).toMatch(/not valid JSON/);
      }),
      RUNS,
    );
  });
});

describe('edge cases found in review', () => {
  it('locates every kind of broken JSON by line and column', () => {
    expect(errorOf('{\n  "a": 1,\n  "b": }').message).toBe(
      'file: is not valid JSON (line 3, column 8): unexpected "}"',
    );
    expect(errorOf("{'a': 1}").message).toMatch(/line 1, column 2/);
    expect(errorOf('{\n "x": "abc').message).toMatch(
      /line 2, column 11\): the file ends too early/,
    );
    expect(errorOf('').message).toMatch(/line 1, column 1\): the file ends too early/);
  });

  it('rejects unknown fields named like Object.prototype members', () => {
    for (const key of ['constructor', 'prototype', '__proto__']) {
      const file = builtinFile() as Record<string, unknown>;
      const config = JSON.parse(
        JSON.stringify(file['config']).replace(/^\{/, `{"${key}":1,`),
      ) as unknown;
      expect(errorOf({ ...file, config }).path).toBe(`config.${key}`);
    }
  });

  it('a session longer than a day saves nothing rather than a file that will not load', () => {
    const run = new Session(
      labScenario({ topics: [{ name: 'a', partitions: 1 }], producers: [], apps: [] }),
    );
    run.advance(3_600_001);
    expect(parseScenario(JSON.stringify(run.save())).durationMs).toBe(3_600_001);
    run.advance(86_400_000);
    expect(run.save()).toBeNull();
  });
});
