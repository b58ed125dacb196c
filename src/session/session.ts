/**
 * A session: a scenario played with time travel. It keeps the person's
 * actions with their simulated times and checkpoints of the simulation, so
 * any moment already played can be shown again exactly (restore the nearest
 * checkpoint, re-simulate deterministically), and acting in the past forks
 * the future (with an undo). It saves as a scenario file that replays it.
 * Pure: the browser store, the headless runner and the tests share it.
 */
import {
  createSimulation,
  SimulationError,
  type Action,
  type EngineOptions,
  type Simulation,
  type SimulationConfigInput,
} from '../model/index';
import {
  MAX_DURATION_MS,
  MAX_TIMELINE,
  SCHEMA_VERSION,
  type ScenarioFileV2,
} from '../scenarios/schema';
import type { Scenario } from '../scenarios/validate';
import { Checkpoints, type CheckpointLimits, type CheckpointStats } from './checkpoints';
import { MarkerLog, type Marker, type MarkerKind } from './markers';

/** A person's actions a session keeps; past it, the history before is dropped. */
export const MAX_LOGGED_ACTIONS = 10_000;
/** One tick of the timeline's step buttons (simulated ms). */
export const TICK_MS = 100;
/** Forks that can be undone, newest first. */
export const MAX_UNDO = 20;
/** Longest stretch simulated without taking the model's notices (keeps its queue small). */
const MAX_CHUNK_MS = 1000;
/** How far "next event" looks before giving up (a run where nothing happens). */
const EVENT_SEARCH_MS = 60_000;

export interface TimedAction {
  readonly at: number;
  readonly action: Action;
}

export interface SessionOptions {
  readonly checkpoints?: CheckpointLimits;
  /** How the engine runs (tests compare batched consumption with one timer per record). */
  readonly engine?: EngineOptions;
  /** A person's actions already taken (an opened share link): played as they were recorded. */
  readonly log?: readonly TimedAction[];
  /**
   * Called just before a scripted action applies for the first time on this
   * branch (not on replays after a jump): the headless runner's key-move report.
   */
  readonly beforeAction?: (entry: TimedAction, sim: Simulation) => void;
}

interface ForkUndo {
  readonly at: number;
  /** Markers of the old branch up to the fork (the forking action's come after). */
  readonly markersKept: number;
  /** Log length of the old branch up to the fork. */
  readonly kept: number;
  readonly discarded: TimedAction[];
  readonly end: number;
  readonly markers: Marker[];
  readonly forks: number[];
  readonly failed: Set<number>;
}

export class Session {
  private current: Simulation;
  private scriptNext = 0;
  private logNext = 0;
  private readonly log: TimedAction[] = [];
  /** The furthest moment simulated on this branch. */
  private head = -1;
  /** The earliest moment that can be shown (0 unless history was dropped). */
  private origin = 0;
  private readonly checkpoints: Checkpoints;
  private readonly markerLog = new MarkerLog();
  private forkTimes: number[] = [];
  private forkRevision = 0;
  private undos: ForkUndo[] = [];
  /** Scripted actions (by index) that the model refused on this branch. */
  private failed = new Set<number>();
  private readonly beforeAction: SessionOptions['beforeAction'];

  constructor(
    readonly scenario: Scenario,
    options: SessionOptions = {},
  ) {
    this.beforeAction = options.beforeAction;
    this.current = createSimulation(scenario.config, options.engine);
    this.checkpoints = new Checkpoints(0, options.checkpoints);
    // The start is the setup itself: built again from it if a jump ever goes back there, not
    // copied now (a large setup's copy costs as much as building it, before the first frame).
    this.checkpoints.addLazyOrigin({ script: 0, log: 0 }, () =>
      createSimulation(scenario.config, options.engine),
    );
    if (options.log) this.log.push(...options.log.slice(0, MAX_LOGGED_ACTIONS));
    this.runTo(0);
  }

  /** The simulation at the moment shown (a new object after a jump back). */
  get sim(): Simulation {
    return this.current;
  }

  get now(): number {
    return this.current.now;
  }

  /** The furthest moment played on this branch: the timeline's end. */
  get end(): number {
    return this.head;
  }

  /** The earliest moment the timeline can show. */
  get start(): number {
    return this.origin;
  }

  /** Where people acted in the past and forked the future, on this branch. */
  get forks(): readonly number[] {
    return this.forkTimes;
  }

  get canUndoFork(): boolean {
    return this.undos.length > 0;
  }

