import { describe, expect, it } from 'vitest';

import { isAcceptableInstanceUrl, jwtBearerAudience } from '../../../src/upstream/salesforce/login-url.js';

describe('Salesforce login hosts', () => {
  it('give JWT bearer assertions the generic login host of the org kind as audience', () => {
    expect(jwtBearerAudience('https://login.salesforce.com')).toBe('https://login.salesforce.com');
    expect(jwtBearerAudience('https://test.salesforce.com')).toBe('https://test.salesforce.com');
    expect(jwtBearerAudience('https://acme.my.salesforce.com')).toBe('https://login.salesforce.com');
    expect(jwtBearerAudience('https://acme--uat.sandbox.my.salesforce.com')).toBe('https://test.salesforce.com');
    expect(jwtBearerAudience('https://acme-dev-ed.develop.my.salesforce.com')).toBe('https://login.salesforce.com');
  });

  it('let the API be called at an https instance only', () => {
    expect(isAcceptableInstanceUrl('https://acme.my.salesforce.com', 'https://acme.my.salesforce.com')).toBe(true);
    expect(isAcceptableInstanceUrl('http://acme.my.salesforce.com', 'https://acme.my.salesforce.com')).toBe(false);
    expect(isAcceptableInstanceUrl('http://127.0.0.1:8080', 'https://login.salesforce.com')).toBe(false);
    expect(isAcceptableInstanceUrl('https://user:pass@acme.my.salesforce.com', 'https://acme.my.salesforce.com')).toBe(false);
  });

  it('accept a plain http instance on 127.0.0.1 only when the login host is a local stand-in', () => {
    expect(isAcceptableInstanceUrl('http://127.0.0.1:8080', 'http://127.0.0.1:9090')).toBe(true);
  });
});
