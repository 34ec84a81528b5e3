import { z } from 'zod';

/**
 * The libpq `sslmode` values this server honours, with libpq's meaning (see `tlsOptions`). `allow`
 * and `prefer` are left out on purpose: they fall back to an unencrypted connection without saying so.
 */
export const SSL_MODES = ['disable', 'require', 'verify-ca', 'verify-full'] as const;
export type SslMode = (typeof SSL_MODES)[number];

const SCHEMES = new Set(['postgres:', 'postgresql:']);
const URL_HINT = 'expected a URL such as postgres://user:password@db.example.com:5432/mcp?sslmode=verify-full';

/**
 * DATABASE_URL once checked: what the driver connects with, kept out of sight, and a form safe to
 * print. Logging or serialising it shows the redacted form, so the password cannot leak by accident.
 */
export class DatabaseUrl {
  /** The URL without its TLS parameters, which `tlsOptions` turns into driver options instead. */
  readonly #connectionString: string;
  /** The URL with its password (if any) replaced by `***`: for messages and logs. */
  readonly redacted: string;
  /** The `sslmode` parameter, if the URL has one. */
  readonly sslMode: SslMode | undefined;
  /** The user name the URL logs in as ('' when the driver's default applies). */
  readonly user: string;

  constructor(url: URL, sslMode: SslMode | undefined) {
    const connection = new URL(url.href);
    connection.searchParams.delete('sslmode');
    this.#connectionString = connection.href;
    this.sslMode = sslMode;
    this.user = decodedOrAsIs(url.username);
    this.redacted = redact(url);
  }

  connectionString(): string {
    return this.#connectionString;
  }

  toString(): string {
    return this.redacted;
  }

  toJSON(): string {
    return this.redacted;
  }
}

function decodedOrAsIs(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

function redact(url: URL): string {
  const shown = new URL(url.href);
  if (shown.password !== '') shown.password = '***';
  if (shown.searchParams.has('password')) shown.searchParams.set('password', '***');
  return shown.href;
}

/** DATABASE_URL as the config schema parses it. Messages never repeat the value: it may hold a password. */
export const databaseUrlSetting = z.string().transform((value, ctx): DatabaseUrl => {
  const url = URL.canParse(value) ? new URL(value) : undefined;
  if (url === undefined || !SCHEMES.has(url.protocol)) {
    ctx.addIssue({ code: 'custom', message: `not a PostgreSQL connection URL; ${URL_HINT}` });
    return z.NEVER;
  }
  const sslMode = url.searchParams.get('sslmode') ?? undefined;
  if (sslMode !== undefined && !(SSL_MODES as readonly string[]).includes(sslMode)) {
    ctx.addIssue({
      code: 'custom',
      message: `sslmode=${sslMode} is not supported; use one of ${SSL_MODES.join(', ')} (verify-full in production; allow and prefer would fall back to no encryption silently)`,
    });
    return z.NEVER;
  }
  // The driver would read other TLS parameters itself, behind the back of sslmode and DATABASE_CA_FILE.
  const otherTls = [...url.searchParams.keys()].filter((name) => name !== 'sslmode' && (name.startsWith('ssl') || name === 'uselibpqcompat'));
  if (otherTls.length > 0) {
    ctx.addIssue({
      code: 'custom',
      message: `${otherTls.join(', ')} not supported in the URL; TLS is set by sslmode (${SSL_MODES.join(', ')}) and a private CA by DATABASE_CA_FILE`,
    });
    return z.NEVER;
  }
  return new DatabaseUrl(url, sslMode as SslMode | undefined);
});

/** Environment variables of the PostgreSQL store, merged into the server's config schema. */
export const postgresEnv = {
  /**
   * Optional in the schema, so settings that never open a store (configuration checks and their tests)
   * parse without it; opening the store without it fails, naming it.
   */
  DATABASE_URL: databaseUrlSetting.optional(),
  /** A PEM file of the CA certificates that sign the server's certificate (private or cloud CAs Node does not ship). */
  DATABASE_CA_FILE: z.string().min(1).optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(1000).default(10),
  DATABASE_CONNECT_TIMEOUT_MS: z.coerce.number().int().min(1).default(10_000),
  /** Lower case so the name means the same quoted and unquoted; pg_ names belong to PostgreSQL. */
  DATABASE_SCHEMA: z
    .string()
    .regex(/^[a-z_][a-z0-9_]{0,62}$/, 'expected a lower-case identifier of at most 63 letters, digits and underscores, e.g. mcp_store')
    .refine((name) => !name.startsWith('pg_'), 'names starting with pg_ are reserved by PostgreSQL')
    .default('mcp_store'),
};

/** The store's own variables on their own, for tools that need nothing else (the tests' database helper). */
export const postgresSettingsSchema = z.object(postgresEnv);

/** The store's variables as the config schema parses them (the server passes its whole config). */
export type PostgresSettings = Readonly<z.output<typeof postgresSettingsSchema>>;
