import { DatabaseError } from 'pg';

import type { DatabaseUrl, SslMode } from './postgres-settings.js';

/** What the explanation of a failure may name besides the error itself. */
export interface FailureContext {
  url: DatabaseUrl;
  sslMode: SslMode;
  schema: string;
  connectTimeoutMs: number;
}

const UNREACHABLE = new Set(['ECONNREFUSED', 'ECONNRESET', 'EHOSTUNREACH', 'ENETUNREACH', 'ETIMEDOUT', 'EPIPE']);
const UNRESOLVED = new Set(['ENOTFOUND', 'EAI_AGAIN']);
const CERTIFICATE = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER|ERR_TLS/;

/**
 * Says what went wrong at start-up in words a person can act on, naming the variable to change.
 * Only the redacted URL is ever quoted: driver messages name hosts and users, never passwords.
 */
export function explainStartFailure(error: unknown, context: FailureContext): string {
  const at = `PostgreSQL at ${context.url.redacted} (DATABASE_URL)`;
  return error instanceof DatabaseError ? refusal(error, at, context) : connectionFailure(error, at, context);
}

/** The server answered, and said no. */
function refusal(error: DatabaseError, at: string, { url, schema }: FailureContext): string {
  const cause = causeText(error);
  switch (error.code) {
    case '28P01':
    case '28000':
      if (cause.includes('pg_hba')) {
        return `${at} does not let user "${url.user}" in from here: ${cause}. Its pg_hba.conf must allow this host, user and database, with TLS if it asks for it (sslmode in DATABASE_URL).`;
      }
      return `${at} refused the login of user "${url.user}": ${cause}. Check the user name and password in DATABASE_URL.`;
    case '3D000':
      return `${at}: ${cause}. Create the database, or name an existing one in the path of DATABASE_URL.`;
    case '42501':
      return (
        `${at}: the user of DATABASE_URL may not create the store's tables in schema "${schema}" (DATABASE_SCHEMA): ${cause}. ` +
        'Grant it CREATE on the database, or create the schema beforehand and make the user its owner.'
      );
    case '53300':
      return `${at} has no connection left for this server: ${cause}. Lower DATABASE_POOL_SIZE or raise the server's max_connections.`;
    case '57P03':
      return `${at} is starting up or shutting down and accepts no connections yet: ${cause}. Start again once it is up.`;
    default:
      return `${at} failed while preparing the store's tables in schema "${schema}": ${cause}.`;
  }
}

/** No conversation with the server came about: nothing listens, the name does not resolve, TLS failed. */
function connectionFailure(error: unknown, at: string, { sslMode, connectTimeoutMs }: FailureContext): string {
  const cause = causeText(error);
  const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
  if (UNRESOLVED.has(code)) return `Cannot find the host of ${at}: ${cause}. Check the host name in DATABASE_URL.`;
  if (UNREACHABLE.has(code)) return `Cannot reach ${at}: ${cause}. Check that the server is running and that DATABASE_URL names its host and port.`;
  if (CERTIFICATE.test(code)) {
    return (
      `The TLS certificate of ${at} was not accepted with sslmode=${sslMode}: ${cause}. ` +
      'If a private or cloud CA signs it, put that CA in a PEM file and its path in DATABASE_CA_FILE.'
    );
  }
  if (/does not support SSL/i.test(cause)) {
    return `${at} does not accept TLS, but DATABASE_URL asks for sslmode=${sslMode}. Enable TLS on the server, or use sslmode=disable on a trusted network only.`;
  }
  if (/password must be a string/i.test(cause)) return `${at} asks for a password, and DATABASE_URL gives none.`;
  if (/timeout/i.test(cause)) {
    return `No answer from ${at} within DATABASE_CONNECT_TIMEOUT_MS (${connectTimeoutMs} ms). Check the host and port in DATABASE_URL and that no firewall drops the connection.`;
  }
  return `Cannot use ${at}: ${cause}.`;
}

/** The message of `error`; connection attempts to several addresses fail with an AggregateError holding each. */
function causeText(error: unknown): string {
  if (error instanceof AggregateError && error.message === '') return error.errors.map((each: unknown) => causeText(each)).join('; ');
  return error instanceof Error ? error.message.replace(/\.$/, '') : String(error);
}
