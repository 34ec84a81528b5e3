import type { Express, Request } from 'express';

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
   * Establishes the caller's identity for one HTTP request to the MCP endpoint.
   * Throws an AuthError (from src/errors.ts) carrying the HTTP status and WWW-Authenticate challenge
   * when the request must be refused.
   */
  authenticate(req: Request): Promise<Identity>;
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
