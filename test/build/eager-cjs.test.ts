import { describe, expect, it } from 'vitest';
import { eagerWrappers } from '../../scripts/eager-cjs';

const MINIFIED =
  'var e=Object.create,o=(e,t)=>()=>(t||(e((t={exports:{}}).exports,t,t.exports),e=null),t.exports);' +
  'var l=o((e=>{e.a=1})),u=o(((e,t)=>{t.exports={b:l().a+1}})),x=no((e=>{}));';

const PLAIN = `var __commonJSMin = (cb, mod) => () => (mod || (cb((mod = { exports: {} }).exports, mod, mod.exports), cb = null), mod.exports);
var require_a = /* @__PURE__ */ __commonJSMin(((exports) => {
	exports.a = 1;
}));
var require_b = /* @__PURE__ */ __commonJSMin(((exports, module) => {
	module.exports = { b: require_a().a + 1 };
}));`;

describe('eagerWrappers', () => {
  it('turns the CommonJS wrapper arrows of a minified bundle into function expressions', () => {
    const out = eagerWrappers(MINIFIED);
    expect(out).toContain('l=o((function(e){e.a=1}))');
    expect(out).toContain('u=o((function(e,t){t.exports={b:l().a+1}}))');
    // Not a call of the helper.
    expect(out).toContain('x=no((e=>{}))');
  });

  it('does the same in an unminified bundle', () => {
    const out = eagerWrappers(PLAIN);
    expect(out).toContain('__commonJSMin((function(exports){');
    expect(out).toContain('__commonJSMin((function(exports, module){');
    expect(out).not.toContain('__commonJSMin(((');
  });

  it('leaves the modules working the same', () => {
    for (const code of [MINIFIED.replace(',x=no((e=>{}))', ''), PLAIN]) {
      const run = (source: string) =>
        new Function(`${source}; return (typeof u === 'function' ? u : require_b)();`)() as unknown;
      expect(run(eagerWrappers(code))).toEqual(run(code));
      expect(run(eagerWrappers(code))).toEqual({ b: 2 });
    }
  });

  it('leaves a bundle without the helper alone', () => {
    const code = 'const f=((e)=>{return e});export{f};';
    expect(eagerWrappers(code)).toBe(code);
  });
});
