import type { Identity } from '../auth/types.js';
import type { Logger } from '../logger.js';
import type { Store } from '../storage/store.js';

/*
 * The upstream seam: the system this MCP server fronts. Each upstream option provides
 * src/upstream/index.ts exporting its identity provider (below) and its API client.
 */

/** What each upstream's `createUpstreamApi(config, deps)` receives, once, at start-up. */
export interface UpstreamDeps {
  readonly logger: Logger;
  /**
   * A sealed view of the server's store, in a namespace of the upstream's own. Its API clients keep
   * their tokens there: replicas on one backend share them, and a durable backend keeps them across
   * restarts.
   */
  readonly store: Store;
}

/** The verified claims of an access token (a JWT payload or an introspection response). */
export type TokenClaims = Readonly<Record<string, unknown>>;

/**
 * Where callers' tokens come from and how to read them. Token-verifying auth strategies take every
 * identity-provider detail from here, so switching identity provider never touches the strategy.
 */
export interface IdentityProvider {
  /** Exact `iss` value of the provider's tokens. */
  readonly issuer: string;
  /** OpenID Connect discovery document (or RFC 8414 authorization server metadata) of the issuer. */
  readonly discoveryUrl: string;
  /** Signing keys, when known without discovery; otherwise taken from the discovery document. */
  readonly jwksUri?: string;
  /**
   * Audience the provider puts in access tokens for this server, when it is not the server's
   * resource URL (Entra v2 names the app registration's client ID, Scalekit the resource ID).
   * AUTH_AUDIENCE still overrides it.
   */
  readonly audience?: string;
  /**
   * Authorization server MCP clients are sent to (RFC 9728 `authorization_servers`), when it is not
   * the issuer itself. Default: `issuer`.
   */
  readonly authorizationServer?: string;
  /**
   * The exact `iss` one verified token must carry, for providers whose issuer differs per tenant
   * (Entra multi-tenant apps); undefined refuses the token. Without it, every token must carry `issuer`.
   */
  issuerFor?(claims: TokenClaims): string | undefined;
  /**
   * How a client asks the provider for one of this server's scopes, as advertised in the metadata
   * and challenges (Entra: `<Application ID URI>/<scope>`). Default: the scope as tools declare it.
   */
  requestableScope?(scope: string): string;
  /**
   * Scopes every sign-in at this provider asks for besides SIGN_IN_SCOPES (the oauth-proxy strategy):
   * what the preset's tools need of the user's own token (Salesforce's `api`).
   */
  readonly signInScopes?: readonly string[];
  /**
   * Where users sign in (the oauth-proxy strategy), when the provider's metadata cannot say: NetSuite
   * publishes none, and Entra's multi-tenant metadata names no issuer. Absent: found by discovery.
   */
  readonly signInEndpoints?: SignInEndpoints;
  /**
   * For a provider users sign in at with plain OAuth 2.0, without OpenID Connect (NetSuite): the
   * claims of the user a token response was issued to, `sub` at least, read from what the provider
   * returned (NetSuite's access token is a JWT naming the user); undefined when it names nobody. The
   * response came straight from the token endpoint over TLS, in exchange for this server's own
   * credentials: no one else could have put claims in it. Absent: OpenID Connect, the user named by
   * the ID token (checked against `issuerFor`, where the issuer differs per tenant) or userinfo.
   */
  signedInUserClaims?(response: { readonly access_token: string }): TokenClaims | undefined;
  /** Turns verified claims into the server's Identity; `subject` is empty when the token names nobody. */
  mapClaims(claims: TokenClaims): Identity;
}

/** The endpoints of the authorization code flow at a provider users sign in at. */
export interface SignInEndpoints {
  readonly authorizationEndpoint: string;
  readonly tokenEndpoint: string;
}

/** What a token-verifying auth strategy tells the preset about its own settings, for cross-checks. */
export interface TokenAuthSettings {
  /** Tenants the strategy accepts (AUTH_ALLOWED_TENANTS); empty accepts every tenant. */
  readonly allowedTenants: readonly string[];
  /** The server signs users in at the provider itself (oauth-proxy) rather than verifying its tokens. */
  readonly signsUsersIn?: boolean;
}

/** Reads a claim by dotted path (`realm_access.roles`); undefined when any step is missing. */
export function claimAt(claims: TokenClaims, path: string): unknown {
  let value: unknown = claims;
  for (const key of path.split('.')) {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

/** A claim holding a list of names: a JSON array of strings, or one space-separated string. Anything else is empty. */
export function stringList(value: unknown): string[] {
  if (typeof value === 'string') return value.split(' ').filter((item) => item.length > 0);
  if (Array.isArray(value)) return value.filter((item): item is string => typeof item === 'string' && item.length > 0);
  return [];
}

/** A claim holding one name; undefined unless it is a non-empty string. */
export function stringClaim(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}
