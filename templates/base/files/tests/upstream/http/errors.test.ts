import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { ToolError } from '../../../src/errors.js';
import {
  UpstreamAuthError,
  UpstreamConflictError,
  UpstreamError,
  UpstreamNotFoundError,
  UpstreamPermissionError,
  UpstreamRateLimitedError,
  UpstreamUnavailableError,
  UpstreamUnknownError,
  UpstreamValidationError,
} from '../../../src/upstream/http/errors.js';
import type { ParsedUpstreamError, UpstreamErrorCode } from '../../../src/upstream/http/errors.js';
import { FakeHttpUpstream } from '../../helpers/fake-http-upstream.js';
import { callContext, testUpstreamClient } from '../../helpers/upstream-client.js';

let fake: FakeHttpUpstream;
beforeEach(async () => {
  fake = await FakeHttpUpstream.start();
});
afterEach(async () => {
  await fake.close();
});

/** The error a single POST (never retried) answered with `status` and `body` is reported as. */
async function errorFor(status: number, body: unknown = { message: 'Upstream says no', code: 'NOPE' }, headers: Record<string, string> = {}): Promise<unknown> {
  const { client } = testUpstreamClient(fake);
  fake.respond({ status, body, headers });
  return client.request({ method: 'POST', path: '/items', body: {} }, callContext()).then(
    () => {
      throw new Error('expected the request to fail');
    },
    (error: unknown) => error,
  );
}

describe('upstream errors', () => {
  it.each([
    [401, 'upstream_auth', UpstreamAuthError],
    [403, 'upstream_permission', UpstreamPermissionError],
    [404, 'upstream_not_found', UpstreamNotFoundError],
    [400, 'upstream_validation', UpstreamValidationError],
    [422, 'upstream_validation', UpstreamValidationError],
    [409, 'upstream_conflict', UpstreamConflictError],
    [412, 'upstream_conflict', UpstreamConflictError],
    [429, 'upstream_rate_limited', UpstreamRateLimitedError],
    [500, 'upstream_unavailable', UpstreamUnavailableError],
    [503, 'upstream_unavailable', UpstreamUnavailableError],
    [418, 'upstream_unknown', UpstreamUnknownError],
  ] as const)('maps HTTP %i to %s', async (status, code, type) => {
    const error = await errorFor(status);
    expect(error).toBeInstanceOf(type);
    expect(error).toBeInstanceOf(UpstreamError);
    expect(error).toMatchObject({ code, details: { upstream: 'Fake API', status, upstreamCode: 'NOPE' } });
  });

  it('are ToolErrors, so a tool can let them reach the client', async () => {
    expect(await errorFor(404)).toBeInstanceOf(ToolError);
  });

  it("name the upstream, the status and the upstream's own message", async () => {
    expect(((await errorFor(403)) as Error).message).toBe('Fake API does not allow this operation (HTTP 403): Upstream says no');
  });

  it('list the fields a validation error names, in the message and the details', async () => {
    const error = await errorFor(422, {
      message: 'Validation failed',
      errors: [
        { field: 'email', message: 'is not an email address' },
        { path: ['address', 'zip'], message: 'is required' },
      ],
    });
    expect(error).toMatchObject({
      details: {
        status: 422,
        fields: [
          { field: 'email', message: 'is not an email address' },
          { field: 'address.zip', message: 'is required' },
        ],
      },
    });
    expect((error as Error).message).toBe('Fake API refused the request (HTTP 422): Validation failed [email: is not an email address; address.zip: is required]');
  });

  it('read OAuth-style bodies ({ error, error_description })', async () => {
    expect(await errorFor(400, { error: 'invalid_request', error_description: 'Missing name' })).toMatchObject({
      message: 'Fake API refused the request (HTTP 400): Missing name',
      details: { upstreamCode: 'invalid_request' },
    });
  });

  it('read nested bodies ({ error: { code, message } })', async () => {
    expect(await errorFor(409, { error: { code: 'ALREADY_EXISTS', message: 'Item exists' } })).toMatchObject({
      message: 'Fake API reported a conflict with its current state (HTTP 409): Item exists',
      details: { upstreamCode: 'ALREADY_EXISTS' },
    });
  });

  it('never repeat a body that is not a structured error (an HTML error page, a stack trace)', async () => {
    const error = (await errorFor(500, '<html><body>Traceback: secret internals at db01</body></html>')) as UpstreamError;
    expect(error.message).toBe('Fake API is unavailable (HTTP 500)');
    expect(JSON.stringify(error.details)).not.toContain('internals');
  });

  it("keep the upstream's message to one bounded line", async () => {
    const error = (await errorFor(400, { message: `first line\nsecond line ${'x'.repeat(1_000)}` })) as Error;
    expect(error.message).not.toContain('\n');
    expect(error.message.length).toBeLessThan(400);
  });

  it('carry the Retry-After of a rate limit', async () => {
    const error = await errorFor(429, {}, { 'retry-after': '30' });
    expect(error).toMatchObject({ details: { retryAfterMs: 30_000 } });
    expect((error as Error).message).toBe('Fake API is rate limiting requests (HTTP 429); try again in 30 s');
  });

  it('use the upstream-specific parser when the client has one', async () => {
    const { client } = testUpstreamClient(fake, {
      parseError: (_status, body) => {
        const { detail } = body as { detail: { text: string; field: string } };
        return { message: detail.text, upstreamCode: 'CUSTOM', fields: [{ field: detail.field, message: detail.text }] };
      },
    });
    fake.respond({ status: 400, body: { detail: { text: 'must be positive', field: 'amount' } } });
    await expect(client.request({ method: 'POST', path: '/payments', body: {} }, callContext())).rejects.toMatchObject({
      code: 'upstream_validation',
      details: { upstreamCode: 'CUSTOM', fields: [{ field: 'amount', message: 'must be positive' }] },
    });
  });

  it('report a redirect instead of following it (it could take the credentials elsewhere)', async () => {
    const { client } = testUpstreamClient(fake);
    fake.respond({ status: 302, headers: { location: 'http://127.0.0.1:9/elsewhere' } });
    await expect(client.request({ method: 'GET', path: '/items' }, callContext())).rejects.toMatchObject({ code: 'upstream_unknown', details: { status: 302 } });
    expect(fake.requests).toHaveLength(1);
  });
});

