import { describe, expect, it, vi } from 'vitest';

import { rememberUpstreamSession, type UpstreamSessionToken } from '../../../src/auth/upstream-session.js';
import type { Identity } from '../../../src/auth/types.js';
import { UpstreamUnknownError } from '../../../src/upstream/http/errors.js';
import { signedInUserSession } from '../../../src/upstream/salesforce/signed-in-user.js';

const options = { loginUrl: 'https://acme.my.salesforce.com', apiVersion: '66.0' };

/** A caller who signed in at Salesforce, whose session hands out `token`. */
function signedInCaller(token: UpstreamSessionToken) {
  const invalidate = vi.fn(async () => undefined);
  const identity: Identity = rememberUpstreamSession({ subject: 'alice', scopes: [], roles: [] }, { accessToken: async () => token, invalidate, upstreamIdentity: async () => ({}) });
  return { identity, invalidate };
}

describe('the Salesforce session of the signed-in user', () => {
  it('sends their calls to the instance Salesforce named when they signed in, with their own token', async () => {
    const { identity } = signedInCaller({ value: 'alice-token', extras: { instance_url: 'https://acme.my.salesforce.com' } });
    expect(await signedInUserSession(options).getAccessToken({ identity })).toEqual({
      value: 'alice-token',
      apiBaseUrl: 'https://acme.my.salesforce.com/services/data/v66.0',
    });
  });

  it('refuses an instance that is not https, or none at all, before any call is sent', async () => {
    for (const extras of [{ instance_url: 'http://acme.my.salesforce.com' }, {}]) {
      const { identity } = signedInCaller({ value: 'alice-token', extras });
      await expect(signedInUserSession(options).getAccessToken({ identity })).rejects.toBeInstanceOf(UpstreamUnknownError);
    }
  });

  it('hands a token Salesforce refused back to the user’s session, so their next call refreshes it', async () => {
    const { identity, invalidate } = signedInCaller({ value: 'alice-token', extras: { instance_url: 'https://acme.my.salesforce.com' } });
    const source = signedInUserSession(options);
    source.invalidate(await source.getAccessToken({ identity }));
    expect(invalidate).toHaveBeenCalledWith(expect.objectContaining({ value: 'alice-token' }));
  });

  it('answers sign_in_required, naming the setting for stdio, to a caller who did not sign in through this server', async () => {
    const error = await signedInUserSession(options).getAccessToken({ identity: { subject: 'stdio', scopes: [], roles: [] } }).catch((reason: unknown) => reason);
    expect(error).toMatchObject({ code: 'sign_in_required', message: expect.stringContaining('SALESFORCE_AUTH_FLOW') });
  });
});
