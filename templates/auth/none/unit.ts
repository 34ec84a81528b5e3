import type { AuthUnit } from '../../../src/features/unit.js';

export default {
  id: 'none',
  label: 'No authentication (local development)',
  hint: 'local development and stdio; refuses remote binds unless allowed',
  folder: 'auth/none',
  verifiesTokens: false,
  envVars: [
    {
      name: 'ALLOW_UNAUTHENTICATED_REMOTE',
      description: 'With no authentication, allow HTTP on a non-loopback HOST. Anyone who can reach the port can use every tool: trusted networks only.',
      example: 'false',
      required: false,
      secret: false,
    },
  ],
  readme: [{ file: 'authentication.md' }],
} as const satisfies AuthUnit;
