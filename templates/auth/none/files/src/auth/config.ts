import { z } from 'zod';

/** Environment variables of the `none` auth strategy, merged into the server's config schema. */
export const authEnv = {
  /**
   * Without authentication anyone who can reach the port can call every tool, so binding HTTP to a
   * non-loopback address needs this explicit opt-in (e.g. a trial inside a private network).
   */
  ALLOW_UNAUTHENTICATED_REMOTE: z.stringbool().default(false),
};
