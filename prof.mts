import { SETUPS } from './bench/engine.ts';
import { createSimulation } from './src/model/index.ts';
const s = SETUPS[1]!;
for (let i = 0; i < 8; i++) { const sim = createSimulation(s.config); sim.advance(60_000); }
