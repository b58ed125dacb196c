/**
 * Every rejected config, action or input throws a SimulationError: `code` says
 * what kind of problem (Kafka's own error name where there is one), `path`
 * says where (for example `config.topics[0].partitions` or `action.memberId`).
 */
export type SimulationErrorCode =
  | 'INVALID_CONFIG'
  | 'INVALID_ACTION'
  | 'INVALID_PARTITIONS'
  | 'INVALID_TOPIC_EXCEPTION'
  | 'UNKNOWN_TOPIC_OR_PARTITION'
  | 'UNKNOWN_MEMBER_ID'
  | 'UNKNOWN_PRODUCER'
  | 'UNKNOWN_APP'
  | 'UNKNOWN_GROUP'
  | 'UNKNOWN_ASSIGNOR'
  | 'INCONSISTENT_GROUP_PROTOCOL'
  | 'INVALID_SESSION_TIMEOUT'
  | 'NON_EMPTY_GROUP';

export class SimulationError extends Error {
  override readonly name = 'SimulationError';
  constructor(
    readonly code: SimulationErrorCode,
    readonly path: string,
    readonly detail: string,
  ) {
    super(`${path}: ${detail}`);
  }
}

/** Throws a located error unless `ok`. */
export function check(
  ok: boolean,
  code: SimulationErrorCode,
  path: string,
  detail: string,
): asserts ok {
  if (!ok) throw new SimulationError(code, path, detail);
}
