/**
 * The real kafkajs 2.2.4, loaded as an oracle. kafkajs is CommonJS, so it is
 * loaded with createRequire; every value is given a narrow type right here.
 */
import { createRequire, Module } from 'node:module';

const require = createRequire(import.meta.url);

export interface KafkajsPartitionMetadata {
  readonly partitionId: number;
  readonly leader: number;
}

export interface KafkajsMessage {
  readonly key?: string | Buffer | null;
  readonly partition?: number | null;
}

/** What `Partitioners.DefaultPartitioner()` returns (kafkajs legacy/partitioner.js). */
export type KafkajsPartitioner = (args: {
  topic: string;
  partitionMetadata: readonly KafkajsPartitionMetadata[];
  message: KafkajsMessage;
}) => number;

type KafkajsMurmur2 = (key: string | Buffer) => number;

interface KafkajsGroupMember {
  readonly memberId: string;
}

interface KafkajsAssigner {
  readonly name: string;
  assign(group: {
    members: readonly KafkajsGroupMember[];
    topics: readonly string[];
  }): Promise<{ memberId: string; memberAssignment: Buffer }[]>;
}

interface KafkajsModule {
  readonly Partitioners: {
    readonly DefaultPartitioner: () => KafkajsPartitioner;
    readonly LegacyPartitioner: () => KafkajsPartitioner;
  };
  readonly PartitionAssigners: {
    readonly roundRobin: (deps: {
      cluster: { findTopicPartitionMetadata(topic: string): readonly { partitionId: number }[] };
    }) => KafkajsAssigner;
  };
  readonly AssignerProtocol: {
    readonly MemberAssignment: {
      decode(buffer: Buffer): {
        version: number;
        assignment: Record<string, number[]>;
        userData: Buffer;
      } | null;
    };
  };
}

const kafkajs = require('kafkajs') as KafkajsModule;
const kafkajsVersion = (require('kafkajs/package.json') as { version: string }).version;

export const KAFKAJS_VERSION = kafkajsVersion;
export const { Partitioners } = kafkajs;

export const kafkajsDefaultMurmur2 =
  require('kafkajs/src/producer/partitioners/default/murmur2.js') as KafkajsMurmur2;
export const kafkajsLegacyMurmur2 =
  require('kafkajs/src/producer/partitioners/legacy/murmur2.js') as KafkajsMurmur2;

/**
 * kafkajs seeds each topic's key-less counter with randomBytes(32).readUInt32BE(0)
 * (legacy/randomBytes.js). To compare sequences exactly, legacy/partitioner.js
 * (which both DefaultPartitioner and LegacyPartitioner are built from:
 * default/index.js is `createDefaultPartitioner(murmur2)`) is loaded once more
 * with randomBytes.js replaced in the require cache by a stub that returns the
 * seed chosen for the topic being partitioned. The cache is restored right away,
 * so the public Partitioners keep the real randomBytes.
 */
let pendingSeed: number | undefined;
let randomBytesCalls = 0;

function stubRandomBytes(size: number): Buffer {
  if (pendingSeed === undefined) throw new Error('stubbed randomBytes called outside a call');
  randomBytesCalls++;
  const bytes = Buffer.alloc(size);
  bytes.writeUInt32BE(pendingSeed >>> 0, 0);
  return bytes;
}

type PartitionerFactory = (murmur2: KafkajsMurmur2) => () => KafkajsPartitioner;

function loadWithStubbedRandomBytes(): PartitionerFactory {
  const partitionerPath =
    require.resolve('kafkajs/src/producer/partitioners/legacy/partitioner.js');
  const randomBytesPath =
    require.resolve('kafkajs/src/producer/partitioners/legacy/randomBytes.js');
  const savedPartitioner = require.cache[partitionerPath];
  const savedRandomBytes = require.cache[randomBytesPath];
  const stub = new Module(randomBytesPath);
  stub.filename = randomBytesPath;
  stub.loaded = true;
  stub.exports = stubRandomBytes;
  require.cache[randomBytesPath] = stub;
  Reflect.deleteProperty(require.cache, partitionerPath);
  try {
    return require(partitionerPath) as PartitionerFactory;
  } finally {
    restore(partitionerPath, savedPartitioner);
    restore(randomBytesPath, savedRandomBytes);
  }
}

function restore(path: string, saved: NodeJS.Module | undefined): void {
  if (saved) require.cache[path] = saved;
  else Reflect.deleteProperty(require.cache, path);
}

const seededFactory = loadWithStubbedRandomBytes();

/**
 * A fresh kafkajs Default or Legacy partitioner whose per-topic counter starts
 * at `seedFor(topic)` instead of a random UInt32.
 */
export function seededKafkajsPartitioner(
  kind: 'default' | 'legacy',
  seedFor: (topic: string) => number,
): KafkajsPartitioner {
  const inner = seededFactory(kind === 'default' ? kafkajsDefaultMurmur2 : kafkajsLegacyMurmur2)();
  return (args) => {
    pendingSeed = seedFor(args.topic);
    try {
      return inner(args);
    } finally {
      pendingSeed = undefined;
    }
  };
}

/** How often the stubbed randomBytes ran (to prove the stub is in effect). */
export function stubbedRandomBytesCalls(): number {
  return randomBytesCalls;
}

/**
 * Runs kafkajs's RoundRobinAssigner (PartitionAssigners.roundRobin, i.e.
 * consumer/assigners/roundRobinAssigner/index.js) with a stub cluster whose
 * metadata lists `partitionMetadata[topic]` in the given order ([] when the
 * topic is unknown, as Cluster#findTopicPartitionMetadata does), and decodes
 * each MemberAssignment buffer.
 */
export async function kafkajsRoundRobinOracle(
  memberIds: readonly string[],
  topics: readonly string[],
  partitionMetadata: Readonly<Record<string, readonly number[]>>,
): Promise<{ memberId: string; assignment: Record<string, number[]> }[]> {
  const assigner = kafkajs.PartitionAssigners.roundRobin({
    cluster: {
      findTopicPartitionMetadata: (topic) =>
        (Object.hasOwn(partitionMetadata, topic) ? partitionMetadata[topic]! : []).map(
          (partitionId) => ({ partitionId }),
        ),
    },
  });
  const encoded = await assigner.assign({
    members: memberIds.map((memberId) => ({ memberId })),
    topics,
  });
  return encoded.map(({ memberId, memberAssignment }) => {
    const decoded = kafkajs.AssignerProtocol.MemberAssignment.decode(memberAssignment);
    if (!decoded) throw new Error(`kafkajs produced an empty assignment for ${memberId}`);
    return { memberId, assignment: decoded.assignment };
  });
}