describe('upstream errors whose body says what they mean', () => {
  /** The error a single POST answered with `status` is reported as, when the upstream's parser reads `parsed` from the body. */
  async function errorSaying(status: number, parsed: ParsedUpstreamError): Promise<unknown> {
    const { client } = testUpstreamClient(fake, { parseError: () => parsed });
    fake.respond({ status, body: {} });
    return client.request({ method: 'POST', path: '/items', body: {} }, callContext()).then(
      () => {
        throw new Error('expected the request to fail');
      },
      (error: unknown) => error,
    );
  }

  it.each([
    ['upstream_auth', UpstreamAuthError],
    ['upstream_permission', UpstreamPermissionError],
    ['upstream_not_found', UpstreamNotFoundError],
    ['upstream_validation', UpstreamValidationError],
    ['upstream_conflict', UpstreamConflictError],
    ['upstream_rate_limited', UpstreamRateLimitedError],
    ['upstream_unavailable', UpstreamUnavailableError],
    ['upstream_unknown', UpstreamUnknownError],
  ] as const)('are %s when the parser says so, whatever the status', async (meaning: UpstreamErrorCode, type) => {
    const error = await errorSaying(418, { meaning, upstreamCode: 'SAYS_SO' });
    expect(error).toBeInstanceOf(type);
    expect(error).toMatchObject({ code: meaning, details: { status: 418, upstreamCode: 'SAYS_SO' } });
  });

  it('describe the failure by its meaning and keep the status the upstream answered with', async () => {
    const error = await errorSaying(403, { meaning: 'upstream_rate_limited', message: 'Daily quota used up', upstreamCode: 'QUOTA_EXCEEDED' });
    expect(error).toMatchObject({ code: 'upstream_rate_limited', details: { status: 403, upstreamCode: 'QUOTA_EXCEEDED' } });
    expect((error as Error).message).toBe('Fake API is rate limiting requests (HTTP 403): Daily quota used up; try again later');
  });

  it('list the fields of a validation error the status alone would not have called one', async () => {
    const error = await errorSaying(403, { meaning: 'upstream_validation', message: 'Bad input', fields: [{ field: 'amount', message: 'must be positive' }] });
    expect((error as Error).message).toBe('Fake API refused the request (HTTP 403): Bad input [amount: must be positive]');
  });

  it("mark an unavailability the body reports as the upstream's answer (reason status)", async () => {
    expect(await errorSaying(400, { meaning: 'upstream_unavailable' })).toMatchObject({ details: { status: 400, reason: 'status' } });
  });

  it("describe the failure in the parser's words when it gives a summary", async () => {
    const error = await errorSaying(403, { meaning: 'upstream_rate_limited', summary: 'reports that the daily quota is used up', message: 'Quota: 0 left' });
    expect((error as Error).message).toBe('Fake API reports that the daily quota is used up (HTTP 403): Quota: 0 left; try again later');
  });

  it('leave the status to decide when the parser gives no meaning', async () => {
    const error = await errorSaying(403, { message: 'Not yours', upstreamCode: 'FORBIDDEN' });
    expect(error).toBeInstanceOf(UpstreamPermissionError);
    expect((error as Error).message).toBe('Fake API does not allow this operation (HTTP 403): Not yours');
  });
});

describe('successful answers', () => {
  it('are parsed as JSON', async () => {
    const { client } = testUpstreamClient(fake);
    fake.respond({ status: 201, body: { id: 1 }, headers: { etag: '"v1"' } });
    const response = await client.request<{ id: number }>({ method: 'POST', path: '/items', body: {} }, callContext());
    expect(response).toMatchObject({ status: 201, body: { id: 1 } });
    expect(response.headers.get('etag')).toBe('"v1"');
  });

  it('have no body for 204 No Content', async () => {
    const { client } = testUpstreamClient(fake);
    fake.respond({ status: 204 });
    expect((await client.request({ method: 'DELETE', path: '/items/1' }, callContext())).body).toBeUndefined();
  });

  it('keep bodies of other content types as text', async () => {
    const { client } = testUpstreamClient(fake);
    fake.respond({ body: 'id,name\n1,x' });
    expect((await client.request({ method: 'GET', path: '/export' }, callContext())).body).toBe('id,name\n1,x');
  });

  it('fail as upstream_unknown when JSON is malformed', async () => {
    const { client } = testUpstreamClient(fake);
    fake.respond({ body: '{"id": 1', headers: { 'content-type': 'application/json' } });
    await expect(client.request({ method: 'GET', path: '/items/1' }, callContext())).rejects.toMatchObject({ code: 'upstream_unknown' });
  });
});
