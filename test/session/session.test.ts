/**
 * A session is a scenario played with time travel. Whatever a person does
 * on the timeline (scrub, step, jump, act in the past, undo, save), the
 * moment shown must be exactly what a straight, checkpoint-free run of the
 * same actions shows at that time: same trace hash, same snapshot.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultConfig, type Action } from '../../src/model/index';
import {
  BUILTIN_SCENARIOS,
  builtinScenario,
  parseScenario,
  type Scenario,
} from '../../src/scenarios/index';
import {
  labScenario,
  MAX_LOGGED_ACTIONS,
  MAX_UNDO,
  Session,
  TICK_MS,
  type Marker,
  type TimedAction,
} from '../../src/session/index';
import {
  labArb,
  moment,
  playLive,
  straightMoments,
  straightRun,
  TOPIC,
  tryApply,
  type Lab,
} from './support/lab';

const RUNS = { numRuns: 30, seed: 20260611 };
/** Property runs play many simulations; give them room on a loaded CI machine. */
const TIMEOUT = 60_000;

/** Actions a person can always take on a lab, whatever happened before. */
function alwaysValidArb(lab: Lab): fc.Arbitrary<Action> {
  return fc.oneof(
    fc
      .record({
        producerId: fc.constantFrom(...lab.producers),
        rate: fc.integer({ min: 0, max: 400 }),
      })
      .map(({ producerId, rate }): Action => ({
        type: 'updateProducer',
        producerId,
        changes: { ratePerSec: rate },
      })),
    fc
      .record({ appId: fc.constantFrom(...lab.apps), n: fc.integer({ min: 0, max: 4 }) })
      .map(({ appId, n }): Action => ({ type: 'updateApp', appId, changes: { instances: n } })),
    fc.constantFrom(...lab.apps).map((appId): Action => ({ type: 'addConsumer', appId })),
    fc.integer({ min: 0, max: 8 }).map((k): Action => ({
      type: 'produce',
      topic: TOPIC,
      key: String(k),
    })),
  );
}

/** A time in [0, end], integer or not. */
function timeIn(end: number): fc.Arbitrary<number> {
  return fc.oneof(
    fc.integer({ min: 0, max: Math.floor(end) }),
    fc.double({ min: 0, max: end, noNaN: true, noDefaultInfinity: true }),
  );
}

function withTimes(count: number) {
  return labArb().chain((lab) =>
    fc.record({
      lab: fc.constant(lab),
      times: fc.array(timeIn(lab.end), { minLength: 1, maxLength: count }),
    }),
  );
}

function notForks(markers: readonly Marker[]): Marker[] {
  return markers.filter((m) => m.kind !== 'fork');
}

function timeline(file: { timeline: readonly { at: number; action: unknown }[] }): string {
  return JSON.stringify(file.timeline.map((e) => ({ at: e.at, action: e.action })));
}

function builtin(id: string): Scenario {
  const s = builtinScenario(id);
  if (!s) throw new Error(`no built-in scenario ${id}`);
  return s;
}

