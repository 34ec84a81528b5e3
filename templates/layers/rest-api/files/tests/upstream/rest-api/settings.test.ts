import { describe, expect, it } from 'vitest';

import { ConfigError } from '../../../src/errors.js';
import { upstreamApiProblems } from '../../../src/upstream/index.js';
import { testConfig } from '../../helpers/config.js';

function problemsOf(env: Record<string, string>): readonly string[] {
  try {
    testConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected the configuration to be rejected');
}

describe('REST API settings', () => {
  it('accepts an https base URL and drops its trailing slash', () => {
    expect(testConfig({ UPSTREAM_API_URL: 'https://api.example.com/v1/' }).UPSTREAM_API_URL).toBe('https://api.example.com/v1');
  });

  it('accepts plain http only for this machine', () => {
    expect(testConfig({ UPSTREAM_API_URL: 'http://127.0.0.1:8080/api' }).UPSTREAM_API_URL).toBe('http://127.0.0.1:8080/api');
    expect(problemsOf({ UPSTREAM_API_URL: 'http://api.example.com/v1' })).toEqual([
      expect.stringMatching(/^UPSTREAM_API_URL: expected the base URL of the REST API, e.g. https:\/\/api.example.com\/v1/),
    ]);
  });

  it('refuses base URLs with a query or credentials in them', () => {
    expect(problemsOf({ UPSTREAM_API_URL: 'https://api.example.com/v1?tenant=a' })).toEqual([expect.stringContaining('UPSTREAM_API_URL')]);
    expect(problemsOf({ UPSTREAM_API_URL: 'https://user:pass@api.example.com/v1' })).toEqual([expect.stringContaining('UPSTREAM_API_URL')]);
  });

  it('refuses an http token endpoint off this machine', () => {
    expect(problemsOf({ UPSTREAM_TOKEN_URL: 'http://idp.example.com/token' })).toEqual([expect.stringMatching(/^UPSTREAM_TOKEN_URL: expected the OAuth token endpoint, e.g. https:/)]);
  });

  it('reads the collection allow-list as names separated by commas', () => {
    expect(testConfig({ UPSTREAM_API_COLLECTIONS: ' orders, customers ,' }).UPSTREAM_API_COLLECTIONS).toEqual(['orders', 'customers']);
    expect(problemsOf({ UPSTREAM_API_COLLECTIONS: 'orders,../admin' })).toEqual([expect.stringContaining('e.g. orders,customers')]);
  });

  it('names the accepted modes when UPSTREAM_API_AUTH is unknown', () => {
    expect(problemsOf({ UPSTREAM_API_AUTH: 'password' })).toEqual([expect.stringMatching(/^UPSTREAM_API_AUTH: expected one of .*api_key/)]);
  });

  it('refuses an API key header that is not a header name', () => {
    expect(problemsOf({ UPSTREAM_API_KEY_HEADER: 'x api key' })).toEqual([expect.stringContaining('e.g. x-api-key')]);
  });
});

describe('REST API settings still missing', () => {
  it('names UPSTREAM_API_URL first in a freshly generated project', () => {
    expect(upstreamApiProblems(testConfig())[0]).toMatch(/^UPSTREAM_API_URL: required by the api_\* tools/);
  });

  it('needs the key for api_key', () => {
    expect(upstreamApiProblems(testConfig({ UPSTREAM_API_URL: 'https://api.example.com', UPSTREAM_API_AUTH: 'api_key' }))).toEqual([
      expect.stringMatching(/^UPSTREAM_API_KEY: required when UPSTREAM_API_AUTH is api_key/),
    ]);
  });

  it("needs this server's client ID and secret for client_credentials", () => {
    const problems = upstreamApiProblems(testConfig({ UPSTREAM_API_URL: 'https://api.example.com', UPSTREAM_API_AUTH: 'client_credentials' }));
    expect(problems).toEqual(expect.arrayContaining([expect.stringMatching(/^UPSTREAM_CLIENT_ID: /), expect.stringMatching(/^UPSTREAM_CLIENT_SECRET: /)]));
  });

  it('has nothing to report once the API is open and located', () => {
    expect(upstreamApiProblems(testConfig({ UPSTREAM_API_URL: 'https://api.example.com', UPSTREAM_API_AUTH: 'none' }))).toEqual([]);
  });
});
