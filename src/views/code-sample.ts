import type { AppSnapshot, ProducerSnapshot } from '../model/index';

/**
 * The kafkajs code that does what the lab shows: one producer per producer,
 * one consumer per app, following their settings (key or none, groupId,
 * fromBeginning, commit timing, concurrency, dead-letter topic).
 */
export function codeSample(
  producers: readonly ProducerSnapshot[],
  apps: readonly AppSnapshot[],
): string {
  const lines: string[] = [
    "import { Kafka, Partitioners } from 'kafkajs';",
    '',
    "const kafka = new Kafka({ clientId: 'partition-lab', brokers: ['kafka:9092'] });",
  ];
  for (const p of producers) lines.push('', ...producerCode(p));
  for (const a of apps) lines.push('', ...consumerCode(a));
  if (producers.length === 0 && apps.length === 0) lines.push('', '// No producers or apps yet.');
  return lines.join('\n');
}

function name(id: string, suffix: string): string {
  const camel = id.replace(/[^A-Za-z0-9]+(.)?/g, (_, c: string | undefined) =>
    c ? c.toUpperCase() : '',
  );
  return /^[A-Za-z_$]/.test(camel) ? `${camel}${suffix}` : `_${camel}${suffix}`;
}

function producerCode(p: ProducerSnapshot): string[] {
  const v = name(p.id, 'Producer');
  const keyed = p.keys.mode === 'keyed';
  const out = [`// ${p.id}: about ${p.ratePerSec} records/s to "${p.topic}"`];
  switch (p.partitioner) {
    case 'kafkajs-default':
      out.push(
        `const ${v} = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });`,
      );
      break;
    case 'kafkajs-legacy':
      out.push(
        '// LegacyPartitioner: kafkajs 1.x hashing, not compatible with the Java client.',
        `const ${v} = kafka.producer({ createPartitioner: Partitioners.LegacyPartitioner });`,
      );
      break;
    case 'java-sticky':
    case 'java-uniform-sticky':
      out.push(
        `// The lab uses the Java client's ${p.partitioner === 'java-sticky' ? 'sticky (KIP-480)' : 'uniform sticky (KIP-794)'} partitioner for records without a key;`,
        '// kafkajs has none: its key-less records go round-robin.',
        `const ${v} = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });`,
      );
      break;
  }
  out.push(
    `await ${v}.connect();`,
    `await ${v}.send({`,
    `  topic: ${JSON.stringify(p.topic)},`,
    keyed
      ? '  messages: [{ key: String(userId), value: JSON.stringify(event) }], // same key → same partition'
      : '  messages: [{ value: JSON.stringify(event) }], // no key → spread over partitions, no order',
    '});',
  );
  return out;
}

function consumerCode(a: AppSnapshot): string[] {
  const v = name(a.id, 'Consumer');
  const out = [
    `// ${a.id}: ${a.instances} instance${a.instances === 1 ? '' : 's'} of this process`,
  ];
  if (a.groupId !== a.id) {
    out.push(`// Shares groupId "${a.groupId}" with another app: the two split the records.`);
  }
  if (a.client === 'java') {
    const settings = [
      `partition.assignment.strategy=${a.assignor}`,
      `session.timeout.ms=${a.sessionTimeoutMs}`,
      `max.poll.interval.ms=${a.maxPollIntervalMs}`,
      ...(a.staticMembership ? ['group.instance.id per instance'] : []),
    ];
    out.push(`// Runs the Java client (${settings.join(', ')}); the same consumer in kafkajs:`);
  }
  const options = [`groupId: ${JSON.stringify(a.groupId)}`];
  if (a.sessionTimeoutMs !== 30_000) options.push(`sessionTimeout: ${a.sessionTimeoutMs}`);
  if (a.client === 'kafkajs') {
    if (a.heartbeatIntervalMs !== 3000) options.push(`heartbeatInterval: ${a.heartbeatIntervalMs}`);
    if (a.rebalanceTimeoutMs !== 60_000) options.push(`rebalanceTimeout: ${a.rebalanceTimeoutMs}`);
  }
  if (a.assignor === 'kafkajs-roundrobin') {
    out.push("import { PartitionAssigners } from 'kafkajs';");
    options.push('partitionAssigners: [PartitionAssigners.roundRobin]');
  } else {
    out.push(
      `// Assignor "${a.assignor}" is the Java client's (partition.assignment.strategy); kafkajs ships roundRobin.`,
    );
  }
  out.push(`const ${v} = kafka.consumer({ ${options.join(', ')} });`, `await ${v}.connect();`);
  out.push(
    `await ${v}.subscribe({ topics: ${JSON.stringify(a.topics)}, fromBeginning: ${a.fromBeginning} });`,
  );
  const run: string[] = [];
  if (a.partitionsConsumedConcurrently > 1)
    run.push(
      `  partitionsConsumedConcurrently: ${a.partitionsConsumedConcurrently}, // side workers, one record per partition at a time`,
    );
  const commit = a.commit;
  if (commit.mode === 'auto') run.push(`  autoCommitInterval: ${commit.intervalMs},`);
  else run.push('  autoCommit: false,');
  run.push('  eachMessage: async ({ topic, partition, message }) => {');
  const commitCall = [
    `    await ${v}.commitOffsets([`,
    '      { topic, partition, offset: (BigInt(message.offset) + 1n).toString() },',
    '    ]);',
  ];
  const handle =
    a.onFailure.policy === 'dead-letter'
      ? [
          `    try {`,
          `      await withRetries(${a.onFailure.retries}, () => handleEvent(message));`,
          `    } catch {`,
          `      await dlqProducer.send({ topic: ${JSON.stringify(a.onFailure.topic ?? `${a.topics[0] ?? 'topic'}.dlq`)}, messages: [message] });`,
          `    }`,
        ]
      : ['    await handleEvent(message); // throws → kafkajs retries the same record'];
  if (commit.mode === 'before-processing') {
    run.push('    // Committed before processing: a crash now loses the record (at-most-once).');
    run.push(...commitCall, ...handle);
  } else if (commit.mode === 'after-processing') {
    run.push(...handle, '    // Committed after processing: a crash before this line repeats it.');
    run.push(...commitCall);
  } else {
    run.push(
      ...handle,
      `    // Offsets are committed every ${commit.intervalMs / 1000} s: a crash repeats what came since.`,
    );
  }
  run.push('  },');
  out.push(`await ${v}.run({`, ...run, '});');
  return out;
}