describe('Session: the moment shown is what a straight run shows (fast-check)', () => {
  it(
    'playing live with actions gives the same trace and snapshot as a bare simulation',
    () => {
      fc.assert(
        fc.property(labArb(), (lab) => {
          const { session, accepted } = playLive(lab.scenario, lab.actions, lab.end, lab.options);
          expect(session.now).toBe(lab.end);
          expect(session.end).toBe(lab.end);
          expect(moment(session.sim)).toEqual(moment(straightRun(lab.config, accepted, lab.end)));
        }),
        RUNS,
      );
    },
    TIMEOUT,
  );

  it(
    'scrubbing back to any t < end and forward to the end again gives the straight run’s trace, snapshot and markers',
    () => {
      const arb = withTimes(4).chain((x) =>
        fc.record({
          lab: fc.constant(x.lab),
          times: fc.constant(x.times),
          forward: fc.array(fc.constantFrom('goTo', 'seek', 'advance' as const), {
            minLength: x.times.length,
            maxLength: x.times.length,
          }),
        }),
      );
      fc.assert(
        fc.property(arb, ({ lab, times, forward }) => {
          const { session } = playLive(lab.scenario, lab.actions, lab.end, lab.options);
          const atEnd = moment(session.sim);
          const markers = session.markers();
          times.forEach((t, i) => {
            session.seek(t);
            expect(session.now).toBe(t);
            const how = forward[i]!;
            if (how === 'goTo') session.goTo(lab.end);
            else if (how === 'seek') session.seek(lab.end);
            // advance(ms) lands on now + ms; use it where that is exactly the end.
            else if (session.now + (lab.end - session.now) === lab.end)
              session.advance(lab.end - session.now);
            else session.goTo(lab.end);
            expect(session.now).toBe(lab.end);
            expect(session.end).toBe(lab.end);
            expect(moment(session.sim)).toEqual(atEnd);
          });
          // Replaying what was played adds no markers twice.
          expect(session.markers()).toEqual(markers);
        }),
        RUNS,
      );
    },
    TIMEOUT,
  );

  it(
    'seek(t) from anywhere shows what a fresh straight run to t shows',
    () => {
      fc.assert(
        fc.property(withTimes(6), ({ lab, times }) => {
          const { session, accepted } = playLive(lab.scenario, lab.actions, lab.end, lab.options);
          const expected = straightMoments(lab.config, accepted, times);
          for (const t of times) {
            session.seek(t);
            expect(session.now).toBe(t);
            expect(moment(session.sim)).toEqual(expected.get(t));
          }
        }),
        RUNS,
      );
    },
    TIMEOUT,
  );

  it('seek clamps to the start and the end; goTo plays on past the end', () => {
    const session = new Session(labScenario(defaultConfig()));
    session.goTo(3000);
    session.seek(-500);
    expect(session.now).toBe(0);
    session.seek(10_000);
    expect(session.now).toBe(3000);
    expect(session.end).toBe(3000);
    session.seek(1000);
    session.goTo(4500);
    expect(session.now).toBe(4500);
    expect(session.end).toBe(4500);
    expect(session.sim.traceHash()).toBe(straightRun(defaultConfig(), [], 4500).traceHash());
  });
});

describe('Session: acting in the past forks the future', () => {
  const forkArb = labArb().chain((lab) =>
    fc.record({
      lab: fc.constant(lab),
      forkAt: fc.integer({ min: 0, max: Math.floor(lab.end) - 1 }),
      action: alwaysValidArb(lab),
      later: fc.integer({ min: 0, max: 4000 }),
    }),
  );

  it(
    'later actions go (end becomes now), the branch equals a fresh run of the kept actions, undoFork restores the old branch',
    () => {
      fc.assert(
        fc.property(forkArb, ({ lab, forkAt, action, later }) => {
          const { session, accepted } = playLive(lab.scenario, lab.actions, lab.end, lab.options);
          const oldEnd = moment(session.sim);
          session.seek(forkAt);
          expect(tryApply(session, action)).toBe(true);

          expect(session.now).toBe(forkAt);
          expect(session.end).toBe(forkAt);
          expect(session.forks).toEqual([forkAt]);
          expect(session.canUndoFork).toBe(true);
          const branch: TimedAction[] = [
            ...accepted.filter((e) => e.at <= forkAt),
            { at: forkAt, action },
          ];
          expect(timeline(session.save()!)).toBe(JSON.stringify(branch));

          const newEnd = forkAt + later;
          session.goTo(newEnd);
          expect(moment(session.sim)).toEqual(moment(straightRun(lab.config, branch, newEnd)));
          // Seeking within the new branch shows the new branch.
          const back = forkAt / 2;
          session.seek(back);
          expect(moment(session.sim)).toEqual(moment(straightRun(lab.config, branch, back)));

          expect(session.undoFork()).toBe(true);
          expect(session.now).toBe(forkAt);
          expect(session.end).toBe(lab.end);
          expect(session.forks).toEqual([]);
          expect(session.canUndoFork).toBe(false);
          expect(moment(session.sim)).toEqual(moment(straightRun(lab.config, accepted, forkAt)));
          session.goTo(lab.end);
          expect(moment(session.sim)).toEqual(oldEnd);
          expect(timeline(session.save()!)).toBe(JSON.stringify(accepted));
          expect(session.undoFork()).toBe(false);
        }),
        RUNS,
      );
    },
    TIMEOUT,
  );

  it(
    'two forks undo in turn: each undo restores the branch before it',
    () => {
      const arb = forkArb.chain((x) =>
        fc.record({
          x: fc.constant(x),
          secondAt: fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
          second: alwaysValidArb(x.lab),
        }),
      );
      fc.assert(
        fc.property(arb, ({ x: { lab, forkAt, action, later }, secondAt, second }) => {
          const { session, accepted } = playLive(lab.scenario, lab.actions, lab.end, lab.options);
          const oldEnd = moment(session.sim);
          session.seek(forkAt);
          tryApply(session, action);
          const firstEnd = forkAt + later + 1;
          session.goTo(firstEnd);
          const first = moment(session.sim);
          const firstTimeline = timeline(session.save()!);

          const t2 = secondAt * firstEnd;
          session.seek(t2);
          expect(tryApply(session, second)).toBe(true);
          expect(session.end).toBe(t2);
          expect(session.forks).toEqual(t2 >= forkAt ? [forkAt, t2] : [t2]);
          const branch = [
            ...accepted.filter((e) => e.at <= Math.min(t2, forkAt)),
            ...(t2 >= forkAt ? [{ at: forkAt, action }] : []),
            { at: t2, action: second },
          ];
          session.goTo(firstEnd + 500);
          expect(moment(session.sim)).toEqual(
            moment(straightRun(lab.config, branch, firstEnd + 500)),
          );

          expect(session.undoFork()).toBe(true);
          expect(session.end).toBe(firstEnd);
          expect(session.forks).toEqual([forkAt]);
          expect(timeline(session.save()!)).toBe(firstTimeline);
          session.goTo(firstEnd);
          expect(moment(session.sim)).toEqual(first);

          expect(session.undoFork()).toBe(true);
          expect(session.end).toBe(lab.end);
          session.goTo(lab.end);
          expect(moment(session.sim)).toEqual(oldEnd);
        }),
        { ...RUNS, numRuns: 25 },
      );
    },
    TIMEOUT,
  );

  it('acting at the end does not fork; a refused action in the past forks nothing', () => {
    const config = defaultConfig();
    const session = new Session(labScenario(config));
    session.goTo(5000);
    session.apply({ type: 'addConsumer', appId: 'notifier' });
    expect(session.forks).toEqual([]);
    expect(session.canUndoFork).toBe(false);
    session.goTo(9000);
    session.seek(2000);
    expect(tryApply(session, { type: 'addPartitions', topic: 'user-events', partitions: 2 })).toBe(
      false,
    );
    expect(session.end).toBe(9000);
    expect(session.forks).toEqual([]);
    session.goTo(9000);
    const accepted = [{ at: 5000, action: { type: 'addConsumer', appId: 'notifier' } as Action }];
    expect(session.sim.traceHash()).toBe(straightRun(config, accepted, 9000).traceHash());
  });
});

