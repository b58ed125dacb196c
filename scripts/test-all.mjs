// The one test command (`npm test`). Runs every check and suite, keeps going after a failure
// so that everything reports, and ends with exactly one line `N passed, N failed`.
//
//   1. tsc -b                      1 check
//   2. eslint .                    1 check
//   3. prettier --check .          1 check
//   4. vitest: unit + views        each test counts (JSON in test-results/vitest-unit.json)
//   5. ensure-chromium             counts 1 failed if it fails (nothing if it passes)
//   6. vite build (fresh dist/)    counts 1 failed if it fails (nothing if it passes)
//      and the one-file build (dist-single/), likewise
//   7. vitest: e2e                 each test counts (JSON in test-results/vitest-e2e.json)
//
// A vitest run whose JSON is missing or unreadable counts as 1 failed; so does a test file that
// failed without any failing test (e.g. it could not be imported), and a vitest run that
// exited non-zero while its JSON shows no failure (e.g. an unhandled error).
// If no test ran at all, that counts as 1 failed. Exit status: 0 only if nothing failed.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const resultsDir = join(root, 'test-results');
/** @param {string} name */
const bin = (name) => join(root, 'node_modules', '.bin', name);

/**
 * @typedef {{ name: string, kind: 'check' | 'prerequisite' | 'tests', passed: number,
 *   failed: number, note: string }} Row
 * @typedef {{ status?: string, assertionResults?: { status?: string }[] }} JsonFile
 * @typedef {{ numPassedTests?: number, numFailedTests?: number, numPendingTests?: number,
 *   numTodoTests?: number, testResults?: (JsonFile & { name: string })[] }} JsonReport
 */

/** @type {Row[]} */
const rows = [];
let stepNumber = 0;
const STEP_COUNT = 7;

/** @param {string} command */
function displayName(command) {
  if (command === process.execPath) return 'node';
  const inRepo = relative(root, command);
  return inRepo.startsWith('node_modules') ? basename(command) : command;
}

/**
 * @param {string} title
 * @param {string} command
 * @param {string[]} args
 * @returns {number} the exit status (1 if it could not start or was killed)
 */
function run(title, command, args) {
  stepNumber += 1;
  const shown = [displayName(command), ...args].join(' ');
  console.log(`\n=== [${stepNumber}/${STEP_COUNT}] ${title}: ${shown}`);
  const started = Date.now();
  const result = spawnSync(command, args, {
    cwd: root,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  let status = result.status ?? 1;
  if (result.error) {
    console.log(`!!! could not run ${shown}: ${result.error.message}`);
    status = 1;
  } else if (result.signal) {
    console.log(`!!! ${shown} was killed by ${result.signal}`);
    status = 1;
  }
  console.log(`=== ${title}: ${status === 0 ? 'ok' : `FAILED (exit ${status})`} in ${seconds} s`);
  return status;
}

/**
 * A check: 1 passed or 1 failed.
 * @param {string} name
 * @param {string} command
 * @param {string[]} args
 */
function check(name, command, args) {
  const status = run(name, command, args);
  rows.push({
    name,
    kind: 'check',
    passed: status === 0 ? 1 : 0,
    failed: status === 0 ? 0 : 1,
    note: status === 0 ? '' : `exit ${status}`,
  });
  return status;
}

/**
 * A prerequisite of a suite: counts only when it fails.
 * @param {string} name
 * @param {string} command
 * @param {string[]} args
 */
function prerequisite(name, command, args) {
  const status = run(name, command, args);
  if (status !== 0)
    rows.push({ name, kind: 'prerequisite', passed: 0, failed: 1, note: `exit ${status}` });
  return status;
}

/**
 * Reads vitest's JSON report.
 * @param {string} jsonPath
 * @param {number} exitStatus
 */
function countVitest(jsonPath, exitStatus) {
  if (!existsSync(jsonPath)) {
    return { passed: 0, failed: 1, note: `no JSON report (vitest exit ${exitStatus})` };
  }
  /** @type {JsonReport} */
  let report;
  try {
    report = JSON.parse(readFileSync(jsonPath, 'utf8'));
  } catch (error) {
    return { passed: 0, failed: 1, note: `unreadable JSON report: ${String(error)}` };
  }
  const passed = Number(report.numPassedTests ?? 0);
  let failed = Number(report.numFailedTests ?? 0);
  const notes = [];
  const skipped = Number(report.numPendingTests ?? 0) + Number(report.numTodoTests ?? 0);
  if (skipped > 0) notes.push(`${skipped} skipped/todo`);
  const brokenFiles = (report.testResults ?? []).filter(
    (file) =>
      file.status === 'failed' &&
      !(file.assertionResults ?? []).some((test) => test.status === 'failed'),
  );
  if (brokenFiles.length > 0) {
    failed += brokenFiles.length;
    notes.push(
      `${brokenFiles.length} file(s) failed outside any test: ` +
        brokenFiles.map((file) => relative(root, file.name)).join(', '),
    );
  }
  if (exitStatus !== 0 && failed === 0) {
    failed = 1;
    notes.push(`vitest exited ${exitStatus} with no failed test (unhandled error?)`);
  }
  return { passed, failed, note: notes.join('; ') };
}

/** @param {string} name @param {string[]} projects @param {string} jsonName */
function vitestSuite(name, projects, jsonName) {
  const jsonPath = join(resultsDir, jsonName);
  rmSync(jsonPath, { force: true });
  const status = run(name, bin('vitest'), [
    'run',
    ...projects.flatMap((project) => ['--project', project]),
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${relative(root, jsonPath)}`,
  ]);
  const counted = countVitest(jsonPath, status);
  rows.push({ name, kind: 'tests', ...counted });
}

mkdirSync(resultsDir, { recursive: true });

check('type-check', bin('tsc'), ['-b']);
check('lint', bin('eslint'), ['.']);
check('format', bin('prettier'), ['--check', '.']);
vitestSuite('unit tests', ['unit', 'views'], 'vitest-unit.json');
prerequisite('chromium', process.execPath, ['scripts/ensure-chromium.mjs']);
rmSync(join(root, 'dist'), { recursive: true, force: true });
rmSync(join(root, 'dist-single'), { recursive: true, force: true });
prerequisite('build', bin('vite'), ['build']);
prerequisite('single-file build', bin('vite'), ['build', '--config', 'vite.single.config.ts']);
vitestSuite('e2e tests', ['e2e'], 'vitest-e2e.json');

const testsRan = rows
  .filter((row) => row.kind === 'tests')
  .reduce((sum, row) => sum + row.passed + row.failed, 0);
if (testsRan === 0) {
  rows.push({ name: 'any tests', kind: 'check', passed: 0, failed: 1, note: 'no test ran at all' });
}
const passed = rows.reduce((sum, row) => sum + row.passed, 0);
const failed = rows.reduce((sum, row) => sum + row.failed, 0);

console.log('\n=== Summary');
for (const row of rows) {
  const note = row.note ? `  (${row.note})` : '';
  console.log(
    `  ${row.name.padEnd(12)} ${String(row.passed).padStart(4)} passed ${String(row.failed).padStart(4)} failed${note}`,
  );
}
console.log(`${passed} passed, ${failed} failed`);
process.exitCode = failed > 0 ? 1 : 0;
