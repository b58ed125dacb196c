/**
 * Plays a scenario: a simulation plus its timeline, applied at the exact
 * simulated times, plus a record of every action applied (the timeline's and
 * a person's), so the session can be saved as a scenario that replays it.
 * Pure: the browser store and the headless runner use this same code.
 */
import {
  createSimulation,
  type Action,
  type Simulation,
  type SimulationConfigInput,
} from '../model/index';
import { MAX_DURATION_MS, SCHEMA_VERSION, type ScenarioFileV2 } from './schema';
import type { Scenario } from './validate';

/** Recorded actions kept for "save"; past this the session is too long to save whole. */
export const MAX_RECORDED_ACTIONS = 10_000;

export interface TimedAction {
  readonly at: number;
  readonly action: Action;
}

export class ScenarioRun {
  readonly sim: Simulation;
  private next = 0;
  /** Time only moves forward in a run, so the step index only grows (kept, not searched). */
  private step = -1;
  private readonly recorded: TimedAction[] = [];
  private overflow = false;

  constructor(
    readonly scenario: Scenario,
    /** Called just before each timeline action applies (the headless runner's key-move report). */
    private readonly beforeAction?: (entry: TimedAction, sim: Simulation) => void,
  ) {
    this.sim = createSimulation(scenario.config);
    this.advance(0);
  }

  get now(): number {
    return this.sim.now;
  }

  /** The narration step in effect: the last one whose time has come (-1 before the first). */
  get stepIndex(): number {
    return this.step;
  }

  /** Whether the scenario's own duration has been played. */
  get finished(): boolean {
    return this.sim.now >= this.scenario.durationMs;
  }

  /** Runs `ms` of simulated time, applying each timeline action at its time. */
  advance(ms: number): void {
    const target = this.sim.now + ms;
    const timeline = this.scenario.timeline;
    while (this.next < timeline.length && timeline[this.next]!.at <= target) {
      const entry = timeline[this.next++]!;
      this.sim.advance(entry.at - this.sim.now);
      this.beforeAction?.(entry, this.sim);
      // Validated by a dry run; a scenario action that still fails is skipped, not fatal.
      try {
        this.sim.apply(entry.action);
        this.record(entry.action);
      } catch {
        /* the dry run proved it applies; only a person's earlier action can make it fail */
      }
    }
    this.sim.advance(target - this.sim.now);
    const steps = this.scenario.steps;
    while (this.step + 1 < steps.length && steps[this.step + 1]!.at <= this.sim.now) this.step++;
  }

  /** A person's action, now. Throws the model's SimulationError when rejected. */
  apply(action: Action): void {
    this.sim.apply(action);
    this.record(action);
  }

  private record(action: Action): void {
    if (this.recorded.length >= MAX_RECORDED_ACTIONS) {
      this.overflow = true;
      return;
    }
    this.recorded.push({ at: this.sim.now, action });
  }

  /**
   * The session as a scenario file: the same start, seed and narration,
   * every action applied so far at its time, and the script's actions still
   * to come. Null when too many were applied or it ran past a day.
   */
  save(): ScenarioFileV2 | null {
    if (this.overflow || this.sim.now > MAX_DURATION_MS) return null;
    const { seed, ...config } = this.scenario.config;
    void seed;
    const s = this.scenario;
    return {
      schemaVersion: SCHEMA_VERSION,
      id: s.id,
      title: s.title,
      summary: s.summary,
      seed: s.seed,
      config: config as Record<string, unknown>,
      durationMs: Math.max(s.durationMs, Math.ceil(this.sim.now)),
      steps: s.steps.map((x) => ({ ...x, highlight: [...x.highlight] })),
      // What happened so far, then the part of the script still to come.
      timeline: [...this.recorded, ...s.timeline.slice(this.next)].map((x) => ({
        at: x.at,
        action: x.action as unknown as Record<string, unknown>,
      })),
    };
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
