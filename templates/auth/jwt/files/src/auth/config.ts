import { jwtVerificationEnv, resourceServerEnv } from './shared-config.js';

export { ASYMMETRIC_ALGORITHMS } from './shared-config.js';

/** Environment variables of the `jwt` auth strategy, merged into the server's config schema. */
export const authEnv = {
  ...resourceServerEnv,
  ...jwtVerificationEnv,
};