describe('Session: undo history is bounded', () => {
  it('keeps the last MAX_UNDO forks; undoing them all gives the branch before the oldest kept one', () => {
    const config = defaultConfig();
    const session = new Session(labScenario(config));
    session.goTo(1000);
    const rate = (n: number): Action => ({
      type: 'updateProducer',
      producerId: 'producer-1',
      changes: { ratePerSec: n },
    });
    // Branch k: rates 1..k applied at 1000 + 100·i, each one a fork of the one before.
    const branches: TimedAction[][] = [[]];
    for (let k = 1; k <= MAX_UNDO + 3; k++) {
      const at = 1000 + 100 * k;
      session.goTo(at + 5000);
      session.seek(at);
      session.apply(rate(k));
      branches.push([...branches[k - 1]!, { at, action: rate(k) }]);
    }
    let undone = 0;
    while (session.undoFork()) undone++;
    expect(undone).toBe(MAX_UNDO);
    expect(session.canUndoFork).toBe(false);
    // Back to branch 3 as fork 4 (the oldest kept) left it: played to 1400 + 5000.
    const k = 3;
    expect(session.end).toBe(1000 + 100 * (k + 1) + 5000);
    session.goTo(session.end);
    expect(session.sim.traceHash()).toBe(
      straightRun(config, branches[k]!, session.end).traceHash(),
    );
  });
});

