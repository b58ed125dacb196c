import { SETUPS } from './bench/engine.ts';
import { createSimulation } from './src/model/index.ts';
for (const s of SETUPS) {
  const times: number[] = [];
  for (let i = 0; i < 7; i++) { const sim = createSimulation(s.config); const t = performance.now(); sim.advance(60_000); times.push(performance.now() - t); }
  times.sort((a, b) => a - b);
  console.log(s.name, times.map(t => t.toFixed(0)).join(' '));
}
