/**
 * Typed access to docs/reference/kafka-vectors.json (its shape is described at
 * the end of docs/reference/kafka-semantics.md). The vectors were produced by
 * the real kafkajs 2.2.4 and copied from Kafka's own tests.
 */
import { readFileSync } from 'node:fs';

export interface PartitionMetadataVector {
  readonly partitionId: number;
  readonly leader: number;
}

export interface NoKeyCase {
  readonly name: string;
  readonly seed: number;
  readonly partitionMetadata: readonly PartitionMetadataVector[];
  readonly sequence: readonly number[] | Readonly<Record<string, readonly number[]>>;
}

export interface RoundRobinAssignerCase {
  readonly name: string;
  readonly input: {
    readonly members: readonly string[];
    readonly topics: readonly string[];
    readonly partitions: Readonly<Record<string, readonly number[]>>;
  };
  readonly output: readonly {
    readonly memberId: string;
    readonly assignment: Readonly<Record<string, readonly number[]>>;
  }[];
}

/** A Java assignor test: subscriptions and expected lists use labels like "topic1-0". */
export interface JavaAssignorExample {
  readonly test: string;
  readonly partitions: Readonly<Record<string, number>>;
  readonly subscriptions: Readonly<Record<string, readonly string[]>>;
  readonly expected: Readonly<Record<string, readonly string[]>>;
}

type PerCount = Readonly<Record<string, readonly number[]>>;

export interface KafkaVectors {
  readonly meta: { readonly kafkajsVersion: string };
  readonly murmur2: {
    readonly javaUtilsTestVectors: readonly {
      readonly key: string;
      readonly expected: number;
      readonly kafkajsDefault: number;
      readonly kafkajsLegacy: number;
    }[];
    readonly kafkajsDefaultSpecVectors: Readonly<Record<string, number>>;
    readonly kafkajsLegacySpecVectors: Readonly<Record<string, number>>;
    readonly hashes: {
      readonly keys: readonly string[];
      readonly utf8Hex: readonly string[];
      readonly default: readonly number[];
      readonly legacy: readonly number[];
    };
  };
  readonly partitionCounts: readonly number[];
  readonly keyed: {
    readonly numericKeys: { readonly from: number; readonly to: number };
    readonly stringKeys: readonly string[];
    readonly default: { readonly numeric: PerCount; readonly strings: PerCount };
    readonly legacy: { readonly numeric: PerCount; readonly strings: PerCount };
  };
  readonly noKey: {
    readonly rule: string;
    readonly cases: readonly NoKeyCase[];
    readonly explicitPartition: { readonly note: string };
  };
  readonly roundRobinAssigner: {
    readonly rule: string;
    readonly cases: readonly RoundRobinAssignerCase[];
  };
  readonly javaAssignorExamples: {
    readonly range: readonly JavaAssignorExample[];
    readonly roundRobin: readonly JavaAssignorExample[];
  };
}

export const vectors = JSON.parse(
  readFileSync(new URL('../../../docs/reference/kafka-vectors.json', import.meta.url), 'utf8'),
) as KafkaVectors;

/** The numeric keys "0".."9999", index i = String(i). */
export const numericKeys: readonly string[] = Array.from(
  { length: vectors.keyed.numericKeys.to - vectors.keyed.numericKeys.from + 1 },
  (_, i) => String(vectors.keyed.numericKeys.from + i),
);

/** Looks up a per-partition-count array, failing loudly if the vectors lack it. */
export function forCount(table: PerCount, n: number): readonly number[] {
  const row = table[String(n)];
  if (!row) throw new Error(`vectors have no row for ${n} partitions`);
  return row;
}
