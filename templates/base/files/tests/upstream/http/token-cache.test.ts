import { describe, expect, it } from 'vitest';

import { anonymousIdentity } from '../../../src/auth/types.js';
import { UpstreamUnavailableError } from '../../../src/upstream/http/errors.js';
import { cachedTokenSource, type AccessToken } from '../../../src/upstream/http/token-source.js';
import { VirtualTime } from '../../helpers/virtual-time.js';

const context = { identity: anonymousIdentity };

/**
 * A token issuer on virtual time: each fetch hands out the next token, living `lifetimeMs` (or
 * without expiry). `failNextFetch` makes the next fetch fail the way an unreachable endpoint does.
 */
function issuer(time: VirtualTime, lifetimeMs: number | 'forever' = 3_600_000) {
  let issued = 0;
  let failNext = false;
  return {
    get fetches() {
      return issued;
    },
    failNextFetch() {
      failNext = true;
    },
    fetchToken: async (): Promise<AccessToken> => {
      await Promise.resolve();
      if (failNext) {
        failNext = false;
        throw new UpstreamUnavailableError('The token endpoint cannot be reached', { upstream: 'Fake API', reason: 'network' });
      }
      issued += 1;
      return { value: `token-${issued}`, ...(lifetimeMs !== 'forever' && { expiresAt: time.now() + lifetimeMs }) };
    },
  };
}

describe('cached token source', () => {
  it('fetches once and reuses the token for every caller', async () => {
    const time = new VirtualTime();
    const tokens = issuer(time);
    const source = cachedTokenSource(tokens.fetchToken, { refreshBeforeMs: 60_000, now: time.now });
    expect((await source.getAccessToken(context)).value).toBe('token-1');
    expect((await source.getAccessToken(context)).value).toBe('token-1');
    expect(tokens.fetches).toBe(1);
  });

  it('shares one fetch among concurrent callers (single-flight)', async () => {
    const time = new VirtualTime();
    const tokens = issuer(time);
    const source = cachedTokenSource(tokens.fetchToken, { refreshBeforeMs: 60_000, now: time.now });
    const values = await Promise.all(Array.from({ length: 20 }, () => source.getAccessToken(context)));
    expect(new Set(values.map((token) => token.value))).toEqual(new Set(['token-1']));
    expect(tokens.fetches).toBe(1);
  });

  it('fetches a new token refreshBeforeMs ahead of expiry', async () => {
    const time = new VirtualTime();
    const tokens = issuer(time, 3_600_000);
    const source = cachedTokenSource(tokens.fetchToken, { refreshBeforeMs: 60_000, now: time.now });
    await source.getAccessToken(context);
    time.advance(3_540_000 - 1);
    expect((await source.getAccessToken(context)).value).toBe('token-1');
    time.advance(1);
    expect((await source.getAccessToken(context)).value).toBe('token-2');
  });

  it('refreshes a token that lives shorter than the margin at half its lifetime, not on every call', async () => {
    const time = new VirtualTime();
    const tokens = issuer(time, 30_000);
    const source = cachedTokenSource(tokens.fetchToken, { refreshBeforeMs: 60_000, now: time.now });
    await source.getAccessToken(context);
    time.advance(14_999);
    expect((await source.getAccessToken(context)).value).toBe('token-1');
    time.advance(1);
    expect((await source.getAccessToken(context)).value).toBe('token-2');
  });

  it('keeps a token without expiry until it is invalidated', async () => {
    const time = new VirtualTime();
    const tokens = issuer(time, 'forever');
    const source = cachedTokenSource(tokens.fetchToken, { refreshBeforeMs: 60_000, now: time.now });
    const first = await source.getAccessToken(context);
    time.advance(365 * 24 * 3_600_000);
    expect(await source.getAccessToken(context)).toBe(first);
    source.invalidate(first);
    expect((await source.getAccessToken(context)).value).toBe('token-2');
  });

  it('ignores the invalidation of a token it already replaced', async () => {
    const time = new VirtualTime();
    const tokens = issuer(time, 'forever');
    const source = cachedTokenSource(tokens.fetchToken, { refreshBeforeMs: 60_000, now: time.now });
    const first = await source.getAccessToken(context);
    source.invalidate(first);
    await source.getAccessToken(context);
    source.invalidate(first);
    expect((await source.getAccessToken(context)).value).toBe('token-2');
    expect(tokens.fetches).toBe(2);
  });

  it('does not cache a failed fetch: the next call tries again', async () => {
    const time = new VirtualTime();
    const tokens = issuer(time);
    const source = cachedTokenSource(tokens.fetchToken, { refreshBeforeMs: 60_000, now: time.now });
    tokens.failNextFetch();
    await expect(source.getAccessToken(context)).rejects.toBeInstanceOf(UpstreamUnavailableError);
    expect((await source.getAccessToken(context)).value).toBe('token-1');
  });

  it('keeps using a token inside its refresh margin while the issuer cannot be reached', async () => {
    const time = new VirtualTime();
    const tokens = issuer(time, 3_600_000);
    const source = cachedTokenSource(tokens.fetchToken, { refreshBeforeMs: 60_000, now: time.now });
    await source.getAccessToken(context);
    time.advance(3_570_000);
    tokens.failNextFetch();
    expect((await source.getAccessToken(context)).value).toBe('token-1');
  });

  it('does not hand out an expired token when the refresh fails', async () => {
    const time = new VirtualTime();
    const tokens = issuer(time, 3_600_000);
    const source = cachedTokenSource(tokens.fetchToken, { refreshBeforeMs: 60_000, now: time.now });
    await source.getAccessToken(context);
    time.advance(3_600_000);
    tokens.failNextFetch();
    await expect(source.getAccessToken(context)).rejects.toBeInstanceOf(UpstreamUnavailableError);
  });

  it('stops waiting when the caller aborts, without failing the others waiting for the same fetch', async () => {
    let release: (value: AccessToken) => void = () => undefined;
    const source = cachedTokenSource(() => new Promise<AccessToken>((resolve) => (release = resolve)), { refreshBeforeMs: 60_000 });
    const impatient = new AbortController();
    const first = source.getAccessToken({ ...context, signal: impatient.signal });
    const second = source.getAccessToken(context);
    impatient.abort(new Error('caller went away'));
    await expect(first).rejects.toThrow('caller went away');
    release({ value: 'shared' });
    expect((await second).value).toBe('shared');
  });
});
