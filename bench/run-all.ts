/** `npm run bench`: every model benchmark, figures printed. Not a test. */
import { runEngineBench } from './engine';
import { runMemoryBench } from './memory';
import { runPartitionerBench } from './partitioner';

console.log(`Partition Lab model benchmarks — Node ${process.version}, ${process.arch}`);
runPartitionerBench();
runEngineBench();
runMemoryBench();
