import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import type { NetSuiteApi } from '../../../src/upstream/netsuite/api.js';
import { startFakeNetSuite, type FakeNetSuite } from '../../helpers/fake-netsuite.js';
import { testNetSuiteApi } from '../../helpers/netsuite-api.js';
import { callContext } from '../../helpers/upstream-client.js';
import { VirtualTime } from '../../helpers/virtual-time.js';

describe('NetSuite failures', () => {
  let time: VirtualTime;
  let fake: FakeNetSuite;
  let api: NetSuiteApi;

  beforeEach(async () => {
    time = new VirtualTime();
    fake = await startFakeNetSuite({ now: time.now });
    ({ api } = testNetSuiteApi(fake, time));
  });

  afterEach(async () => {
    await fake.close();
  });

  const readCustomer = () => api.records.get('customer', '101', callContext());

  it('400 with field details: upstream_validation naming each field', async () => {
    const failure = api.records.create('customer', { email: 'not-an-address' }, callContext());
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
    fake.refuseAllTokens();
    await expect(readCustomer()).rejects.toMatchObject({ code: 'upstream_auth', details: { status: 401, upstreamCode: 'INVALID_LOGIN' } });
    expect(fake.tokenRequests()).toHaveLength(2);
    expect(fake.apiRequests()).toHaveLength(2);
  });

  it('403: upstream_permission', async () => {
    fake.denyRecordType('employee');
    await expect(api.records.get('employee', '7', callContext())).rejects.toMatchObject({
      code: 'upstream_permission',
      details: { status: 403, upstreamCode: 'INSUFFICIENT_PERMISSION' },
    });
  });

  it('404: upstream_not_found with NetSuite explanation', async () => {
    await expect(api.records.get('customer', '999999', callContext())).rejects.toMatchObject({
      code: 'upstream_not_found',
      message: expect.stringContaining('The record instance does not exist'),
      details: { status: 404, upstreamCode: 'NONEXISTENT_ID' },
    });
  });

  it('429 that outlasts the retries: upstream_rate_limited with the wait NetSuite asked for', async () => {
    fake.failNext(4, { status: 429, retryAfter: '2' });
    await expect(readCustomer()).rejects.toMatchObject({
      code: 'upstream_rate_limited',
      details: { status: 429, upstreamCode: 'CONCURRENCY_LIMIT_EXCEEDED', retryAfterMs: 2000 },
    });
    expect(fake.apiRequests()).toHaveLength(4);
  });

  it('429: each retry waits at least the Retry-After', async () => {
    fake.failNext(2, { status: 429, retryAfter: '2' });
    await readCustomer();
    expect(time.sleeps).toEqual([2000, 2000]);
  });

  it('503 burst: retried with backoff until NetSuite answers', async () => {
    fake.failNext(3, { status: 503 });
    const record = await readCustomer();
    expect(record.id).toBe('101');
    expect(fake.apiRequests()).toHaveLength(4);
    expect(time.sleeps).toHaveLength(3);
  });

  it('503 that outlasts the retries: upstream_unavailable', async () => {
    fake.failNext(4, { status: 503 });
    await expect(readCustomer()).rejects.toMatchObject({ code: 'upstream_unavailable', details: { status: 503, reason: 'status' } });
  });

  it('a stalled answer is abandoned after UPSTREAM_TIMEOUT_MS and the read retried', async () => {
    ({ api } = testNetSuiteApi(fake, time, { UPSTREAM_TIMEOUT_MS: '100' }));
    fake.stallNext();
    const record = await readCustomer();
    expect(record.id).toBe('101');
    expect(fake.apiRequests()).toHaveLength(2);
  });

  it('a stalled answer to a create is reported as upstream_unavailable (timeout), not retried', async () => {
    ({ api } = testNetSuiteApi(fake, time, { UPSTREAM_TIMEOUT_MS: '100' }));
    fake.stallNext();
    await expect(api.records.create('customer', { companyName: 'Slow Ltd' }, callContext())).rejects.toMatchObject({
      code: 'upstream_unavailable',
      details: { reason: 'timeout' },
    });
    expect(fake.apiRequests()).toHaveLength(1);
  });
});
