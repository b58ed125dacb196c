import { defaultConfig, type SimulationConfigInput } from './model/index';

/**
 * Named starting setups, chosen with `?preset=NAME` in the page URL. `heavy`
 * and `extreme` are the load setups the frame-rate benchmark measures.
 */
export const PRESETS = {
  default: defaultConfig,
  heavy: (): SimulationConfigInput => ({
    seed: 1,
    topics: [{ name: 'user-events', partitions: 64 }],
    producers: [
      {
        id: 'producer-1',
        topic: 'user-events',
        ratePerSec: 1000,
        keys: { mode: 'keyed', count: 2000 },
      },
      {
        id: 'producer-2',
        topic: 'user-events',
        ratePerSec: 1000,
        keys: { mode: 'keyed', count: 2000 },
      },
    ],
    apps: [
      { id: 'notifier', topics: ['user-events'], instances: 8, processingMs: 3 },
      { id: 'analytics', topics: ['user-events'], instances: 8, processingMs: 3 },
    ],
  }),
  extreme: (): SimulationConfigInput => ({
    seed: 1,
    topics: [{ name: 'user-events', partitions: 256 }],
    producers: [
      {
        id: 'producer-1',
        topic: 'user-events',
        ratePerSec: 2000,
        keys: { mode: 'keyed', count: 5000 },
      },
    ],
    apps: [
      { id: 'notifier', topics: ['user-events'], instances: 32, processingMs: 12 },
      { id: 'analytics', topics: ['user-events'], instances: 16, processingMs: 6 },
    ],
  }),
} satisfies Record<string, () => SimulationConfigInput>;

export type PresetName = keyof typeof PRESETS;

export function presetFromUrl(search: string): PresetName {
  const name = new URLSearchParams(search).get('preset');
  return name !== null && name in PRESETS ? (name as PresetName) : 'default';
}
