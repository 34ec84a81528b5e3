import { describe, expect, it } from 'vitest';

import { withFakeNetSuiteApi } from '../../helpers/netsuite-session.js';
import { callContext } from '../../helpers/upstream-client.js';

describe('NetSuite failures', () => {
  const session = withFakeNetSuiteApi();

  const readCustomer = () => session.api.records.get('customer', '101', callContext());

  it('400 with field details: upstream_validation naming each field', async () => {
    const failure = session.api.records.create('customer', { email: 'not-an-address' }, callContext());
    await expect(failure).rejects.toMatchObject({
      code: 'upstream_validation',
      details: {
        upstream: 'NetSuite',
        status: 400,
        upstreamCode: 'USER_ERROR',
        fields: [
          { field: 'companyName', message: 'Please enter value(s) for: companyName' },
          { field: 'email', message: expect.stringContaining('Invalid email address') },
        ],
      },
    });
    await expect(failure).rejects.toThrow(/companyName: Please enter value\(s\) for: companyName/);
  });

  it('401 that a fresh token does not cure: upstream_auth', async () => {
    session.fake.refuseAllTokens();
    await expect(readCustomer()).rejects.toMatchObject({ code: 'upstream_auth', details: { status: 401, upstreamCode: 'INVALID_LOGIN' } });
    expect(session.fake.tokenRequests()).toHaveLength(2);
    expect(session.fake.apiRequests()).toHaveLength(2);
  });

  it('403: upstream_permission', async () => {
    session.fake.denyRecordType('employee');
    await expect(session.api.records.get('employee', '7', callContext())).rejects.toMatchObject({
      code: 'upstream_permission',
      details: { status: 403, upstreamCode: 'INSUFFICIENT_PERMISSION' },
    });
  });

  it('404: upstream_not_found with NetSuite explanation', async () => {
    await expect(session.api.records.get('customer', '999999', callContext())).rejects.toMatchObject({
      code: 'upstream_not_found',
      message: expect.stringContaining('The record instance does not exist'),
      details: { status: 404, upstreamCode: 'NONEXISTENT_ID' },
    });
  });

  it('429 that outlasts the retries: upstream_rate_limited with the wait NetSuite asked for', async () => {
    session.fake.failNext(4, { status: 429, retryAfter: '2' });
    await expect(readCustomer()).rejects.toMatchObject({
      code: 'upstream_rate_limited',
      details: { status: 429, upstreamCode: 'CONCURRENCY_LIMIT_EXCEEDED', retryAfterMs: 2000 },
    });
    expect(session.fake.apiRequests()).toHaveLength(4);
  });

  it('429: each retry waits at least the Retry-After', async () => {
    session.fake.failNext(2, { status: 429, retryAfter: '2' });
    await readCustomer();
    expect(session.time.sleeps).toEqual([2000, 2000]);
  });

  it('503 burst: retried with backoff until NetSuite answers', async () => {
    session.fake.failNext(3, { status: 503 });
    const record = await readCustomer();
    expect(record.id).toBe('101');
    expect(session.fake.apiRequests()).toHaveLength(4);
    expect(session.time.sleeps).toHaveLength(3);
  });

  it('503 that outlasts the retries: upstream_unavailable', async () => {
    session.fake.failNext(4, { status: 503 });
    await expect(readCustomer()).rejects.toMatchObject({ code: 'upstream_unavailable', details: { status: 503, reason: 'status' } });
  });

  it('a stalled answer is abandoned after UPSTREAM_TIMEOUT_MS and the read retried', async () => {
    session.reconfigure({ UPSTREAM_TIMEOUT_MS: '500' });
    await withTokenAlreadyFetched();
    session.fake.stallNext();
    const record = await readCustomer();
    expect(record.id).toBe('101');
    expect(session.fake.apiRequests()).toHaveLength(3);
  });

  it('a stalled answer to a create is reported as upstream_unavailable (timeout), not retried', async () => {
    session.reconfigure({ UPSTREAM_TIMEOUT_MS: '500' });
    await withTokenAlreadyFetched();
    session.fake.stallNext();
    await expect(session.api.records.create('customer', { companyName: 'Slow Ltd' }, callContext())).rejects.toMatchObject({
      code: 'upstream_unavailable',
      details: { reason: 'timeout' },
    });
    expect(session.fake.apiRequests()).toHaveLength(2);
  });

  /**
   * Signs the client assertion and fetches the token before a timeout test, so the timed attempt
   * is only the API request: on a loaded machine, signing alone can take longer than the timeout.
   */
  async function withTokenAlreadyFetched(): Promise<void> {
    await readCustomer();
  }
});
