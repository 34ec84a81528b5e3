import type { AuthStrategy } from '../options/schema.js';
import type { AuthFeature } from './types.js';

export const authFeatures = {
  none: {
    displayName: 'No authentication (local development)',
    overlay: 'auth/none',
    dependencies: [],
    devDependencies: [],
    envVars: [
      {
        name: 'ALLOW_UNAUTHENTICATED_REMOTE',
        description: 'With no authentication, allow HTTP on a non-loopback HOST. Anyone who can reach the port can use every tool: trusted networks only.',
        example: 'false',
        required: false,
        secret: false,
      },
    ],
    readme: [
      {
        title: 'Authentication',
        body: 'This server has no authentication: anyone who can reach it can call its tools. Over HTTP it therefore refuses to bind anything but a loopback interface unless `ALLOW_UNAUTHENTICATED_REMOTE=true` is set. Use it over stdio or on your own machine.',
      },
    ],
  },
} as const satisfies Record<AuthStrategy, AuthFeature>;
