/** Sessions: a scenario played with time travel, recording and sharing. */
export {
  DEFAULT_CHECKPOINT_LIMITS,
  type CheckpointLimits,
  type CheckpointStats,
} from './checkpoints';
export { formatReport, runScenario, type Report, type Sample } from './headless';
export {
  decodeShareLink,
  encodeShareLink,
  isShareFragment,
  LINK_FORMAT,
  LINK_MIGRATIONS,
  LINK_VERSION,
  MAX_SHARE_URL_CHARS,
  readContent,
  ShareLinkError,
  TABS,
  type OpenedLink,
  type SharedView,
  type Tab,
} from './share-link';
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
