import { optionalSetting, type AuthUnit } from '../../../src/features/unit.js';
import { JWT_VERIFICATION_SETTINGS, oauthCommon, RESOURCE_SERVER_SETTINGS } from '../../layers/oauth-common/layer.js';

export default {
  id: 'gateway',
  label: 'Identity forwarded by an API gateway',
  hint: 'behind APIM / Istio / Envoy: forwarded identity verified (JWT or HMAC)',
  folder: 'auth/gateway',
  verifiesTokens: true,
  layers: [oauthCommon],
  envVars: [
    optionalSetting('GATEWAY_MODE', "How the gateway proves the identity it forwards: jwt (it forwards a JWT, verified here against the identity provider's keys) or hmac (it signs each request with GATEWAY_HMAC_SECRET: method, path and query, x-forwarded-* identity headers, timestamp, nonce and Content-Digest of the body; recipe in the README).", 'jwt'),
    optionalSetting('GATEWAY_JWT_HEADER', 'In jwt mode, the header carrying the forwarded JWT: authorization (Bearer) or a header holding the bare token.', 'authorization'),
    optionalSetting('GATEWAY_JWT_ISSUER', 'In jwt mode, issuer of JWTs the gateway mints itself (exactly as in "iss"). Default: the identity provider\'s issuer.', 'https://apim.example.com'),
    optionalSetting('GATEWAY_JWKS_URI', 'In jwt mode, signing keys of GATEWAY_JWT_ISSUER. Default: jwks_uri of its discovery document (<issuer>/.well-known/openid-configuration).', 'https://apim.example.com/keys'),
    { name: 'GATEWAY_HMAC_SECRET', description: 'In hmac mode, the secret shared with the gateway that signs each request; at least 32 characters (openssl rand -base64 48). Required with GATEWAY_MODE=hmac.', example: 'change-me-to-a-long-random-secret-of-32-chars-or-more', required: false, secret: true },
    optionalSetting('GATEWAY_MAX_SKEW_SECONDS', "In hmac mode, the largest accepted difference between x-forwarded-timestamp and this server's clock, in seconds; nonces (x-gateway-nonce) are remembered in the store that long after their timestamp, so a signed request is accepted once.", '60'),
    ...RESOURCE_SERVER_SETTINGS,
    ...JWT_VERIFICATION_SETTINGS,
  ],
  readme: [{ file: 'gateway.md' }],
} as const satisfies AuthUnit;
