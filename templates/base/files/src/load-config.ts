import { existsSync } from 'node:fs';

import { authConfigProblems } from './auth/config-problems.js';
import { envSchema, type Config } from './config.js';
import { ConfigError } from './errors.js';
import { storeBackend } from './storage/index.js';
import { sealingConfigProblems } from './storage/sealing-keys.js';

/**
 * Validates `env` and returns the typed configuration, or throws a ConfigError listing every problem.
 * Pure: reads nothing but its argument, so tests pass plain objects.
 */
export function parseConfig(env: Record<string, string | undefined>): Config {
  // An empty value (`PUBLIC_URL=` in a .env file) means "not set", so the default applies.
  const present = Object.fromEntries(
    Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined && entry[1].trim() !== ''),
  );
  const result = envSchema.safeParse(present);
  if (!result.success) {
    throw new ConfigError(result.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`));
  }
  // Rules spanning several variables only make sense once each variable is valid on its own.
  const problems = [...baseConfigProblems(result.data), ...authConfigProblems(result.data), ...sealingConfigProblems(result.data, storeBackend)];
  if (problems.length > 0) throw new ConfigError(problems);
  return result.data;
}

/** Rules between the base settings; each returned string is one human-readable problem. */
function baseConfigProblems(config: Config): string[] {
  if (config.HTTP_HEADERS_TIMEOUT_MS > config.HTTP_REQUEST_TIMEOUT_MS) {
    return [
      `HTTP_HEADERS_TIMEOUT_MS: ${config.HTTP_HEADERS_TIMEOUT_MS} exceeds HTTP_REQUEST_TIMEOUT_MS (${config.HTTP_REQUEST_TIMEOUT_MS}); ` +
        'the headers are part of the request, so they cannot be given longer to arrive than the whole request.',
    ];
  }
  return [];
}

/**
 * Reads the process environment, with a `.env` file in the working directory filling in anything not
 * already set (local development convenience; real deployments set variables directly).
 */
export function loadConfig(overrides: Record<string, string | undefined> = {}): Config {
  if (existsSync('.env')) process.loadEnvFile('.env');
  return parseConfig({ ...process.env, ...overrides });
}
