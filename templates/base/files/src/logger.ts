import { pino, type DestinationStream, type Logger, type LevelWithSilent } from 'pino';

export type { Logger } from 'pino';

/**
 * Key names whose values are credentials. Matched at any of the first three nesting levels
 * (pino's wildcards match exactly one level, hence the explicit depths).
 */
const SECRET_KEYS = [
  'authorization',
  'cookie',
  'set-cookie',
  'token',
  'accessToken',
  'access_token',
  'refreshToken',
  'refresh_token',
  'idToken',
  'id_token',
  'secret',
  'clientSecret',
  'client_secret',
  'password',
  'apiKey',
  'api_key',
  'x-api-key',
];

/** `key` as a path segment: bracketed when the key is not a plain identifier (e.g. "set-cookie"). */
const segment = (key: string) => (/^[A-Za-z_$][\w$]*$/.test(key) ? `.${key}` : `["${key}"]`);

export const REDACTED_PATHS = SECRET_KEYS.flatMap((key) => [
  // Top level: pino needs plain identifiers there; hyphenated names only occur nested (headers).
  ...(segment(key).startsWith('.') ? [key] : []),
  `*${segment(key)}`,
  `*.*${segment(key)}`,
]);

export interface LoggerOptions {
  level: LevelWithSilent;
  name: string;
}

/**
 * JSON logs on stderr. stdout is reserved: over stdio it *is* the MCP protocol channel, and one stray
 * line there corrupts the session. Writes are synchronous so nothing is lost when the process exits.
 */
export function createLogger(options: LoggerOptions, destination: DestinationStream = pino.destination({ fd: 2, sync: true })): Logger {
  return pino(
    {
      name: options.name,
      level: options.level,
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      // Log "err" / "error" properties with their stack and cause chain.
      serializers: { err: pino.stdSerializers.errWithCause, error: pino.stdSerializers.errWithCause },
    },
    destination,
  );
}