  /** Whether the session can still be saved or shared whole (as a file that loads). */
  get recordable(): boolean {
    return (
      this.origin === 0 &&
      this.head <= MAX_DURATION_MS &&
      this.log.length + this.scenario.timeline.length <= MAX_TIMELINE
    );
  }

  /** The narration step in effect: the last one whose time has come (-1 before the first). */
  get stepIndex(): number {
    const steps = this.scenario.steps;
    let i = -1;
    while (i + 1 < steps.length && steps[i + 1]!.at <= this.current.now) i++;
    return i;
  }

  /** Whether the scenario's own duration has been played. */
  get finished(): boolean {
    return this.current.now >= this.scenario.durationMs;
  }

  get checkpointStats(): CheckpointStats {
    return this.checkpoints.stats;
  }

  /** Changes whenever the markers do (a sum of two counters that only grow). */
  get markerRevision(): number {
    return this.markerLog.revision + this.forkRevision;
  }

  /** Every marker on this branch, in time order: notices, narration steps, forks. */
  markers(): Marker[] {
    const steps: Marker[] = this.scenario.steps.map((s, i) => ({
      at: s.at,
      kind: 'step',
      label: `Step ${i + 1}: ${s.caption}`,
    }));
    const forks: Marker[] = this.forkTimes.map((at) => ({
      at,
      kind: 'fork',
      label: 'You changed the past here',
    }));
    return [...this.markerLog.markers, ...steps, ...forks].sort((a, b) => a.at - b.at);
  }

  /** Plays `ms` on: replays this branch's actions where it was played, extends it past its end. */
  advance(ms: number): void {
    this.runTo(this.current.now + ms);
  }

  /** A person's action, now. Throws the model's SimulationError when rejected (nothing changes). */
  apply(action: Action): void {
    const sim = this.current;
    // An action sees the world after everything due at its instant, and what it sets
    // off at that instant runs at once: replay does the same (see runTo).
    sim.advanceTo(sim.now);
    sim.apply(action);
    const now = sim.now;
    sim.advanceTo(now);
    if (now < this.head) this.forkAt(now);
    this.head = now;
    this.markerLog.add(sim.takeNotices(), -Infinity);
    if (this.log.length >= MAX_LOGGED_ACTIONS) {
      // The action is part of the new origin's checkpoint, so it is not logged.
      this.rebase();
      return;
    }
    this.log.push({ at: now, action });
    this.logNext = this.log.length;
  }

  /** Shows moment `t` of this branch (clamped to its start and end). */
  seek(t: number): void {
    const target = Math.min(Math.max(t, this.origin), this.head);
    const now = this.current.now;
    if (target >= now && target - now <= this.checkpoints.spacingMs) {
      this.runTo(target);
      return;
    }
    this.restore(target);
    this.runTo(target);
  }

  /** Goes to `t`: a seek within the branch, playing on past its end. */
  goTo(t: number): void {
    if (t <= this.head) {
      this.seek(t);
      return;
    }
    this.seek(this.head);
    this.runTo(t);
  }

  /** Moves one tick (TICK_MS) back or forward. */
  stepTick(direction: 1 | -1): void {
    this.goTo(Math.max(this.origin, this.current.now + direction * TICK_MS));
  }

  /**
   * Moves to the next moment something happens (a record produced,
   * processed or committed, a rebalance, an action), or back to the state
   * just before the latest such moment. False when there is none.
   */
  stepEvent(direction: 1 | -1): boolean {
    return direction > 0 ? this.nextEvent() : this.previousEvent();
  }

  /** Jumps to the previous or next marker (of `kinds`, or any). False when there is none. */
  jumpToMarker(direction: 1 | -1, kinds?: readonly MarkerKind[]): boolean {
    const now = this.current.now;
    const list = this.markers().filter((m) => !kinds || kinds.includes(m.kind));
    const target =
      direction > 0
        ? list.find((m) => m.at > now)
        : [...list].reverse().find((m) => m.at < now && m.at >= this.origin);
    if (!target) return false;
    this.goTo(target.at);
    return true;
  }

  /** Puts back the future the last fork discarded, and shows the fork's moment on it. */
  undoFork(): boolean {
    const u = this.undos.pop();
    if (!u) return false;
    this.log.length = u.kept;
    this.log.push(...u.discarded);
    this.head = u.end;
    this.markerLog.truncate(u.markersKept);
    this.markerLog.restore(u.markers);
    this.forkTimes = u.forks;
    this.forkRevision++;
    this.failed = u.failed;
    this.checkpoints.dropAfter(u.at);
    this.restore(u.at);
    this.runTo(u.at);
    return true;
  }