describe('Session: a saved session replays itself', () => {
  const saveArb = labArb().chain((lab) =>
    fc.record({
      lab: fc.constant(lab),
      fork: fc.option(
        fc.record({
          at: fc.integer({ min: 0, max: Math.floor(lab.end) }),
          action: alwaysValidArb(lab),
          later: fc.integer({ min: 0, max: 3000 }),
        }),
      ),
      seekTo: fc.double({ min: 0, max: 1, noNaN: true }),
    }),
  );

  it(
    'save() → parseScenario(JSON) → new Session → played to the same end gives the same trace, snapshot and markers, after forks and seeks too',
    () => {
      fc.assert(
        fc.property(saveArb, ({ lab, fork, seekTo }) => {
          const { session } = playLive(lab.scenario, lab.actions, lab.end, lab.options);
          if (fork) {
            session.seek(fork.at);
            tryApply(session, fork.action);
            session.goTo(fork.at + fork.later);
          }
          const end = session.end;
          session.seek(seekTo * end);
          const saved = session.save();
          expect(saved).not.toBeNull();
          const loaded = parseScenario(JSON.stringify(saved));
          expect(loaded.seed).toBe(lab.scenario.seed);
          expect(saved!.durationMs).toBeGreaterThanOrEqual(end);

          const replay = new Session(loaded);
          replay.goTo(end);
          session.goTo(end);
          expect(moment(replay.sim)).toEqual(moment(session.sim));
          expect(notForks(replay.markers())).toEqual(notForks(session.markers()));
          // And the loaded session saves the same timeline again.
          expect(timeline(replay.save()!)).toBe(timeline(saved!));
        }),
        RUNS,
      );
    },
    TIMEOUT,
  );

  it('a built-in lesson played, forked past its scripted action and saved replays the same', () => {
    const scenario = builtin('adding-partitions-breaks-ordering');
    const session = new Session(scenario);
    session.goTo(30_000);
    session.seek(10_000);
    session.apply({ type: 'addPartitions', topic: 'user-events', partitions: 8 });
    // Past the scripted 3 → 6 (20 s), which the fork made impossible: it is skipped.
    session.goTo(30_000);
    const saved = session.save()!;
    expect(saved.timeline.map((e) => [e.at, e.action['partitions']])).toEqual([[10_000, 8]]);
    expect(saved.steps).toEqual(scenario.steps);
    const replay = new Session(parseScenario(JSON.stringify(saved)));
    replay.goTo(30_000);
    expect(moment(replay.sim)).toEqual(moment(session.sim));
  });

  it('a built-in lesson forked before its scripted action and saved at once gives a file that loads', () => {
    const scenario = builtin('adding-partitions-breaks-ordering');
    const session = new Session(scenario);
    session.goTo(30_000);
    session.seek(10_000);
    session.apply({ type: 'addPartitions', topic: 'user-events', partitions: 8 });
    // The script's 3 → 6 at 20 s is still to come, but this branch makes it impossible.
    const saved = session.save()!;
    expect(saved.timeline.map((e) => [e.at, e.action['partitions']])).toEqual([[10_000, 8]]);
    const replay = new Session(parseScenario(JSON.stringify(saved)));
    replay.goTo(30_000);
    session.goTo(30_000);
    expect(moment(replay.sim)).toEqual(moment(session.sim));
  });

  it('a built-in lesson saved before its scripted actions keeps them all', () => {
    const scenario = builtin('adding-partitions-breaks-ordering');
    const session = new Session(scenario);
    session.goTo(5000);
    session.apply({ type: 'addConsumer', appId: 'billing' });
    const saved = session.save()!;
    expect(timeline(saved)).toBe(
      JSON.stringify([
        { at: 5000, action: { type: 'addConsumer', appId: 'billing' } },
        ...scenario.timeline,
      ]),
    );
    const replay = new Session(parseScenario(JSON.stringify(saved)));
    replay.goTo(40_000);
    session.goTo(40_000);
    expect(moment(replay.sim)).toEqual(moment(session.sim));
  });
});

