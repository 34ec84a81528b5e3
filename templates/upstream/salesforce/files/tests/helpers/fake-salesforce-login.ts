import { generateKeyPairSync, verify, type KeyObject } from 'node:crypto';

import type { FakeAnswer } from './fake-salesforce-answers.js';

/**
 * The token endpoint of the fake login host (POST /services/oauth2/token): the client credentials
 * flow (consumer key and secret) and the JWT bearer flow (an RS256 assertion checked against the
 * certificate's public key, its issuer, subject, audience and expiry), answering like Salesforce:
 * `access_token` and `instance_url`, no `expires_in`; OAuth errors as 400.
 */

export const FAKE_CLIENT_ID = '3MVG9FAKE.consumer-key';
export const FAKE_CLIENT_SECRET = 'fake-consumer-secret';
export const FAKE_USERNAME = 'integration@acme.test';

let keyPair: { privateKeyPem: string; publicKey: KeyObject } | undefined;

/** The key pair of the certificate "uploaded" to the fake external client app; made once per test process. */
export function fakeAppKeyPair(): { privateKeyPem: string; publicKey: KeyObject } {
  if (keyPair === undefined) {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    keyPair = { privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), publicKey };
  }
  return keyPair;
}

const oauthError = (error: string, description: string): FakeAnswer => ({ status: 400, body: { error, error_description: description } });

/** The longest assertion lifetime Salesforce accepts. */
const MAX_ASSERTION_SECONDS = 180;

export interface FakeLoginOptions {
  /** The audience assertions must name: the login host's own URL. */
  audience(): string;
  /** Where the API of the org lives, as token answers name it. */
  instanceUrl(): string;
}

export class FakeLogin {
  /** Access tokens the instance accepts. */
  readonly sessions = new Set<string>();
  readonly #options: FakeLoginOptions;
  #issued = 0;

  constructor(options: FakeLoginOptions) {
    this.#options = options;
  }

  answer(form: URLSearchParams): FakeAnswer {
    const grant = form.get('grant_type');
    if (grant === 'client_credentials') return this.#clientCredentials(form);
    if (grant === 'urn:ietf:params:oauth:grant-type:jwt-bearer') return this.#jwtBearer(form.get('assertion') ?? '');
    return oauthError('unsupported_grant_type', 'grant type not supported');
  }

  #clientCredentials(form: URLSearchParams): FakeAnswer {
    if (form.get('client_id') !== FAKE_CLIENT_ID) return oauthError('invalid_client_id', 'client identifier invalid');
    if (form.get('client_secret') !== FAKE_CLIENT_SECRET) return oauthError('invalid_client', 'invalid client credentials');
    return this.#session();
  }

  #jwtBearer(assertion: string): FakeAnswer {
    const claims = verifiedClaims(assertion, fakeAppKeyPair().publicKey);
    if (claims === undefined) return oauthError('invalid_grant', 'invalid assertion');
    if (claims.iss !== FAKE_CLIENT_ID) return oauthError('invalid_client_id', 'client identifier invalid');
    if (claims.aud !== this.#options.audience()) return oauthError('invalid_grant', 'audience is invalid');
    const now = Math.floor(Date.now() / 1000);
    if (typeof claims.exp !== 'number' || claims.exp <= now || claims.exp > now + MAX_ASSERTION_SECONDS) {
      return oauthError('invalid_grant', 'expired authorization code');
    }
    if (claims.sub !== FAKE_USERNAME) return oauthError('invalid_grant', "user hasn't approved this consumer");
    return this.#session();
  }

  #session(): FakeAnswer {
    this.#issued += 1;
    const accessToken = `00DFAKE0000000001!session.${this.#issued}`;
    this.sessions.add(accessToken);
    return {
      status: 200,
      body: {
        access_token: accessToken,
        signature: 'ZmFrZS1zaWduYXR1cmU=',
        scope: 'api',
        instance_url: this.#options.instanceUrl(),
        id: `${this.#options.audience()}/id/00DFAKE0000000001/005FAKE0000000001`,
        token_type: 'Bearer',
        issued_at: String(Date.now()),
      },
    };
  }
}

/** The claims of an RS256 JWT whose signature `publicKey` verifies; undefined for anything else. */
function verifiedClaims(jwt: string, publicKey: KeyObject): Record<string, unknown> | undefined {
  const [header, payload, signature, ...extra] = jwt.split('.');
  if (header === undefined || payload === undefined || signature === undefined || extra.length > 0) return undefined;
  try {
    const { alg } = JSON.parse(Buffer.from(header, 'base64url').toString('utf8')) as { alg?: unknown };
    if (alg !== 'RS256') return undefined;
    if (!verify('sha256', Buffer.from(`${header}.${payload}`), publicKey, Buffer.from(signature, 'base64url'))) return undefined;
    const claims: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    return typeof claims === 'object' && claims !== null ? (claims as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
