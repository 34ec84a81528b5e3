import { readFileSync } from 'node:fs';

import { describe, expect, it } from 'vitest';

import { configKeys } from '../src/config.js';
import { ConfigError } from '../src/errors.js';
import { parseConfig } from '../src/load-config.js';
import { placeholderAuthEnv } from './helpers/auth-settings.js';
import { presetTestIdp } from './helpers/preset-claims.js';

/** The identity provider (and auth strategy) settings token-verifying strategies require; the rest is left to defaults. */
const idp = { ...presetTestIdp.placeholderEnv, ...placeholderAuthEnv };

function problemsOf(env: Record<string, string>): readonly string[] {
  try {
    parseConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected the configuration to be rejected');
}

describe('configuration', () => {
  it('applies safe defaults when nothing else is set', () => {
    const config = parseConfig({ ...idp });
    expect(config).toMatchObject({
      NODE_ENV: 'development',
      LOG_LEVEL: 'info',
      MCP_TRANSPORT: 'http',
      HOST: '127.0.0.1',
      PORT: 3000,
      ALLOWED_HOSTS: [],
      ALLOWED_ORIGINS: [],
      MAX_BODY_BYTES: 1024 * 1024,
      MAX_JSON_DEPTH: 64,
      HTTP_HEADERS_TIMEOUT_MS: 10_000,
      HTTP_REQUEST_TIMEOUT_MS: 30_000,
      // Longer than the 60 s idle timeout of common load balancers, so they close idle connections first.
      HTTP_KEEP_ALIVE_TIMEOUT_MS: 65_000,
      // Far above what a person or an agent sends while working normally.
      RATE_LIMIT_WINDOW_SECONDS: 60,
      RATE_LIMIT_REQUESTS: 1_200,
      RATE_LIMIT_TOOL_CALLS: 300,
    });
    expect(config.PUBLIC_URL).toBeUndefined();
    expect(config.HTTP_MAX_CONNECTIONS).toBeUndefined();
    // No proxy is believed about the client address unless named.
    expect(config.TRUST_PROXY).toBeUndefined();
  });

  it('treats empty values as unset', () => {
    expect(parseConfig({ ...idp, PORT: '', PUBLIC_URL: '' }).PORT).toBe(3000);
  });

  it('parses lists and URLs into usable values', () => {
    const config = parseConfig({
      ...idp,
      PUBLIC_URL: 'https://mcp.example.com/',
      ALLOWED_HOSTS: 'a.example.com, B.example.com',
      ALLOWED_ORIGINS: 'https://app.example.com,http://localhost:5173',
    });
    expect(config.PUBLIC_URL?.origin).toBe('https://mcp.example.com');
    expect(config.ALLOWED_HOSTS).toEqual(['a.example.com', 'b.example.com']);
    expect(config.ALLOWED_ORIGINS).toEqual(['https://app.example.com', 'http://localhost:5173']);
  });

  it('reports every problem at once, naming each variable', () => {
    const problems = problemsOf({
      PORT: 'eighty',
      LOG_LEVEL: 'loud',
      PUBLIC_URL: 'not a url',
      ALLOWED_ORIGINS: 'https://app.example.com/path',
      MAX_BODY_BYTES: '-1',
    });
    const variables = problems.map((problem) => problem.split(':')[0]);
    expect(variables).toEqual(expect.arrayContaining(['PORT', 'LOG_LEVEL', 'PUBLIC_URL', 'ALLOWED_ORIGINS.0', 'MAX_BODY_BYTES']));
    expect(problems).toHaveLength(5);
  });

  it('refuses a headers timeout longer than the request timeout that includes it', () => {
    expect(problemsOf({ ...idp, HTTP_HEADERS_TIMEOUT_MS: '40000', HTTP_REQUEST_TIMEOUT_MS: '30000' })).toEqual([
      expect.stringMatching(/^HTTP_HEADERS_TIMEOUT_MS: 40000 exceeds HTTP_REQUEST_TIMEOUT_MS \(30000\)/),
    ]);
  });

  it('reads TRUST_PROXY as a number of hops, or as proxy addresses, subnets and range names', () => {
    expect(parseConfig({ ...idp, TRUST_PROXY: '2' }).TRUST_PROXY).toBe(2);
    expect(parseConfig({ ...idp, TRUST_PROXY: '10.0.0.0/8, 192.168.1.7, fd00::/8, loopback' }).TRUST_PROXY).toEqual(['10.0.0.0/8', '192.168.1.7', 'fd00::/8', 'loopback']);
  });

  it('refuses a TRUST_PROXY entry that is no proxy address, saying what it expects', () => {
    expect(problemsOf({ ...idp, TRUST_PROXY: 'proxy.internal' })).toEqual([expect.stringMatching(/^TRUST_PROXY: "proxy.internal" is not a proxy address; expected a number of hops/)]);
    expect(problemsOf({ ...idp, TRUST_PROXY: '10.0.0.0/33' }).map((problem) => problem.split(':')[0])).toEqual(['TRUST_PROXY']);
    // Believing every proxy would let any client choose the address it is limited by.
    expect(problemsOf({ ...idp, TRUST_PROXY: 'true' })).toEqual([expect.stringMatching(/^TRUST_PROXY: "true" would believe any client/)]);
  });

  it('switches a rate limit off with 0 and refuses a window shorter than a second', () => {
    expect(parseConfig({ ...idp, RATE_LIMIT_REQUESTS: '0', RATE_LIMIT_TOOL_CALLS: '0' })).toMatchObject({ RATE_LIMIT_REQUESTS: 0, RATE_LIMIT_TOOL_CALLS: 0 });
    expect(problemsOf({ ...idp, RATE_LIMIT_WINDOW_SECONDS: '0' }).map((problem) => problem.split(':')[0])).toEqual(['RATE_LIMIT_WINDOW_SECONDS']);
  });

  it('refuses a JSON depth limit too shallow for MCP messages themselves', () => {
    expect(problemsOf({ ...idp, MAX_JSON_DEPTH: '3' }).map((problem) => problem.split(':')[0])).toEqual(['MAX_JSON_DEPTH']);
  });

  it('documents every variable it reads in .env.example', () => {
    const example = readFileSync(new URL('../.env.example', import.meta.url), 'utf8');
    const documented = [...example.matchAll(/^#? ?([A-Z][A-Z0-9_]*)=/gm)].map((match) => match[1]);
    expect(documented.sort()).toEqual(configKeys);
  });
});
