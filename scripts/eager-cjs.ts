import type { Plugin } from 'vite';

/**
 * Makes the bundle's CommonJS module wrappers (React, React DOM, the scheduler) `(function(){…})`
 * expressions instead of `(() => {…})` arrows, so that V8 compiles them while the script
 * streams in, on a background thread.
 *
 * Rolldown wraps each CommonJS module in a callback to its `__commonJSMin` helper and
 * parenthesizes it as a hint to compile it eagerly, but Chromium's V8 compiles only the
 * `(function` form eagerly: an arrow is compiled on the main thread the first time it runs,
 * which for React DOM's 170 kB wrapper is tens of milliseconds before the first render (about
 * 80 ms of the time to the first lane on the 2-core CI machine).
 *
 * Same behaviour: the wrapper is only ever called plainly (`this` is undefined either way) and
 * a module body that read `arguments` would have thrown inside the arrow.
 */
export function eagerCommonJs(): Plugin {
  return {
    name: 'partition-lab:eager-cjs',
    apply: 'build',
    // After minification: the final code, with the helper's final name.
    generateBundle(_options, bundle) {
      for (const chunk of Object.values(bundle)) {
        if (chunk.type !== 'chunk') continue;
        chunk.code = eagerWrappers(chunk.code);
      }
    },
  };
}

/**
 * The helper as rolldown emits it, minified or not:
 * `NAME = (cb, mod) => () => (mod || (cb((mod = { exports: {} }).exports, mod…), …), mod.exports)`.
 */
const HELPER =
  /([\w$]+)\s*=\s*\(\s*([\w$]+)\s*,\s*([\w$]+)\s*\)\s*=>\s*\(\)\s*=>\s*\(\s*\3\s*\|\|\s*\(\s*\2\s*\(\s*\(\s*\3\s*=\s*\{\s*exports\s*:\s*\{\s*\}\s*\}\s*\)\s*\.exports\b/;

/** `code` with each `HELPER((params) => {` call turned into `HELPER((function (params) {`. */
export function eagerWrappers(code: string): string {
  const helper = HELPER.exec(code)?.[1];
  if (helper === undefined) return code;
  const name = helper.replace(/\$/g, '\\$');
  // Only calls of the helper (not a longer name ending in it, not a property access).
  const call = new RegExp(
    `(?<![\\w$.])${name}\\(\\(\\s*(?:\\(([\\w$,\\s]*)\\)|([\\w$]+))\\s*=>\\s*\\{`,
    'g',
  );
  return code.replace(
    call,
    (_match, list: string | undefined, single: string | undefined) =>
      `${helper}((function(${list ?? single ?? ''}){`,
  );
}
