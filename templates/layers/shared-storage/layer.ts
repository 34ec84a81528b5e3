import type { Layer } from '../../../src/features/unit.js';
import { durableStorage } from '../durable-storage/layer.js';

/**
 * A store every replica of the server reaches (PostgreSQL, Redis): its projects prove with two real
 * server processes that the replicas share rate limits and upstream tokens.
 */
export const sharedStorage = {
  folder: 'layers/shared-storage',
  layers: [durableStorage],
} as const satisfies Layer;