describe('Session: a built-in lesson acted on and saved replays itself (fast-check)', () => {
  const lessonArb = fc.record({
    id: fc.constantFrom(...BUILTIN_SCENARIOS.map((s) => s.id)),
    played: fc.integer({ min: 2000, max: 40_000 }),
    forkAt: fc.double({ min: 0, max: 1, noNaN: true }),
    kind: fc.integer({ min: 0, max: 4 }),
    value: fc.integer({ min: 0, max: 40 }),
    later: fc.integer({ min: 0, max: 30_000 }),
    saveAt: fc.double({ min: 0, max: 1, noNaN: true }),
  });

  /** An action on whatever the lesson has at that moment (the model may refuse it). */
  function actionOn(session: Session, kind: number, value: number): Action {
    const config = session.sim.config;
    const topic = config.topics[value % config.topics.length]!;
    const app = config.apps[value % Math.max(1, config.apps.length)];
    const producer = config.producers[value % Math.max(1, config.producers.length)];
    if (kind === 0 || !app || !producer)
      return {
        type: 'addPartitions',
        topic: topic.name,
        partitions: topic.partitions + 1 + (value % 6),
      };
    if (kind === 1) return { type: 'addConsumer', appId: app.id };
    if (kind === 2) return { type: 'updateApp', appId: app.id, changes: { instances: value % 5 } };
    if (kind === 3)
      return {
        type: 'updateProducer',
        producerId: producer.id,
        changes: { ratePerSec: value * 5 },
      };
    return { type: 'removeApp', appId: app.id };
  }

  it(
    'acting anywhere (even making a scripted action impossible) then saving anywhere gives a file that loads and plays the same, past the end too',
    () => {
      fc.assert(
        fc.property(lessonArb, ({ id, played, forkAt, kind, value, later, saveAt }) => {
          const session = new Session(builtin(id));
          session.goTo(played);
          session.seek(forkAt * played);
          tryApply(session, actionOn(session, kind, value));
          session.goTo(session.now + later);
          const end = session.end;
          session.seek(saveAt * end);
          const saved = session.save()!;
          const replay = new Session(parseScenario(JSON.stringify(saved)));
          for (const t of [end, end + 20_000]) {
            replay.goTo(t);
            session.goTo(t);
            expect(moment(replay.sim)).toEqual(moment(session.sim));
          }
          expect(notForks(replay.markers())).toEqual(notForks(session.markers()));
        }),
        { ...RUNS, numRuns: 25 },
      );
    },
    TIMEOUT,
  );
});

describe('Session: stepping', () => {
  const stepArb = labArb().chain((lab) =>
    fc.record({ lab: fc.constant(lab), from: timeIn(lab.end) }),
  );

  it(
    'stepEvent(1) moves on exactly when the trace grows; stepEvent(1) then stepEvent(-1) from an event time returns to it',
    () => {
      fc.assert(
        fc.property(stepArb, ({ lab, from }) => {
          const { session } = playLive(lab.scenario, lab.actions, lab.end, lab.options);
          session.seek(from);
          const before = session.sim.traceLength();
          const moved = session.stepEvent(1);
          expect(session.sim.traceLength() !== before).toBe(moved);
          if (!moved) return;
          expect(session.now).toBeGreaterThan(from);

          // Now at an event time (a person's action's time included).
          const t0 = session.now;
          const at0 = moment(session.sim);
          expect(session.stepEvent(1)).toBe(true);
          const t1 = session.now;
          const at1 = moment(session.sim);
          expect(t1).toBeGreaterThan(t0);
          expect(at1.length).toBeGreaterThan(at0.length);

          expect(session.stepEvent(-1)).toBe(true);
          expect(session.now).toBe(t0);
          expect(moment(session.sim)).toEqual(at0);
          expect(session.stepEvent(1)).toBe(true);
          expect(session.now).toBe(t1);
          expect(moment(session.sim)).toEqual(at1);
        }),
        RUNS,
      );
    },
    TIMEOUT,
  );

  it(
    'stepEvent lands on moments a straight run shows',
    () => {
      fc.assert(
        fc.property(stepArb, ({ lab, from }) => {
          const { session, accepted } = playLive(lab.scenario, lab.actions, lab.end, lab.options);
          session.seek(from);
          const visited: number[] = [];
          const hashes: string[] = [];
          for (const direction of [1, 1, -1, 1, -1, -1] as const) {
            if (!session.stepEvent(direction)) continue;
            visited.push(session.now);
            hashes.push(session.sim.traceHash());
          }
          const expected = straightMoments(lab.config, accepted, visited);
          visited.forEach((t, i) => expect(hashes[i]).toBe(expected.get(t)!.hash));
        }),
        { ...RUNS, numRuns: 25 },
      );
    },
    TIMEOUT,
  );

  /** A join at 1.5 s: what it sets off at that instant completes the rebalance at once. */
  function joinAt1500(): Session {
    const session = new Session(
      labScenario({
        seed: 1,
        topics: [{ name: TOPIC, partitions: 2 }],
        producers: [{ id: 'p', topic: TOPIC, ratePerSec: 1 }],
        apps: [{ id: 'app', topics: [TOPIC], instances: 1 }],
      }),
    );
    session.goTo(1500);
    session.apply({ type: 'addConsumer', appId: 'app' });
    return session;
  }

  it('a moment has one state: right after acting, seek(now) and a seek from elsewhere show it unchanged', () => {
    const session = joinAt1500();
    const acted = moment(session.sim);
    session.seek(session.now);
    expect(moment(session.sim)).toEqual(acted);
    session.goTo(session.now);
    expect(moment(session.sim)).toEqual(acted);
    session.goTo(4000);
    session.seek(1500);
    expect(moment(session.sim)).toEqual(acted);
    session.seek(0);
    session.goTo(1500);
    expect(moment(session.sim)).toEqual(acted);
  });

  it('right after acting, stepEvent(1) moves the clock on, and stepEvent(-1) comes back to the action', () => {
    const session = joinAt1500();
    const acted = moment(session.sim);
    expect(session.stepEvent(1)).toBe(true);
    expect(session.now).toBeGreaterThan(1500);
    expect(session.stepEvent(-1)).toBe(true);
    expect(session.now).toBe(1500);
    expect(moment(session.sim)).toEqual(acted);
  });

  it(
    'stepTick moves exactly TICK_MS back or forward, and back stops at the start',
    () => {
      fc.assert(
        fc.property(stepArb, ({ lab, from }) => {
          const { session, accepted } = playLive(lab.scenario, lab.actions, lab.end, lab.options);
          session.seek(from);
          session.stepTick(-1);
          const back = from >= TICK_MS ? from - TICK_MS : 0;
          expect(session.now).toBe(back);
          session.stepTick(1);
          expect(session.now).toBe(back + TICK_MS);
          const expected = straightMoments(lab.config, accepted, [back, back + TICK_MS]);
          expect(moment(session.sim)).toEqual(expected.get(back + TICK_MS));
          session.stepTick(-1);
          expect(session.now).toBe(back);
          expect(moment(session.sim)).toEqual(expected.get(back));
        }),
        RUNS,
      );
    },
    TIMEOUT,
  );

  it('stepEvent(-1) at the start and stepEvent(1) when nothing ever happens return false', () => {
    const quiet = new Session(
      labScenario({ topics: [{ name: 'idle', partitions: 2 }], producers: [], apps: [] }),
    );
    expect(quiet.stepEvent(-1)).toBe(false);
    expect(quiet.now).toBe(0);
    const length = quiet.sim.traceLength();
    expect(quiet.stepEvent(1)).toBe(false);
    expect(quiet.sim.traceLength()).toBe(length);
  });
});