  /**
   * The branch as a scenario file: the same start, seed and narration, every
   * action applied up to its end at its time, then the script's actions still
   * to come. Null once history was dropped or past a day.
   */
  save(): ScenarioFileV2 | null {
    return this.record()?.file ?? null;
  }

  /**
   * `save()`, plus which of the file's timeline entries are a person's
   * actions (a share link keeps them apart from the script, so that whoever
   * opens it and acts in the past forks them away as here).
   */
  record(): { readonly file: ScenarioFileV2; readonly recorded: readonly number[] } | null {
    if (!this.recordable) return null;
    const { seed, ...config } = this.scenario.config;
    void seed;
    const s = this.scenario;
    const script = s.timeline;
    const refused = this.refusedAfterEnd();
    const timeline: TimedAction[] = [];
    const recorded: number[] = [];
    let i = 0;
    // Scripted actions go first at equal times: that is the order they applied in.
    for (const entry of this.log) {
      while (i < script.length && script[i]!.at <= entry.at) {
        this.keepScripted(i++, timeline, refused);
      }
      recorded.push(timeline.length);
      timeline.push(entry);
    }
    while (i < script.length) this.keepScripted(i++, timeline, refused);
    const file: ScenarioFileV2 = {
      schemaVersion: SCHEMA_VERSION,
      id: s.id,
      title: s.title,
      summary: s.summary,
      seed: s.seed,
      config: config as Record<string, unknown>,
      durationMs: Math.max(s.durationMs, Math.ceil(this.head)),
      steps: s.steps.map((x) => ({ ...x, highlight: [...x.highlight] })),
      timeline: timeline.map((x) => ({
        at: x.at,
        action: x.action as unknown as Record<string, unknown>,
      })),
    };
    return { file, recorded };
  }

  // ---- internals ------------------------------------------------------------

  /** Continues from a copy of the latest checkpoint at or before `t`. */
  private restore(t: number): void {
    const checkpoint = this.checkpoints.latestAtOrBefore(t)!;
    this.current = checkpoint.sim.fork();
    this.scriptNext = checkpoint.cursors.script;
    this.logNext = checkpoint.cursors.log;
  }

  private keepScripted(i: number, into: TimedAction[], refused: ReadonlySet<number>): void {
    if (!this.failed.has(i) && !refused.has(i)) into.push(this.scenario.timeline[i]!);
  }

  /**
   * Scripted actions after the end that this branch makes impossible (a fork
   * added more partitions than the script's later addPartitions): tried on a
   * scratch copy of the end, so a saved file passes its own validator.
   */
  private refusedAfterEnd(): Set<number> {
    const refused = new Set<number>();
    const script = this.scenario.timeline;
    let i = script.findIndex((e) => e.at > this.head);
    if (i < 0) return refused;
    const shown = { sim: this.current, script: this.scriptNext, log: this.logNext };
    this.restore(this.head);
    this.runTo(this.head);
    const scratch = this.current;
    this.current = shown.sim;
    this.scriptNext = shown.script;
    this.logNext = shown.log;
    for (; i < script.length; i++) {
      const entry = script[i]!;
      scratch.advanceTo(entry.at);
      try {
        scratch.apply(entry.action);
      } catch (e) {
        if (!(e instanceof SimulationError)) throw e;
        refused.add(i);
      }
    }
    return refused;
  }

  /**
   * Runs to `target`, applying scripted then logged actions at their exact
   * times, taking the checkpoints due on the way (before the actions of their
   * instant) and turning notices into markers where the branch is new.
   */
  private runTo(target: number): void {
    const sim = this.current;
    const script = this.scenario.timeline;
    const log = this.log;
    const known = this.head;
    for (;;) {
      const now = sim.now;
      const grid = this.checkpoints.gridAfter(now);
      const stop = Math.min(
        target,
        grid,
        now + MAX_CHUNK_MS,
        this.scriptNext < script.length ? script[this.scriptNext]!.at : Infinity,
        this.logNext < log.length ? log[this.logNext]!.at : Infinity,
      );
      sim.advanceTo(stop);
      this.markerLog.add(sim.takeNotices(), known);
      if (stop === grid && !this.checkpoints.has(grid)) {
        this.checkpoints.add(sim, { script: this.scriptNext, log: this.logNext });
      }
      // Each action sees the world after everything due at its instant, including
      // what the action before it set off then.
      while (this.scriptNext < script.length && script[this.scriptNext]!.at <= stop) {
        sim.advanceTo(stop);
        this.applyScripted(this.scriptNext++, stop > known);
      }
      while (this.logNext < log.length && log[this.logNext]!.at <= stop) {
        sim.advanceTo(stop);
        this.applyLogged(log[this.logNext++]!);
      }
      // What the actions set off at this instant runs now: a moment has one state.
      sim.advanceTo(stop);
      this.markerLog.add(sim.takeNotices(), known);
      if (stop >= target) break;
    }
    if (sim.now > this.head) this.head = sim.now;
  }

