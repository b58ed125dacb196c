/**
 * Key hashing throughput: our murmur2 and partitionForKey against kafkajs
 * 2.2.4's DefaultPartitioner (the real package) on the same keys, same run.
 */
import { createRequire } from 'node:module';
import { murmur2String, partitionForKey } from '../src/model/index';
import { opsPerSecond, print, type Figure } from './harness';

const require = createRequire(import.meta.url);
const kafkajs = require('kafkajs') as {
  Partitioners: {
    DefaultPartitioner: () => (args: {
      topic: string;
      partitionMetadata: { partitionId: number; leader: number }[];
      message: { key: string };
    }) => number;
  };
};
const kafkajsMurmur2 = require('kafkajs/src/producer/partitioners/default/murmur2.js') as (
  key: string,
) => number;

/** Keys like a real workload's: numeric ids, prefixed ids, some non-ASCII. */
export function benchKeys(): string[] {
  const keys: string[] = [];
  for (let i = 0; i < 4000; i++) keys.push(String(i));
  for (let i = 0; i < 4000; i++) keys.push(`user-${i}`);
  for (let i = 0; i < 1000; i++) keys.push(`order-${i}-${(i * 7919) % 10007}`);
  for (let i = 0; i < 1000; i++) keys.push(`ключ-${i}-キー-🔑`);
  return keys;
}

export function runPartitionerBench(): Figure[] {
  const keys = benchKeys();
  const metadata = Array.from({ length: 12 }, (_, partitionId) => ({ partitionId, leader: 0 }));
  const kafkajsPartition = kafkajs.Partitioners.DefaultPartitioner();
  let sink = 0;
  // One loop per measured function, so each call site stays monomorphic and
  // the JIT treats ours and theirs alike (a shared loop made figures bimodal).
  const ours = opsPerSecond(() => {
    for (const key of keys) sink ^= murmur2String(key);
    return keys.length;
  });
  const theirs = opsPerSecond(() => {
    for (const key of keys) sink ^= kafkajsMurmur2(key);
    return keys.length;
  });
  const oursP = opsPerSecond(() => {
    for (const key of keys) sink ^= partitionForKey(key, 12);
    return keys.length;
  });
  const theirsP = opsPerSecond(() => {
    for (const key of keys)
      sink ^= kafkajsPartition({ topic: 't', partitionMetadata: metadata, message: { key } });
    return keys.length;
  });
  if (sink === 0.5) console.log(sink);
  const figures: Figure[] = [
    { name: 'murmur2 (ours, UTF-8 + hash)', value: ours, unit: 'keys/s' },
    { name: 'murmur2 (kafkajs default)', value: theirs, unit: 'keys/s' },
    { name: 'murmur2 ours ÷ kafkajs', value: ours / theirs, unit: '×', note: 'target ≥ 3' },
    { name: 'partitionForKey (ours, 12 partitions)', value: oursP, unit: 'keys/s' },
    { name: 'DefaultPartitioner (kafkajs, 12 partitions)', value: theirsP, unit: 'keys/s' },
    {
      name: 'partitionForKey ours ÷ kafkajs',
      value: oursP / theirsP,
      unit: '×',
      note: 'target ≥ 3',
    },
  ];
  print(`Key hashing (${keys.length.toLocaleString('en-US')} keys, median of 5 runs)`, figures);
  return figures;
}