describe('Session: markers', () => {
  const config = {
    seed: 5,
    topics: [{ name: TOPIC, partitions: 4 }],
    producers: [
      { id: 'p0', topic: TOPIC, ratePerSec: 60, keys: { mode: 'keyed' as const, count: 10 } },
    ],
    apps: [{ id: 'app0', topics: [TOPIC], instances: 2, processingMs: 5 }],
  };
  const actions: TimedAction[] = [
    { at: 5000, action: { type: 'addPartitions', topic: TOPIC, partitions: 6 } },
    { at: 14_000, action: { type: 'updateApp', appId: 'app0', changes: { instances: 3 } } },
    { at: 22_000, action: { type: 'updateApp', appId: 'app0', changes: { instances: 1 } } },
  ];
  const end = 30_000;

  function rebalances(markers: readonly Marker[]): number[] {
    return markers.filter((m) => m.kind === 'rebalance').map((m) => m.at);
  }

  it('partition and instance changes give rebalance markers at plausible times, in order, up to the end', () => {
    const { session, accepted } = playLive(labScenario(config), actions, end);
    expect(accepted).toHaveLength(3);
    const markers = session.markers();
    const times = markers.map((m) => m.at);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    for (const t of times) {
      expect(t).toBeGreaterThanOrEqual(0);
      expect(t).toBeLessThanOrEqual(end);
    }
    const r = rebalances(markers);
    // Added partitions: noticed at the group's next metadata refresh.
    expect(r.some((t) => t >= 5000 && t <= 5000 + 5000)).toBe(true);
    // A join and a leave: the coordinator starts a rebalance at once.
    expect(r).toContain(14_000);
    expect(r).toContain(22_000);
    expect(r.every((t) => t > 0)).toBe(true);
    for (const m of markers.filter((x) => x.kind === 'rebalance'))
      expect(m.label).toMatch(/^app0 rebalance: /);
  });

  it('jumpToMarker moves to the next and previous marker of the kinds asked', () => {
    const { session } = playLive(labScenario(config), actions, end);
    const r = rebalances(session.markers());
    session.seek(0);
    for (const t of r) {
      expect(session.jumpToMarker(1, ['rebalance'])).toBe(true);
      expect(session.now).toBe(t);
    }
    expect(session.jumpToMarker(1, ['rebalance'])).toBe(false);
    expect(session.now).toBe(r[r.length - 1]);
    session.seek(end);
    for (const t of [...r].reverse()) {
      expect(session.jumpToMarker(-1, ['rebalance'])).toBe(true);
      expect(session.now).toBe(t);
    }
    expect(session.jumpToMarker(-1, ['rebalance'])).toBe(false);
    expect(session.jumpToMarker(-1, ['fork'])).toBe(false);
  });

  it('narration steps of a built-in lesson are step markers, and jumpToMarker walks them', () => {
    const scenario = builtin('same-key-same-partition');
    const session = new Session(scenario);
    const steps = session.markers().filter((m) => m.kind === 'step');
    expect(steps).toEqual(
      scenario.steps.map((s, i) => ({
        at: s.at,
        kind: 'step',
        label: `Step ${i + 1}: ${s.caption}`,
      })),
    );
    for (const s of scenario.steps.slice(1)) {
      expect(session.jumpToMarker(1, ['step'])).toBe(true);
      expect(session.now).toBe(s.at);
      expect(scenario.steps[session.stepIndex]).toBe(s);
    }
    expect(session.jumpToMarker(1, ['step'])).toBe(false);
    expect(session.jumpToMarker(-1, ['step'])).toBe(true);
    expect(session.now).toBe(scenario.steps[scenario.steps.length - 2]!.at);
  });

  it('a fork is a fork marker; its rebalance markers after it go, and undo brings them back', () => {
    const { session } = playLive(labScenario(config), actions, end);
    const before = session.markers();
    session.seek(10_000);
    session.apply({ type: 'updateProducer', producerId: 'p0', changes: { ratePerSec: 10 } });
    const markers = session.markers();
    expect(markers.filter((m) => m.kind === 'fork')).toEqual([
      { at: 10_000, kind: 'fork', label: 'You changed the past here' },
    ]);
    expect(notForks(markers)).toEqual(before.filter((m) => m.at <= 10_000));
    session.goTo(20_000);
    expect(session.jumpToMarker(-1, ['fork'])).toBe(true);
    expect(session.now).toBe(10_000);
    expect(session.undoFork()).toBe(true);
    expect(session.markers()).toEqual(before);
  });
});

