import { SETUPS } from './engine';
import { createSimulation } from '../src/model/index';
const s = SETUPS[Number(process.argv[2] ?? 1)]!;
for (let r = 0; r < 4; r++) {
  const t = performance.now();
  const sim = createSimulation(s.config);
  sim.advance(60_000);
  const n = sim.snapshot({ recordsPerPartition: 0 }).totals.produced;
  console.log(n, ((n / (performance.now() - t)) * 1000) | 0);
}
