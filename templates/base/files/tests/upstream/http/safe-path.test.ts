import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { ToolError } from '../../../src/errors.js';
import { pathOf } from '../../../src/upstream/http/safe-path.js';
import { FakeHttpUpstream } from '../../helpers/fake-http-upstream.js';
import { callContext, testUpstreamClient } from '../../helpers/upstream-client.js';

describe('pathOf', () => {
  it('joins segments into a path', () => {
    expect(pathOf('customers', 42, 'orders')).toBe('/customers/42/orders');
  });

  it('encodes each segment, so input cannot add segments, a query or a fragment', () => {
    expect(pathOf('customers', 'a/b?c=d#e f')).toBe('/customers/a%2Fb%3Fc%3Dd%23e%20f');
  });

  it.each(['', '.', '..'])('refuses the segment %j, which URL rules would collapse', (segment) => {
    expect(() => pathOf('customers', segment)).toThrow(ToolError);
    expect(() => pathOf('customers', segment)).toThrow(expect.objectContaining({ code: 'invalid_argument' }));
  });

  it('refuses numbers that are not finite', () => {
    expect(() => pathOf('items', Number.NaN)).toThrow(ToolError);
  });
});

describe('requests stay below the base URL', () => {
  let fake: FakeHttpUpstream;
  beforeEach(async () => {
    fake = await FakeHttpUpstream.start();
  });
  afterEach(async () => {
    await fake.close();
  });

  const pathsReached = () => fake.requests.map((request) => request.url);

  it('resolves a path below the base path', async () => {
    const { client } = testUpstreamClient(fake);
    await client.request({ method: 'GET', path: pathOf('items', 'a b'), query: { limit: 10, active: true, cursor: undefined } }, callContext());
    expect(pathsReached()).toEqual(['/api/v1/items/a%20b?limit=10&active=true']);
  });

  it('accepts an absolute URL the upstream returned, on its origin and below the base path (a paging link)', async () => {
    const { client } = testUpstreamClient(fake);
    await client.request({ method: 'GET', path: `${fake.url}/api/v1/items?page=2` }, callContext());
    expect(pathsReached()).toEqual(['/api/v1/items?page=2']);
  });

  /** Each case builds its path from the fake's origin (http://127.0.0.1:<port>). */
  it.each([
    ['an absolute URL on another host', (origin: string) => origin.replace('127.0.0.1', 'localhost') + '/api/v1/items'],
    ['an absolute URL on another port', (origin: string) => `${origin.replace(/:\d+$/, '')}:1/api/v1/items`],
    ['an absolute URL with another scheme', (origin: string) => origin.replace('http:', 'https:') + '/api/v1/items'],
    ['a URL with credentials', (origin: string) => origin.replace('//', '//user:pass@') + '/api/v1/items'],
    ['a file URL', () => 'file:///etc/passwd'],
    ['a path with ".." segments', () => '/items/../../admin'],
    ['a path with encoded ".." segments', () => '/items/%2e%2E/%2E./admin'],
    ['a path with backslash ".." segments', () => '/items\\..\\..\\admin'],
  ])('refuses %s before sending anything', async (_case, pathFor) => {
    const { client } = testUpstreamClient(fake);
    const error = await client.request({ method: 'GET', path: pathFor(fake.url) }, callContext()).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ToolError);
    expect(error).toMatchObject({ code: 'invalid_argument' });
    expect(fake.requests).toHaveLength(0);
  });

  it('refuses an absolute URL on its origin but outside the base path', async () => {
    const { client } = testUpstreamClient(fake);
    await expect(client.request({ method: 'GET', path: `${fake.url}/admin/users` }, callContext())).rejects.toMatchObject({ code: 'invalid_argument' });
    await expect(client.request({ method: 'GET', path: `${fake.url}/api/v10/items` }, callContext())).rejects.toMatchObject({ code: 'invalid_argument' });
    expect(fake.requests).toHaveLength(0);
  });

  it('refuses before asking for a token', async () => {
    let tokenRequests = 0;
    const { client } = testUpstreamClient(fake, {
      tokenSource: {
        getAccessToken: async () => {
          tokenRequests += 1;
          return { value: 't' };
        },
        invalidate: () => undefined,
      },
    });
    await expect(client.request({ method: 'GET', path: '/../admin' }, callContext())).rejects.toMatchObject({ code: 'invalid_argument' });
    expect(tokenRequests).toBe(0);
  });

  it('treats what follows the base URL as a path, never as a host', async () => {
    const { client } = testUpstreamClient(fake);
    await client.request({ method: 'GET', path: '//127.0.0.2/items' }, callContext());
    await client.request({ method: 'GET', path: '@127.0.0.2/items' }, callContext());
    expect(pathsReached()).toEqual(['/api/v1//127.0.0.2/items', '/api/v1/@127.0.0.2/items']);
  });
});
