import type { AuthUnit } from '../../../src/features/unit.js';
import { JWT_VERIFICATION_SETTINGS, oauthCommon, RESOURCE_SERVER_SETTINGS } from '../../layers/oauth-common/layer.js';

export default {
  id: 'jwt',
  label: 'JWT access tokens (OAuth resource server)',
  hint: 'verify the identity provider’s JWT access tokens (OAuth resource server)',
  folder: 'auth/jwt',
  verifiesTokens: true,
  layers: [oauthCommon],
  envVars: [...RESOURCE_SERVER_SETTINGS, ...JWT_VERIFICATION_SETTINGS],
  readme: [{ file: 'jwt.md' }],
} as const satisfies AuthUnit;
