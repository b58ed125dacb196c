import { SETUPS } from './bench/engine.ts';
import { createSimulation } from './src/model/index.ts';
const out: string[] = [];
for (const s of SETUPS) {
  const times: number[] = [];
  for (let i = 0; i < 9; i++) { const sim = createSimulation(s.config); const t = performance.now(); sim.advance(60_000); times.push(performance.now() - t); }
  times.sort((a, b) => a - b);
  out.push(`${s.name.slice(0, 14)} min ${times[0]!.toFixed(0)} med ${times[4]!.toFixed(0)}`);
}
console.log(out.join(' | '));
