import type { Express, Request } from 'express';

import type { Logger } from '../logger.js';
import type { Store } from '../storage/store.js';

/**
 * The auth seam. Base code depends only on these types; the chosen strategy (src/auth/index.ts,
 * provided by the auth option) implements them.
 */

/** Who is calling. Tools receive it as `ctx.identity`; scopes and roles drive per-tool access rules. */
export interface Identity {
  /** Stable identifier of the end user or machine principal. */
  readonly subject: string;
  /** The OAuth client (MCP host application) acting for the subject, when known. */
  readonly clientId?: string;
  /** Tenant / organisation the caller belongs to, for multi-tenant identity providers. */
  readonly tenant?: string;
  readonly scopes: readonly string[];
  readonly roles: readonly string[];
}

export interface Authenticator {
  /**
   * Whether per-tool `scopes` and `roles` are enforced for callers this strategy authenticates.
   * When true, tools the caller may not use are left off that request's server (so `tools/list`
   * omits them) and a `tools/call` for one is refused with 403 before the MCP handler runs. A
   * strategy that cannot vouch for the caller (no authentication) leaves it false: the declared
   * scopes and roles are then only recorded.
   */
  readonly enforcesToolAccess: boolean;
  /**
   * Establishes the caller's identity for one HTTP request to the MCP endpoint.
   * Throws an AuthError (from src/errors.ts) carrying the HTTP status and WWW-Authenticate challenge
   * when the request must be refused.
   */
  authenticate(req: Request): Promise<Identity>;
  /**
   * Checks the request body exactly as it arrived, for strategies whose proof covers the body (a
   * gateway signing a digest of it). Called after `authenticate` and after the body is read, before
   * any MCP processing; throws an AuthError to refuse the request. Absent means nothing to check.
   */
  verifyBody?(req: Request, rawBody: Buffer): Promise<void>;
  /**
   * The `WWW-Authenticate` value of a 403 for a caller lacking `scopes` (RFC 6750 `insufficient_scope`),
   * so the client can ask its authorization server for a token that carries them.
   */
  insufficientScopeChallenge?(scopes: readonly string[]): string;
  /** Adds strategy-specific routes, e.g. OAuth protected-resource metadata. Called before /mcp is mounted. */
  installRoutes?(app: Express): void;
  /** Readiness of the strategy's own dependencies (e.g. signing keys loaded). Absent means always ready. */
  isReady?(): Promise<boolean>;
  /** Releases timers and connections during shutdown. */
  close?(): Promise<void>;
}

/** Unauthenticated caller: only for strategies that deliberately accept everyone (local development). */
export const anonymousIdentity: Identity = Object.freeze({ subject: 'anonymous', scopes: [], roles: [] });

/**
 * The principal behind a stdio connection: the local user who launched the process. There is no
 * network peer to authenticate; the operating system already decided who may start the server.
 */
export const localProcessIdentity: Identity = Object.freeze({ subject: 'local-process', scopes: [], roles: [] });

/** What every strategy's `createAuthenticator(config, deps)` receives. */
export interface AuthenticatorDeps {
  logger: Logger;
  /** The server's store, for what identifies nobody (nonces, counters). */
  store: Store;
  /** The same store sealing every value: for what the identity provider says about people. */
  sealed: Store;
  /**
   * The canonical URL of the MCP endpoint (RFC 8707 resource indicator): PUBLIC_URL + /mcp, or the
   * bound http://host:port/mcp without PUBLIC_URL. Only callable once the server listens.
   */
  resourceUrl(): string;
  /** Every scope a registered tool declares: the default of what the server advertises. */
  declaredScopes: readonly string[];
  /** How documents that callers point at are fetched (OAuth client metadata documents). Default: the global fetch. */
  fetch?: typeof fetch;
}
