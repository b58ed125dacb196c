/** Scenarios: the file format, its validator, playback and the built-in lessons. */
export { BUILTIN_SCENARIOS, builtinScenario } from './builtin';
export { formatReport, runScenario, type Report, type Sample } from './headless';
export { labScenario, MAX_RECORDED_ACTIONS, ScenarioRun, type TimedAction } from './run';
export { PANELS, parseHighlight, SCHEMA_VERSION, type HighlightKind } from './schema';
export { MAX_FILE_BYTES, parseScenario, ScenarioError, type Scenario } from './validate';
