import { describe, expect, it } from 'vitest';

import { parseNetSuiteError } from '../../../src/upstream/netsuite/error-body.js';

describe('NetSuite error bodies', () => {
  it('give the details as the message and the first error code', () => {
    const body = {
      type: 'https://www.rfc-editor.org/rfc/rfc9110.html#section-15.5.5',
      title: 'Not Found',
      status: 404,
      'o:errorDetails': [{ detail: 'The record instance does not exist. Provide a valid record instance ID.', 'o:errorCode': 'NONEXISTENT_ID' }],
    };
    expect(parseNetSuiteError(404, body)).toEqual({ message: 'The record instance does not exist. Provide a valid record instance ID.', upstreamCode: 'NONEXISTENT_ID' });
  });

  it('name each field a detail points at', () => {
    const body = {
      title: 'Bad Request',
      status: 400,
      'o:errorDetails': [
        { detail: 'Please enter value(s) for: companyName', 'o:errorPath': 'companyName', 'o:errorCode': 'USER_ERROR' },
        { detail: 'Invalid email address.', 'o:errorPath': 'email', 'o:errorCode': 'INVALID_FLD_VALUE' },
      ],
    };
    expect(parseNetSuiteError(400, body)).toEqual({
      message: 'Please enter value(s) for: companyName Invalid email address.',
      upstreamCode: 'USER_ERROR',
      fields: [
        { field: 'companyName', message: 'Please enter value(s) for: companyName' },
        { field: 'email', message: 'Invalid email address.' },
      ],
    });
  });

  it('fall back to the title when there are no details', () => {
    expect(parseNetSuiteError(503, { title: 'Service Unavailable', status: 503 })).toEqual({ message: 'Service Unavailable' });
  });

  it.each([undefined, 'upstream text', ['a'], { unrelated: true }])('say nothing for %j', (body) => {
    expect(parseNetSuiteError(500, body)).toEqual({});
  });
});
