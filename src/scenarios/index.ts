/** Scenarios: the file format, its validator and the built-in lessons. */
export { BUILTIN_SCENARIOS, builtinScenario } from './builtin';
export { PANELS, parseHighlight, SCHEMA_VERSION, type HighlightKind } from './schema';
export {
  MAX_FILE_BYTES,
  MAX_REPLAY_RECORDS,
  parseScenario,
  replayRecords,
  ScenarioError,
  type Scenario,
} from './validate';
