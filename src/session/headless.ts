/**
 * Plays a scenario without a page and reports its metrics over time: what
 * `npm run scenario` prints and what the scenario tests assert on.
 */
import type { GroupCounters, Snapshot } from '../model/index';
import { Session } from './session';
import type { Scenario } from '../scenarios/validate';

export interface GroupSample {
  readonly groupId: string;
  readonly state: string;
  readonly members: number;
  /** Total lag (null: no committed offset anywhere yet, shown as "-"). */
  readonly lag: number | null;
  readonly maxTimeLagMs: number | null;
  readonly counters: GroupCounters;
}

export interface Sample {
  readonly at: number;
  /** The narration step in effect (-1 before the first). */
  readonly step: number;
  readonly produced: number;
  readonly groups: readonly GroupSample[];
  /** Records each running app processed so far (a shared groupId splits them). */
  readonly apps: Readonly<Record<string, number>>;
}

/** Keys that moved partition when partitions were added (computed by the model). */
export interface KeyMove {
  readonly at: number;
  readonly topic: string;
  readonly from: number;
  readonly to: number;
  readonly keys: number;
  readonly movedKeys: readonly string[];
}

export interface Report {
  readonly id: string;
  readonly title: string;
  readonly untilMs: number;
  readonly samples: readonly Sample[];
  readonly keyMoves: readonly KeyMove[];
  /** Per group: keys processed out of production order, with counts. */
  readonly violationsByKey: Readonly<Record<string, Readonly<Record<string, number>>>>;
  readonly traceHash: string;
  /** The final state, for assertions beyond the samples. */
  readonly final: Snapshot;
}

export interface RunOptions {
  /** How long to play (default: the scenario's duration). */
  readonly untilMs?: number;
  /** Sample interval (default: a twentieth of the run, at least 100 ms). */
  readonly everyMs?: number;
}

export function runScenario(scenario: Scenario, options: RunOptions = {}): Report {
  const untilMs = options.untilMs ?? scenario.durationMs;
  const everyMs = options.everyMs ?? Math.max(100, Math.round(untilMs / 20));
  const keyMoves: KeyMove[] = [];
  const run = new Session(scenario, {
    beforeAction: (entry, sim) => {
      const a = entry.action;
      if (a.type !== 'addPartitions') return;
      const from = sim.config.topics.find((t) => t.name === a.topic)!.partitions;
      const preview = sim.previewAddPartitions(a.topic, a.partitions);
      keyMoves.push({
        at: entry.at,
        topic: a.topic,
        from,
        to: a.partitions,
        keys: preview.keys,
        movedKeys: preview.movedKeys,
      });
    },
  });
  const samples: Sample[] = [];
  const sample = () => {
    const s = run.sim.snapshot({ recordsPerPartition: 0 });
    samples.push({
      at: run.now,
      step: run.stepIndex,
      produced: s.totals.produced,
      groups: s.groups.map((g) => ({
        groupId: g.groupId,
        state: g.state,
        members: g.members.length,
        lag: g.totalLag,
        maxTimeLagMs: g.maxTimeLagMs,
        counters: { ...g.counters },
      })),
      apps: Object.fromEntries(s.apps.map((a) => [a.id, a.processed])),
    });
  };
  sample();
  while (run.now < untilMs) {
    run.advance(Math.min(everyMs, untilMs - run.now));
    sample();
  }
  const final = run.sim.snapshot({ recordsPerPartition: 0 });
  const violationsByKey: Record<string, Record<string, number>> = {};
  for (const g of final.groups)
    violationsByKey[g.groupId] = run.sim.orderingViolationsByKey(g.groupId);
  return {
    id: scenario.id,
    title: scenario.title,
    untilMs,
    samples,
    keyMoves,
    violationsByKey,
    traceHash: run.sim.traceHash(),
    final,
  };
}

/** The report as the text table the CLI prints. */
export function formatReport(report: Report, scenario: Scenario): string {
  const lines: string[] = [`${report.title} (${report.id}), ${seconds(report.untilMs)}`];
  const groups = report.final.groups.map((g) => g.groupId);
  const head = [
    'time',
    'produced',
    ...groups.flatMap((g) => [`${g} lag`, 'done', 'viol', 'dup', 'lost', 'dlq', 'rebal', 'evict']),
  ];
  const rows = report.samples.map((s) => [
    seconds(s.at),
    String(s.produced),
    ...groups.flatMap((id) => {
      const g = s.groups.find((x) => x.groupId === id);
      if (!g) return ['', '', '', '', '', '', '', ''];
      const c = g.counters;
      return [
        g.lag === null ? '-' : String(g.lag),
        String(c.processed),
        String(c.orderingViolations),
        String(c.duplicates),
        String(c.lost + c.skipped),
        String(c.deadLettered),
        String(c.rebalances),
        String(c.evictions),
      ];
    }),
  ]);
  lines.push(...table([head, ...rows]));
  lines.push(
    'lost counts records committed past unprocessed and records skipped by an offset reset; rebal counts rebalances started, evict members removed mid-record',
  );
  const last = report.samples[report.samples.length - 1];
  if (last && Object.keys(last.apps).length > 1) {
    const apps = Object.entries(last.apps).map(([id, n]) => `${id} ${n}`);
    lines.push(`processed per app: ${apps.join(', ')}`);
  }
  for (const m of report.keyMoves) {
    const listed = m.movedKeys.slice(0, 40).join(', ');
    const more = m.movedKeys.length > 40 ? ', …' : '';
    lines.push(
      `${seconds(m.at)}: ${m.topic} ${m.from} → ${m.to} partitions moves ${m.movedKeys.length} of ${m.keys} keys: ${listed}${more}`,
    );
  }
  for (const [groupId, keys] of Object.entries(report.violationsByKey)) {
    const entries = Object.entries(keys);
    if (entries.length === 0) continue;
    const listed = entries
      .slice(0, 40)
      .map(([k, n]) => `${k}×${n}`)
      .join(', ');
    lines.push(`${groupId}: ordering violations on ${entries.length} keys: ${listed}`);
  }
  scenario.steps.forEach((step, i) =>
    lines.push(`step ${i + 1} at ${seconds(step.at)}: ${step.caption}`),
  );
  lines.push(`trace ${report.traceHash}`);
  return lines.join('\n');
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(ms % 1000 === 0 ? 0 : 1)}s`;
}

function table(rows: string[][]): string[] {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
  return rows.map((r) => r.map((cell, c) => cell.padStart(widths[c]!)).join('  '));
}
