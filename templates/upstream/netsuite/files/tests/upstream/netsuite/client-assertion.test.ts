import { decodeJwt, decodeProtectedHeader, jwtVerify } from 'jose';
import { describe, expect, it } from 'vitest';

import { ASSERTION_LIFETIME_SECONDS, signClientAssertion } from '../../../src/upstream/netsuite/client-assertion.js';
import { parsePrivateKey } from '../../../src/upstream/netsuite/private-key.js';
import type { NetSuiteClientCredentials } from '../../../src/upstream/netsuite/settings.js';
import { netSuiteTestKeys, type TestSigningAlgorithm } from '../../helpers/netsuite-keys.js';

const TOKEN_URL = 'https://1234567-sb1.suitetalk.api.netsuite.com/services/rest/auth/oauth2/v1/token';
const NOW = Date.UTC(2030, 0, 1, 12, 0, 0);

function settings(algorithm: TestSigningAlgorithm = 'PS256'): NetSuiteClientCredentials {
  const privateKey = parsePrivateKey(netSuiteTestKeys(algorithm).privateKeyPem);
  if (privateKey === undefined) throw new Error('test key does not parse');
  return {
    tokenUrl: TOKEN_URL,
    clientId: 'integration-client-id',
    certificateId: 'certificate-id',
    privateKey,
    algorithm,
    scopes: ['rest_webservices', 'restlets'],
  };
}

describe('the client assertion', () => {
  it('names its algorithm, type and the certificate ID in the header', async () => {
    const header = decodeProtectedHeader(await signClientAssertion(settings(), NOW));
    expect(header).toEqual({ alg: 'PS256', typ: 'JWT', kid: 'certificate-id' });
  });

  it('is issued by the integration client for the token endpoint, with the scopes', async () => {
    const claims = decodeJwt(await signClientAssertion(settings(), NOW));
    expect(claims).toMatchObject({ iss: 'integration-client-id', aud: TOKEN_URL, scope: ['rest_webservices', 'restlets'] });
  });

  it('is issued now and expires well within the hour NetSuite allows', async () => {
    const { iat, exp } = decodeJwt(await signClientAssertion(settings(), NOW));
    expect(iat).toBe(NOW / 1000);
    expect(exp).toBe(NOW / 1000 + ASSERTION_LIFETIME_SECONDS);
    expect(ASSERTION_LIFETIME_SECONDS).toBeLessThanOrEqual(3600);
  });

  it.each(['PS256', 'ES256'] as const)('verifies with the public key of the certificate (%s)', async (algorithm) => {
    const assertion = await signClientAssertion(settings(algorithm), Date.now());
    const { protectedHeader } = await jwtVerify(assertion, netSuiteTestKeys(algorithm).publicKey, { algorithms: [algorithm] });
    expect(protectedHeader.alg).toBe(algorithm);
  });
});
