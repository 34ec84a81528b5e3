/**
 * Environment variables of the generic upstream, merged into the server's config schema.
 * Empty on purpose: the generic preset ships no API client yet, so it reads nothing. Add the
 * upstream's base URL and credentials here together with the client that uses them.
 */
export const upstreamEnv = {};
