import { z } from 'zod';

/** Environment variables of the in-memory store, merged into the server's config schema. */
export const storageEnv = {
  /** Upper bound on stored entries, so a flood of single-use items cannot exhaust the heap. */
  MEMORY_STORE_MAX_ENTRIES: z.coerce.number().int().min(1).default(10_000),
};
