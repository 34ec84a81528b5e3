import type { StorageBackend } from '../options/schema.js';
import type { StorageFeature } from './types.js';

export const storageFeatures = {
  memory: {
    displayName: 'In-memory',
    overlays: ['storage/memory'],
    dependencies: [],
    devDependencies: [],
    envVars: [
      {
        name: 'MEMORY_STORE_MAX_ENTRIES',
        description: 'Maximum number of entries the in-memory store keeps; the oldest are evicted beyond it.',
        example: '10000',
        required: false,
        secret: false,
      },
    ],
    readme: [
      {
        title: 'Storage',
        body: 'State (caches, counters) lives in process memory: it is lost on restart and not shared between replicas. Run a single instance.',
      },
    ],
  },
} as const satisfies Record<StorageBackend, StorageFeature>;
