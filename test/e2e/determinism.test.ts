// The model runs the same in Node and in Chromium. The fixture
// test/fixtures/determinism-run.ts exports
//   determinismRun(model: typeof import('../../src/model/index')): { traceHash: string; snapshotTime: number }
// This test calls it in Node with the real model, then bundles the model and the fixture with
// esbuild into one IIFE, runs it in a blank Chromium page, and expects identical results.
// Both modules are loaded by path at run time so that a missing one fails with a clear message.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './support/browser';
import { openCheckedPage } from './support/page';
import { repoRoot } from './support/paths';

interface DeterminismResult {
  traceHash: string;
  snapshotTime: number;
}
type DeterminismRun = (model: unknown) => DeterminismResult;

const GLOBAL_NAME = 'PartitionLabDeterminism';
const MODEL_PATH = join(repoRoot, 'src/model/index.ts');
const FIXTURE_PATH = join(repoRoot, 'test/fixtures/determinism-run.ts');

function requireFile(path: string, what: string): void {
  if (!existsSync(path)) {
    throw new Error(
      `${path} does not exist. The determinism test needs ${what}. It is not skipped: ` +
        `provide the file (contract in test/e2e/determinism.test.ts).`,
    );
  }
}

function requireResult(value: unknown, where: string): DeterminismResult {
  if (
    typeof value !== 'object' ||
    value === null ||
    !('traceHash' in value) ||
    !('snapshotTime' in value) ||
    typeof value.traceHash !== 'string' ||
    typeof value.snapshotTime !== 'number'
  ) {
    throw new Error(
      `determinismRun in ${where} returned ${JSON.stringify(value)}; ` +
        `expected { traceHash: string; snapshotTime: number }.`,
    );
  }
  return { traceHash: value.traceHash, snapshotTime: value.snapshotTime };
}

async function runInNode(): Promise<DeterminismResult> {
  requireFile(MODEL_PATH, 'the model entry point src/model/index.ts');
  requireFile(FIXTURE_PATH, 'the fixture test/fixtures/determinism-run.ts');
  const model: unknown = await import(/* @vite-ignore */ MODEL_PATH);
  const fixture: unknown = await import(/* @vite-ignore */ FIXTURE_PATH);
  if (
    typeof fixture !== 'object' ||
    fixture === null ||
    !('determinismRun' in fixture) ||
    typeof fixture.determinismRun !== 'function'
  ) {
    throw new Error(`${FIXTURE_PATH} must export a function named determinismRun.`);
  }
  const determinismRun = fixture.determinismRun as DeterminismRun;
  return requireResult(determinismRun(model), 'Node');
}

async function bundleForBrowser(): Promise<string> {
  requireFile(MODEL_PATH, 'the model entry point src/model/index.ts');
  requireFile(FIXTURE_PATH, 'the fixture test/fixtures/determinism-run.ts');
  const entry = [
    `import * as model from ${JSON.stringify(MODEL_PATH)};`,
    `import { determinismRun } from ${JSON.stringify(FIXTURE_PATH)};`,
    `export function run() { return determinismRun(model); }`,
  ].join('\n');
  const result = await build({
    stdin: {
      contents: entry,
      resolveDir: repoRoot,
      sourcefile: 'determinism-entry.ts',
      loader: 'ts',
    },
    bundle: true,
    write: false,
    format: 'iife',
    globalName: GLOBAL_NAME,
    platform: 'browser',
    target: 'es2022',
    logLevel: 'silent',
  });
  const output = result.outputFiles[0];
  if (output === undefined) throw new Error('esbuild produced no output.');
  return output.text;
}

describe('model determinism across Node and Chromium', () => {
  let browser: Browser | undefined;

  beforeAll(async () => {
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('gives the same result twice in Node', async () => {
    const first = await runInNode();
    const second = await runInNode();
    expect(first.traceHash).not.toBe('');
    expect(Number.isFinite(first.snapshotTime)).toBe(true);
    expect(second).toEqual(first);
  });

  it('gives the same trace hash and snapshot time in Chromium as in Node', async () => {
    const inNode = await runInNode();
    const script = await bundleForBrowser();
    if (browser === undefined) throw new Error('Chromium did not start (see beforeAll).');
    const checked = await openCheckedPage(browser, { allowedOrigins: [] });
    try {
      await checked.page.setContent('<html></html>');
      await checked.page.addScriptTag({ content: script });
      const raw: unknown = await checked.page.evaluate((globalName) => {
        const bundle = (globalThis as unknown as Record<string, { run(): unknown } | undefined>)[
          globalName
        ];
        if (bundle === undefined) throw new Error(`window.${globalName} is not defined`);
        return bundle.run();
      }, GLOBAL_NAME);
      const inChromium = requireResult(raw, 'Chromium');
      expect(inChromium).toEqual(inNode);
      checked.assertClean();
    } finally {
      await checked.close();
    }
  });
});
