import { defineConfig } from 'vitest/config';

// Three projects:
// - unit:  test/**/*.test.{ts,tsx} in Node (everything except views and e2e).
// - views: test/views/**/*.test.{ts,tsx} in happy-dom with jest-dom matchers. TSX is
//          transformed by Vite's built-in oxc transform (automatic JSX runtime), so no
//          React plugin is needed here.
// - e2e:   test/e2e/**/*.test.ts in Node, driving the built app (dist/) and the model in
//          headless Chromium. Run through `npm test` or `npm run test:e2e`, which build first.
export default defineConfig({
  test: {
    // A project (or the whole run) with no test files is not an error here;
    // scripts/test-all.mjs fails the run when no test ran at all.
    passWithNoTests: true,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          environment: 'node',
          // Whole scenarios and property runs take seconds; a busy 2-core machine must not
          // turn that into a timeout.
          testTimeout: 30_000,
          include: ['test/**/*.test.{ts,tsx}'],
          exclude: ['test/e2e/**', 'test/views/**', '**/node_modules/**'],
        },
      },
      {
        extends: true,
        test: {
          name: 'views',
          environment: 'happy-dom',
          testTimeout: 30_000,
          include: ['test/views/**/*.test.{ts,tsx}'],
          setupFiles: ['test/views/setup.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['test/e2e/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          // Each file starts its own Chromium; the CI machine has 2 cores.
          fileParallelism: false,
        },
      },
    ],
  },
});
