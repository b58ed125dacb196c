/**
 * The built-in scenarios: data files, checked by the same validator as a
 * file someone loads, the first time they are asked for.
 */
import sameKey from './builtin/01-same-key-same-partition.json';
import addingPartitions from './builtin/02-adding-partitions-breaks-ordering.json';
import noKey from './builtin/03-no-key-round-robin.json';
import partitionsCap from './builtin/04-partitions-cap-consumers.json';
import lagGrows from './builtin/05-lag-grows.json';
import poison from './builtin/06-poison-message.json';
import reusedGroupId from './builtin/07-reused-group-id.json';
import commitTiming from './builtin/08-commit-timing.json';
import replay from './builtin/09-durable-log-replay.json';
import whenNot from './builtin/10-when-not-kafka.json';
import rebalanceProtocols from './builtin/11-rebalance-protocols.json';
import rebalanceStorm from './builtin/12-rebalance-storm.json';
import { parseScenario, type Scenario } from './validate';

const FILES: readonly unknown[] = [
  sameKey,
  addingPartitions,
  noKey,
  partitionsCap,
  lagGrows,
  poison,
  reusedGroupId,
  commitTiming,
  replay,
  whenNot,
  rebalanceProtocols,
  rebalanceStorm,
];

/** Id, title and one-line promise of each built-in scenario, in lesson order. */
export const BUILTIN_SCENARIOS: readonly { id: string; title: string; summary: string }[] =
  FILES.map((f) => {
    const { id, title, summary } = f as { id: string; title: string; summary: string };
    return { id, title, summary };
  });

const parsed = new Map<string, Scenario>();

/** The validated built-in scenario with this id, or undefined. */
export function builtinScenario(id: string): Scenario | undefined {
  const known = parsed.get(id);
  if (known) return known;
  const file = FILES.find((f) => (f as { id: string }).id === id);
  if (file === undefined) return undefined;
  const scenario = parseScenario(file);
  parsed.set(id, scenario);
  return scenario;
}
