import type { OptionUnit } from '../../../src/features/unit.js';

export default {
  id: 'memory',
  label: 'In-memory',
  hint: 'one process, nothing survives a restart',
  folder: 'storage/memory',
  envVars: [
    {
      name: 'MEMORY_STORE_MAX_ENTRIES',
      description: 'Maximum number of entries the in-memory store keeps; the oldest are evicted beyond it.',
      example: '10000',
      required: false,
      secret: false,
    },
  ],
  readme: [{ file: 'storage.md' }],
} as const satisfies OptionUnit;
