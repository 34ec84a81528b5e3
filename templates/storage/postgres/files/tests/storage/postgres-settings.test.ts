import { describe, expect, it } from 'vitest';

import { ConfigError } from '../../src/errors.js';
import { databaseUrlSetting } from '../../src/storage/postgres-settings.js';
import { effectiveSslMode, tlsOptions } from '../../src/storage/postgres-tls.js';
import { testConfig } from '../helpers/config.js';

const PASSWORD = 'never-print-this-0123';

describe('DATABASE_URL', () => {
  it('hides the password wherever the parsed URL is printed', () => {
    const url = databaseUrlSetting.parse(`postgres://app:${PASSWORD}@db.example.com:5432/mcp?sslmode=verify-full`);
    expect(url.redacted).toBe('postgres://app:***@db.example.com:5432/mcp?sslmode=verify-full');
    expect(String(url)).toBe(url.redacted);
    expect(JSON.stringify({ url })).not.toContain(PASSWORD);
  });

  it('reads sslmode itself and hands the driver the rest of the URL', () => {
    const url = databaseUrlSetting.parse('postgres://app@db.example.com/mcp?sslmode=require&application_name=billing');
    expect(url.sslMode).toBe('require');
    expect(url.connectionString()).toBe('postgres://app@db.example.com/mcp?application_name=billing');
  });

  it.each(['prefer', 'allow', 'no-verify'])('refuses sslmode=%s, listing the modes it honours', (mode) => {
    expect(() => testConfig({ DATABASE_URL: `postgres://app:${PASSWORD}@db/mcp?sslmode=${mode}` })).toThrow(
      /DATABASE_URL: sslmode=.* is not supported; use one of disable, require, verify-ca, verify-full/,
    );
  });

  it('refuses TLS parameters the driver would apply behind sslmode, pointing at DATABASE_CA_FILE', () => {
    expect(() => testConfig({ DATABASE_URL: 'postgres://app@db/mcp?sslmode=verify-full&sslrootcert=/ca.pem' })).toThrow(/DATABASE_URL: sslrootcert not supported.*DATABASE_CA_FILE/);
  });

  it('refuses a URL that is not PostgreSQL without repeating it', () => {
    const refusal = (() => {
      try {
        testConfig({ DATABASE_URL: `mysql://app:${PASSWORD}@db/mcp` });
      } catch (error) {
        return error;
      }
    })();
    expect(refusal).toBeInstanceOf(ConfigError);
    expect(String(refusal)).toMatch(/DATABASE_URL: not a PostgreSQL connection URL/);
    expect(String(refusal)).not.toContain(PASSWORD);
  });
});

describe('DATABASE_SCHEMA', () => {
  it.each(['Store', 'pg_store', 'mcp-store', ''.padEnd(64, 'a')])('refuses %s', (schema) => {
    expect(() => testConfig({ DATABASE_SCHEMA: schema })).toThrow(/DATABASE_SCHEMA/);
  });
});

describe('TLS to PostgreSQL, with the meaning libpq gives sslmode', () => {
  const CA = '-----BEGIN CERTIFICATE-----\n...\n-----END CERTIFICATE-----\n';

  it('is off without sslmode, and fully verified when only a CA file is given', () => {
    expect(effectiveSslMode(undefined, undefined)).toBe('disable');
    expect(effectiveSslMode(undefined, '/etc/ssl/db-ca.pem')).toBe('verify-full');
    expect(tlsOptions('disable', undefined)).toBe(false);
  });

  it('encrypts without checking the certificate with require, unless a CA is given', () => {
    expect(tlsOptions('require', undefined)).toEqual({ rejectUnauthorized: false });
    const withCa = tlsOptions('require', CA);
    expect(withCa).toMatchObject({ ca: CA });
    expect(withCa && withCa.rejectUnauthorized).toBeUndefined();
  });

  it('checks the certificate chain but not the host name with verify-ca', () => {
    const options = tlsOptions('verify-ca', CA);
    expect(options).toMatchObject({ ca: CA });
    expect(options && options.checkServerIdentity?.('db.example.com', {} as never)).toBeUndefined();
  });

  it("checks the chain and the host name with verify-full, against Node's public CAs unless a CA is given", () => {
    expect(tlsOptions('verify-full', undefined)).toEqual({});
    expect(tlsOptions('verify-full', CA)).toEqual({ ca: CA });
  });
});