describe('Session: checkpoint memory is bounded', () => {
  const limitsArb = labArb({ maxActions: 4 }).chain((lab) =>
    fc.record({
      lab: fc.constant(lab),
      budgetBytes: fc.integer({ min: 20_000, max: 3_000_000 }),
      length: fc.integer({ min: 20_000, max: 40_000 }),
      seeks: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 4 }),
    }),
  );

  it(
    'with a tiny budget the checkpoints stay under it (or one is left), spacing doubles, and seeking still shows the straight run',
    () => {
      fc.assert(
        fc.property(limitsArb, ({ lab, budgetBytes, length, seeks }) => {
          const limits = { budgetBytes, maxCount: 8, firstSpacingMs: 100 };
          const end = Math.max(lab.end, length);
          const session = new Session(lab.scenario, { checkpoints: limits });
          const accepted: TimedAction[] = [];
          let next = 0;
          for (let t = 1000; t <= end; t += 1000) {
            while (next < lab.actions.length && lab.actions[next]!.at <= t) {
              const entry = lab.actions[next++]!;
              session.goTo(entry.at);
              if (tryApply(session, entry.action)) accepted.push(entry);
            }
            session.goTo(t);
            const stats = session.checkpointStats;
            expect(stats.count).toBeLessThanOrEqual(8);
            expect(stats.bytes <= budgetBytes || stats.count === 1).toBe(true);
            expect(stats.count).toBeLessThanOrEqual(Math.floor(session.end / stats.spacingMs) + 1);
            const doublings = Math.log2(stats.spacingMs / 100);
            expect(Number.isInteger(doublings)).toBe(true);
          }
          session.goTo(end);
          expect(session.checkpointStats.spacingMs).toBeGreaterThan(100);
          const times = seeks.map((f) => f * end);
          const expected = straightMoments(lab.config, accepted, [...times, end]);
          for (const t of times) {
            session.seek(t);
            expect(moment(session.sim)).toEqual(expected.get(t));
          }
          session.goTo(end);
          expect(moment(session.sim)).toEqual(expected.get(end));
        }),
        { ...RUNS, numRuns: 20 },
      );
    },
    TIMEOUT,
  );

  it('by default a checkpoint is kept every second', () => {
    const session = new Session(labScenario(defaultConfig()));
    session.goTo(10_000);
    expect(session.checkpointStats.spacingMs).toBe(1000);
    expect(session.checkpointStats.count).toBe(11);
    expect(session.checkpointStats.bytes).toBeGreaterThan(0);
  });

  it('a budget smaller than one checkpoint keeps only the origin and still seeks right', () => {
    const config = defaultConfig();
    const session = new Session(labScenario(config), {
      checkpoints: { budgetBytes: 1, maxCount: 8, firstSpacingMs: 100 },
    });
    session.goTo(20_000);
    expect(session.checkpointStats.count).toBe(1);
    session.seek(12_345);
    expect(session.sim.traceHash()).toBe(straightRun(config, [], 12_345).traceHash());
  });
});

