import { z } from 'zod';

/**
 * The rate limits, merged into the server's config schema. Fixed windows counted in the store, so on
 * a shared backend they hold across replicas. The defaults are far above what a person or an agent
 * working normally sends; they stop runaway loops and floods. 0 switches a limit off.
 */
export const rateLimitEnv = {
  /** Length of one counting window. */
  RATE_LIMIT_WINDOW_SECONDS: z.coerce.number().int().min(1).max(86_400).default(60),
  /** Requests to /mcp per caller per window, whatever they carry (listings and notifications count too). */
  RATE_LIMIT_REQUESTS: z.coerce.number().int().min(0).default(1_200),
  /** Calls of one tool per caller per window. */
  RATE_LIMIT_TOOL_CALLS: z.coerce.number().int().min(0).default(300),
};

// Read from the variables above rather than from Config: src/config.ts builds its schema from them.
export type RateLimitConfig = { readonly [Name in keyof typeof rateLimitEnv]: z.output<(typeof rateLimitEnv)[Name]> };
