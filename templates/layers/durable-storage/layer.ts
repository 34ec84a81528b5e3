import type { Layer } from '../../../src/features/unit.js';

/**
 * A store that outlives the server process (SQLite, PostgreSQL, Redis): its projects prove with real
 * server processes that a restarted server still has what it kept.
 */
export const durableStorage = {
  folder: 'layers/durable-storage',
} as const satisfies Layer;
