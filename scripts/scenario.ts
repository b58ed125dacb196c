/**
 * `npm run scenario -- FILE|ID [--until 60s] [--every 5s] [--json]`: plays a
 * scenario file (or a built-in scenario by id) in Node and prints its
 * metrics over time. Exits 1 with a located message when the file is bad.
 */
import { existsSync, readFileSync } from 'node:fs';
import {
  builtinScenario,
  BUILTIN_SCENARIOS,
  parseScenario,
  ScenarioError,
  type Scenario,
} from '../src/scenarios/index';
import { formatReport, runScenario } from '../src/session/index';

const USAGE = 'usage: npm run scenario -- FILE|ID [--until 60s] [--every 5s] [--json]';

function duration(text: string, flag: string): number {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m)?$/.exec(text);
  if (!m) throw new Error(`${flag}: expected a duration like 90s, 1500ms or 2m; got "${text}"`);
  const n = Number(m[1]);
  return m[2] === 'ms' ? n : m[2] === 'm' ? n * 60_000 : n * 1000;
}

function main(args: string[]): number {
  let file: string | undefined;
  let untilMs: number | undefined;
  let everyMs: number | undefined;
  let json = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--json') json = true;
    else if (a === '--until') untilMs = duration(args[++i] ?? '', '--until');
    else if (a === '--every') everyMs = duration(args[++i] ?? '', '--every');
    else if (a === '--help' || a === '-h') {
      console.log(`${USAGE}\nbuilt-in: ${BUILTIN_SCENARIOS.map((s) => s.id).join(', ')}`);
      return 0;
    } else if (file === undefined) file = a;
    else throw new Error(`unexpected argument "${a}"\n${USAGE}`);
  }
  if (file === undefined) throw new Error(USAGE);
  let scenario: Scenario;
  try {
    scenario = existsSync(file)
      ? parseScenario(readFileSync(file, 'utf8'))
      : (builtinScenario(file) ??
        (() => {
          throw new Error(
            `no file "${file}" and no built-in scenario of that id (${BUILTIN_SCENARIOS.map((s) => s.id).join(', ')})`,
          );
        })());
  } catch (e) {
    if (e instanceof ScenarioError) {
      console.error(`${file}: ${e.message}`);
      return 1;
    }
    throw e;
  }
  const report = runScenario(scenario, { untilMs, everyMs });
  if (json) {
    const { final, ...rest } = report;
    console.log(
      JSON.stringify({ ...rest, final: { totals: final.totals, groups: final.groups } }, null, 2),
    );
  } else console.log(formatReport(report, scenario));
  return 0;
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (e) {
  console.error(e instanceof Error ? e.message : String(e));
  process.exitCode = 2;
}
