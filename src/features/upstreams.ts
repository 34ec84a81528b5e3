import type { Upstream } from '../options/schema.js';
import type { UpstreamFeature } from './types.js';

export const upstreamFeatures = {
  generic: {
    displayName: 'Generic OIDC / REST API',
    overlay: 'upstream/generic',
    authStrategies: ['none'],
    dependencies: [],
    devDependencies: [],
    envVars: [],
    readme: [],
  },
} as const satisfies Record<Upstream, UpstreamFeature>;
