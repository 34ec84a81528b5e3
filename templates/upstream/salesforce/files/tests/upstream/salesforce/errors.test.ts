import { describe, expect, it } from 'vitest';

import { parseSalesforceError } from '../../../src/upstream/salesforce/errors.js';
import { SALESFORCE_FAULTS } from '../../helpers/fake-salesforce.js';
import { callContext, salesforceApiFor } from '../../helpers/salesforce-api.js';
import { withFakeSalesforceApi } from '../../helpers/salesforce-session.js';

describe('Salesforce errors', () => {
  const session = withFakeSalesforceApi();

  it('REQUIRED_FIELD_MISSING is upstream_validation naming the fields', async () => {
    await expect(session.api.sobjects.create({ sobject: 'Account', values: { Industry: 'Banking' } }, callContext())).rejects.toMatchObject({
      code: 'upstream_validation',
      message: expect.stringContaining('Required fields are missing: [Name]'),
      details: { status: 400, upstreamCode: 'REQUIRED_FIELD_MISSING', fields: [{ field: 'Name', message: 'Required fields are missing: [Name]' }] },
    });
  });

  it('FIELD_CUSTOM_VALIDATION_EXCEPTION is upstream_validation with the validation rule\'s message', async () => {
    const id = session.fake.data.seed('Account', { Name: 'Acme' });
    await expect(session.api.sobjects.update({ sobject: 'Account', id, values: { AnnualRevenue: -1 } }, callContext())).rejects.toMatchObject({
      code: 'upstream_validation',
      details: { upstreamCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION', fields: [{ field: 'AnnualRevenue', message: 'Annual revenue cannot be negative' }] },
    });
  });

  it('INVALID_FIELD is upstream_validation', async () => {
    await expect(session.api.sobjects.create({ sobject: 'Account', values: { Name: 'Acme', Revenue: 1 } }, callContext())).rejects.toMatchObject({
      code: 'upstream_validation',
      details: { upstreamCode: 'INVALID_FIELD' },
    });
  });

  it('MALFORMED_QUERY and INVALID_TYPE are upstream_validation', async () => {
    await expect(session.api.soql.query('SELECT FROM WHERE', callContext())).rejects.toMatchObject({ code: 'upstream_validation', details: { upstreamCode: 'MALFORMED_QUERY' } });
    await expect(session.api.soql.query('SELECT Id FROM Invoice', callContext())).rejects.toMatchObject({ code: 'upstream_validation', details: { upstreamCode: 'INVALID_TYPE' } });
  });

  it('NOT_FOUND is upstream_not_found', async () => {
    await expect(session.api.sobjects.get({ sobject: 'Account', id: '001000000000999AAA' }, callContext())).rejects.toMatchObject({
      code: 'upstream_not_found',
      details: { status: 404, upstreamCode: 'NOT_FOUND' },
    });
  });

  it('INSUFFICIENT_ACCESS_OR_READONLY is upstream_permission, though Salesforce answers 400', async () => {
    session.fake.failNext(SALESFORCE_FAULTS.insufficientAccess);
    const id = session.fake.data.seed('Account', { Name: 'Acme' });
    await expect(session.api.sobjects.update({ sobject: 'Account', id, values: { Name: 'Acme Corp' } }, callContext())).rejects.toMatchObject({
      code: 'upstream_permission',
      message: expect.stringContaining('insufficient access rights on object id'),
      details: { status: 400, upstreamCode: 'INSUFFICIENT_ACCESS_OR_READONLY' },
    });
  });

  it('DUPLICATE_VALUE is upstream_conflict', async () => {
    session.fake.data.seed('Account', { Name: 'Acme', External_Id__c: 'ERP-1' });
    await expect(session.api.sobjects.create({ sobject: 'Account', values: { Name: 'Acme 2', External_Id__c: 'ERP-1' } }, callContext())).rejects.toMatchObject({
      code: 'upstream_conflict',
      details: { status: 400, upstreamCode: 'DUPLICATE_VALUE' },
    });
  });

  it('an upsert whose external ID matches several records (300) is upstream_conflict', async () => {
    session.fake.data.seed('Account', { Name: 'Acme', External_Id__c: 'ERP-1' });
    session.fake.data.seed('Account', { Name: 'Acme again', External_Id__c: 'ERP-1' });
    await expect(
      session.api.sobjects.upsert({ sobject: 'Account', field: 'External_Id__c', value: 'ERP-1', values: { Name: 'Acme' } }, callContext()),
    ).rejects.toMatchObject({ code: 'upstream_conflict', details: { status: 300 } });
  });

  it('REQUEST_LIMIT_EXCEEDED is upstream_rate_limited, though Salesforce answers 403, and is not retried', async () => {
    session.fake.failNext(SALESFORCE_FAULTS.requestLimitExceeded);
    await expect(session.api.describe.sobjects(callContext())).rejects.toMatchObject({
      code: 'upstream_rate_limited',
      message: expect.stringMatching(/API request limit.*TotalRequests Limit exceeded.*try again later/),
      details: { status: 403, upstreamCode: 'REQUEST_LIMIT_EXCEEDED' },
    });
    expect(session.fake.apiRequests()).toHaveLength(1);
  });

  it('a burst of 503 answers to a read is retried until Salesforce answers', async () => {
    session.fake.failNext(SALESFORCE_FAULTS.unavailable, 2);
    await expect(session.api.describe.sobjects(callContext())).resolves.toEqual(expect.any(Array));
    expect(session.fake.apiRequests()).toHaveLength(3);
  });

  it('503 answers that outlast the retries are upstream_unavailable', async () => {
    session.fake.failNext(SALESFORCE_FAULTS.unavailable, 4);
    await expect(session.api.describe.sobjects(callContext())).rejects.toMatchObject({ code: 'upstream_unavailable', details: { status: 503, reason: 'status' } });
    expect(session.fake.apiRequests()).toHaveLength(4);
  });

  it('a create that meets a 503 is not sent again, so it cannot create the record twice', async () => {
    session.fake.failNext(SALESFORCE_FAULTS.unavailable);
    await expect(session.api.sobjects.create({ sobject: 'Account', values: { Name: 'Acme' } }, callContext())).rejects.toMatchObject({ code: 'upstream_unavailable' });
    expect(session.fake.apiRequests()).toHaveLength(1);
  });

  it('an answer that does not come in time is upstream_unavailable (timeout)', async () => {
    session.fake.stallNext();
    const impatient = salesforceApiFor(session.fake, { UPSTREAM_TIMEOUT_MS: '100', UPSTREAM_MAX_RETRIES: '0' });
    await expect(impatient.describe.sobjects(callContext())).rejects.toMatchObject({ code: 'upstream_unavailable', details: { reason: 'timeout' } });
  });
});

describe('Salesforce error lists', () => {
  it('give the meaning of their first error code', () => {
    const body = [
      { errorCode: 'REQUEST_LIMIT_EXCEEDED', message: 'TotalRequests Limit exceeded.' },
      { errorCode: 'INVALID_FIELD', message: 'No such column' },
    ];
    expect(parseSalesforceError(403, body)).toMatchObject({ upstreamCode: 'REQUEST_LIMIT_EXCEEDED', meaning: 'upstream_rate_limited' });
  });

  it.each(['SOMETHING_NEW', 'constructor', 'toString'])('leave the HTTP status to decide for an error code they do not know (%s)', (errorCode) => {
    expect(parseSalesforceError(400, [{ errorCode, message: 'Something happened' }])).toEqual({ message: 'Something happened', upstreamCode: errorCode });
  });
});