  private applyScripted(i: number, firstTime: boolean): void {
    const entry = this.scenario.timeline[i]!;
    if (firstTime) this.beforeAction?.(entry, this.current);
    try {
      this.current.apply(entry.action);
      this.failed.delete(i);
    } catch (e) {
      // Validated by a dry run; only a person's earlier action can make it fail: skipped.
      if (!(e instanceof SimulationError)) throw e;
      this.failed.add(i);
    }
  }

  /**
   * A person's action again. It applied when it was taken and the model is
   * deterministic, so it applies again; one that does not (only a hand-made
   * link can hold such) is skipped, as it was refused then.
   */
  private applyLogged(entry: TimedAction): void {
    try {
      this.current.apply(entry.action);
    } catch (e) {
      if (!(e instanceof SimulationError)) throw e;
    }
  }

  private nextActionAt(): number {
    const script = this.scenario.timeline;
    return Math.min(
      this.scriptNext < script.length ? script[this.scriptNext]!.at : Infinity,
      this.logNext < this.log.length ? this.log[this.logNext]!.at : Infinity,
    );
  }

  private nextEvent(): boolean {
    const sim = this.current;
    const from = sim.now;
    const limit = from + EVENT_SEARCH_MS;
    const before = sim.traceLength();
    while (sim.now < limit) {
      this.runTo(Math.min(sim.nextEventAt(), this.nextActionAt(), limit));
      if (sim.traceLength() !== before) return true;
    }
    // Nothing happens for a minute: stay where it was (the branch keeps the minute it played).
    this.seek(from);
    return false;
  }

  private previousEvent(): boolean {
    const target = this.current.now;
    for (let window = 1000; ; window *= 4) {
      const from = Math.max(this.origin, target - window);
      this.seek(from);
      // Moments in (from, target] where something happened.
      const changes: number[] = [];
      let length = this.current.traceLength();
      while (this.current.now < target) {
        this.runTo(Math.min(this.current.nextEventAt(), this.nextActionAt(), target));
        const l = this.current.traceLength();
        if (l !== length) {
          changes.push(this.current.now);
          length = l;
        }
      }
      // The latest change is what the moment shown already includes: go to before it.
      if (changes.length >= 2) {
        this.seek(changes[changes.length - 2]!);
        return true;
      }
      if (from === this.origin) {
        this.seek(changes.length === 1 ? from : target);
        return changes.length === 1;
      }
    }
  }

  /** Acting at `t` before the branch's end: the later actions, markers and checkpoints go. */
  private forkAt(t: number): void {
    const cut = this.log.findIndex((e) => e.at > t);
    const discarded = cut < 0 ? [] : this.log.splice(cut);
    const markers = this.markerLog.cut(t);
    this.undos.push({
      at: t,
      markersKept: this.markerLog.markers.length,
      kept: this.log.length,
      discarded,
      end: this.head,
      markers,
      forks: this.forkTimes,
      failed: new Set(this.failed),
    });
    if (this.undos.length > MAX_UNDO) this.undos.shift();
    this.forkTimes = [...this.forkTimes.filter((f) => f <= t), t];
    this.forkRevision++;
    for (const i of this.failed) if (this.scenario.timeline[i]!.at > t) this.failed.delete(i);
    this.checkpoints.dropAfter(t);
    this.head = t;
  }

  /** Too many actions: the moment now becomes the timeline's start; what came before goes. */
  private rebase(): void {
    this.log.length = 0;
    this.logNext = 0;
    this.origin = this.current.now;
    this.undos = [];
    this.forkTimes = [];
    this.forkRevision++;
    this.markerLog.clear();
    this.checkpoints.rebase(this.current, { script: this.scriptNext, log: 0 });
  }
}

/** A free lab: a scenario with a setup and nothing scripted. */
export function labScenario(config: SimulationConfigInput): Scenario {
  const { seed = 1, ...rest } = config;
  return {
    schemaVersion: SCHEMA_VERSION,
    id: 'lab',
    title: 'Free lab',
    summary: 'Drag the sliders and watch records flow, lanes grow and lag climb.',
    seed,
    config: { ...rest, seed },
    durationMs: 3_600_000,
    steps: [],
    timeline: [],
  };
}
