import { isIP } from 'node:net';

import { z } from 'zod';

import { authEnv } from './auth/config.js';
import { rateLimitEnv } from './rate-limit/settings.js';
import { storageEnv } from './storage/index.js';
import { sealingEnv } from './storage/sealing-keys.js';
import { upstreamEnv } from './upstream/config.js';
import { upstreamHttpEnv } from './upstream/http/settings.js';

/**
 * All configuration comes from environment variables, described here by one schema and validated once
 * at start-up (src/load-config.ts). Keys keep their environment-variable names so a value in a log or a
 * Helm chart can be traced to its use with a plain text search. The upstream API clients' shared
 * settings and the option-specific variables of the seams (auth, storage, upstream) are merged into the
 * one schema, so every problem is reported together.
 */

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** Loopback host names: always accepted in the Host header and safe to bind without authentication. */
export const LOOPBACK_HOSTNAMES = ['localhost', '127.0.0.1', '[::1]'] as const;

const port = z.coerce.number().int().min(0).max(65_535);

/** A comma-separated list; blanks around items and empty items are ignored. */
const commaList = z
  .string()
  .transform((value) => value.split(',').map((item) => item.trim()).filter((item) => item.length > 0));

const hostnameList = commaList.pipe(
  z.array(
    z
      .string()
      .toLowerCase()
      .regex(/^([a-z0-9-]+(\.[a-z0-9-]+)*|\[[0-9a-f:.]+\])$/, 'expected host names without scheme or port, e.g. mcp.example.com'),
  ),
);

const originList = commaList.pipe(
  z.array(
    z.string().transform((value, ctx) => {
      const parsed = URL.canParse(value) ? new URL(value) : undefined;
      if (!parsed || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') || parsed.origin !== value.replace(/\/$/, '').toLowerCase()) {
        ctx.addIssue({ code: 'custom', message: `"${value}" is not an origin; expected scheme://host[:port], e.g. https://app.example.com` });
        return z.NEVER;
      }
      return parsed.origin;
    }),
  ),
);

/** Names Express accepts for whole address ranges in `trust proxy`. */
const PROXY_RANGES = ['loopback', 'linklocal', 'uniquelocal'];

/**
 * Which reverse proxies to believe about the client address (their X-Forwarded-For): a number of
 * hops, or proxy addresses, subnets and range names. Unset believes none: the address is the peer's.
 */
const trustProxy = z.string().transform((value, ctx): number | string[] => {
  if (/^\d+$/.test(value)) return Number(value);
  if (value === 'false') return 0;
  if (value === 'true') {
    ctx.addIssue({ code: 'custom', message: '"true" would believe any client about its own address; give the number of proxies in front of the server (e.g. 1) or their addresses' });
    return z.NEVER;
  }
  const items = value.split(',').map((item) => item.trim()).filter((item) => item.length > 0);
  for (const item of items) {
    const [address = '', prefix, extra] = item.split('/');
    const family = isIP(address);
    const prefixOk = prefix === undefined || (/^\d+$/.test(prefix) && Number(prefix) <= (family === 6 ? 128 : 32));
    if (!PROXY_RANGES.includes(item) && (family === 0 || !prefixOk || extra !== undefined)) {
      ctx.addIssue({ code: 'custom', message: `"${item}" is not a proxy address; expected a number of hops (e.g. 1), or addresses, subnets (10.0.0.0/8) and ${PROXY_RANGES.join(', ')}, comma-separated` });
      return z.NEVER;
    }
  }
  return items;
});

const baseEnv = {
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
  MCP_TRANSPORT: z.enum(['http', 'stdio']).default('http'),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: port.default(3000),
  PUBLIC_URL: z
    .url({ protocol: /^https?$/, error: 'expected an absolute http(s) URL, e.g. https://mcp.example.com' })
    .transform((value) => new URL(value))
    .optional(),
  ALLOWED_HOSTS: hostnameList.default([]),
  ALLOWED_ORIGINS: originList.default([]),
  MAX_BODY_BYTES: z.coerce.number().int().min(1024).default(1024 * 1024),
  // MCP messages themselves nest a few levels (a tool call's arguments sit at the third), hence the floor.
  MAX_JSON_DEPTH: z.coerce.number().int().min(8).default(64),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(0).default(10_000),
  // Connection limits of the HTTP server (see src/http/server-limits.ts for what each one bounds).
  HTTP_HEADERS_TIMEOUT_MS: z.coerce.number().int().min(1).default(10_000),
  HTTP_REQUEST_TIMEOUT_MS: z.coerce.number().int().min(1).default(30_000),
  HTTP_KEEP_ALIVE_TIMEOUT_MS: z.coerce.number().int().min(1).default(65_000),
  HTTP_MAX_CONNECTIONS: z.coerce.number().int().min(1).optional(),
  TRUST_PROXY: trustProxy.optional(),
};

export const envSchema = z.object({ ...baseEnv, ...rateLimitEnv, ...upstreamHttpEnv, ...authEnv, ...storageEnv, ...sealingEnv, ...upstreamEnv });

export type Config = z.output<typeof envSchema>;

/** Every environment variable the server reads (used by tests to keep .env.example complete). */
export const configKeys = Object.keys(envSchema.shape).sort();

/** True when `host` (a bind address or host name) only reaches this machine. */
export function isLoopbackHost(host: string): boolean {
  const normalized = host.toLowerCase();
  return (
    (LOOPBACK_HOSTNAMES as readonly string[]).includes(normalized) ||
    normalized === '::1' ||
    /^127(\.\d{1,3}){3}$/.test(normalized)
  );
}