describe('Session: a person’s action log is bounded', () => {
  it('past MAX_LOGGED_ACTIONS the moment becomes the start: history goes, the run goes on unchanged', () => {
    const config = defaultConfig();
    const session = new Session(labScenario(config));
    const accepted: TimedAction[] = [];
    for (let i = 0; i <= MAX_LOGGED_ACTIONS; i++) {
      session.goTo(i);
      const action: Action = {
        type: 'updateProducer',
        producerId: 'producer-1',
        changes: { ratePerSec: 4 + (i % 7) },
      };
      session.apply(action);
      accepted.push({ at: i, action });
    }
    expect(session.start).toBe(MAX_LOGGED_ACTIONS);
    expect(session.recordable).toBe(false);
    expect(session.save()).toBeNull();
    session.goTo(20_000);
    session.seek(0);
    expect(session.now).toBe(MAX_LOGGED_ACTIONS);
    session.goTo(15_000);
    expect(session.sim.traceHash()).toBe(straightRun(config, accepted, 15_000).traceHash());
  });
});

describe('Session: the beforeAction hook', () => {
  it('runs once per scripted action on a branch, not again on replays after jumps or saves', () => {
    const seen: number[] = [];
    const session = new Session(builtin('adding-partitions-breaks-ordering'), {
      beforeAction: (entry) => seen.push(entry.at),
    });
    session.goTo(30_000);
    expect(seen).toEqual([20_000]);
    session.seek(5_000);
    session.goTo(30_000);
    session.save();
    expect(seen).toEqual([20_000]);
    session.advance(10_000);
    expect(seen).toEqual([20_000]);
  });
});

describe('Session: found in review', () => {
  const joinLab = () =>
    labScenario({
      seed: 1,
      topics: [{ name: TOPIC, partitions: 2 }],
      producers: [{ id: 'p', topic: TOPIC, ratePerSec: 5 }],
      apps: [{ id: 'app', topics: [TOPIC], instances: 1 }],
    });

  it('undoing a fork also removes the markers the forking action set at its instant', () => {
    const session = new Session(joinLab());
    session.goTo(10_000);
    const before = session.markers().filter((m) => m.kind === 'rebalance');
    session.seek(4_000);
    session.apply({ type: 'addConsumer', appId: 'app' });
    expect(session.markers().some((m) => m.kind === 'rebalance' && m.at === 4_000)).toBe(true);
    session.undoFork();
    expect(session.markers().filter((m) => m.kind === 'rebalance')).toEqual(before);
  });

  it('a session whose actions and script would not fit one file says so (save is null)', () => {
    const session = new Session(builtin('same-key-same-partition'));
    const room = 10_000 - session.scenario.timeline.length;
    for (let i = 0; i < room; i++) {
      session.apply({ type: 'produce', topic: 'user-events', key: 'k' });
    }
    expect(session.save()).not.toBeNull();
    session.apply({ type: 'produce', topic: 'user-events', key: 'k' });
    expect(session.recordable).toBe(false);
    expect(session.save()).toBeNull();
  });

  it('"next event" in a lab where nothing happens stays where it was', () => {
    const session = new Session(labScenario({ seed: 1, topics: [{ name: TOPIC }] }));
    session.goTo(2_000);
    const hash = session.sim.traceHash();
    expect(session.stepEvent(1)).toBe(false);
    expect(session.now).toBe(2_000);
    expect(session.sim.traceHash()).toBe(hash);
  });
});
