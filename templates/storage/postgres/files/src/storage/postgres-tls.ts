import type { ConnectionOptions } from 'node:tls';

import type { SslMode } from './postgres-settings.js';

/** What `sslmode` means once defaults are applied: a CA file without a mode asks for full verification. */
export function effectiveSslMode(sslMode: SslMode | undefined, caFile: string | undefined): SslMode {
  return sslMode ?? (caFile === undefined ? 'disable' : 'verify-full');
}

/** Combinations of sslmode and DATABASE_CA_FILE that cannot be what was meant; each string is one problem. */
export function tlsProblems(sslMode: SslMode | undefined, caFile: string | undefined): string[] {
  if (sslMode === 'disable' && caFile !== undefined) {
    return ['DATABASE_CA_FILE: set, but DATABASE_URL has sslmode=disable, so no certificate is ever checked; remove one of them'];
  }
  if (sslMode === 'verify-ca' && caFile === undefined) {
    return [
      'DATABASE_CA_FILE: required with sslmode=verify-ca, which accepts any certificate the CA signed whatever its host name; ' +
        "give the CA that signs your server's certificate, or use sslmode=verify-full to check the host name against Node's public CAs",
    ];
  }
  return [];
}

/**
 * The driver's TLS options for `mode`, with libpq's meaning: `require` encrypts without checking who
 * answers (unless a CA is given, then as `verify-ca`); `verify-ca` checks the certificate chain;
 * `verify-full` also checks the host name. `ca` replaces Node's public CAs when given.
 */
export function tlsOptions(mode: SslMode, ca: string | undefined): false | ConnectionOptions {
  const withCa = ca === undefined ? {} : { ca };
  switch (mode) {
    case 'disable':
      return false;
    case 'require':
      return ca === undefined ? { rejectUnauthorized: false } : { ...withCa, checkServerIdentity: () => undefined };
    case 'verify-ca':
      return { ...withCa, checkServerIdentity: () => undefined };
    case 'verify-full':
      return withCa;
  }
}
