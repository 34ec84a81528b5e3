import { describe, expect, it, vi } from 'vitest';

import { rememberUpstreamSession, type UpstreamSessionToken } from '../../../src/auth/upstream-session.js';
import type { Identity } from '../../../src/auth/types.js';
import { signedInUserNetSuiteToken } from '../../../src/upstream/netsuite/signed-in-user.js';

/** A caller who signed in at NetSuite, whose session hands out `token`. */
function signedInCaller(token: UpstreamSessionToken) {
  const invalidate = vi.fn(async () => undefined);
  const identity: Identity = rememberUpstreamSession({ subject: '3;101', scopes: [], roles: [] }, { accessToken: async () => token, invalidate, upstreamIdentity: async () => ({}) });
  return { identity, invalidate };
}

describe('the NetSuite token of the signed-in user', () => {
  it('is their own token, sent to the account configured for every user', async () => {
    const { identity } = signedInCaller({ value: 'alice-token', expiresAt: 1_900_000_000_000 });
    expect(await signedInUserNetSuiteToken().getAccessToken({ identity })).toEqual({ value: 'alice-token', expiresAt: 1_900_000_000_000 });
  });

  it('hands a token NetSuite refused back to the user’s session, so their next call refreshes it', async () => {
    const { identity, invalidate } = signedInCaller({ value: 'alice-token' });
    const source = signedInUserNetSuiteToken();
    source.invalidate(await source.getAccessToken({ identity }));
    expect(invalidate).toHaveBeenCalledWith(expect.objectContaining({ value: 'alice-token' }));
  });

  it('answers sign_in_required, naming the setting for stdio, to a caller who did not sign in through this server', async () => {
    const error = await signedInUserNetSuiteToken().getAccessToken({ identity: { subject: 'stdio', scopes: [], roles: [] } }).catch((reason: unknown) => reason);
    expect(error).toMatchObject({ code: 'sign_in_required', message: expect.stringContaining('NETSUITE_AUTH_FLOW=client_credentials') });
  });
});
