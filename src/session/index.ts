/** Sessions: a scenario played with time travel, recording and sharing. */
export {
  DEFAULT_CHECKPOINT_LIMITS,
  type CheckpointLimits,
  type CheckpointStats,
} from './checkpoints';
export { formatReport, runScenario, type Report, type Sample } from './headless';
export { MAX_MARKERS, type Marker, type MarkerKind } from './markers';
export {
  labScenario,
  MAX_LOGGED_ACTIONS,
  MAX_UNDO,
  Session,
  TICK_MS,
  type SessionOptions,
  type TimedAction,
} from './session';
