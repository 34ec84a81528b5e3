import type * as oauth from 'oauth4webapi';

import type { JsonValue } from '../../storage/store.js';

/** A user's upstream tokens, as kept (sealed) in the store. JSON-serialisable. */
export interface UpstreamTokenSet {
  accessToken: string;
  refreshToken?: string;
  /** When the access token stops working, epoch ms; absent when the upstream did not say. */
  expiresAt?: number;
  scope?: string;
  /** The upstream's identifier of the user (ID token `sub`, or userinfo `sub`). */
  subject: string;
  /** Claims about the user worth showing (name, email...), from the ID token or userinfo. */
  claims: Record<string, JsonValue>;
  /** Fields of the token response beyond the standard ones (Salesforce `instance_url`), latest first. */
  extras?: Record<string, JsonValue>;
}

/** Claims kept about the user: enough to say who signed in, nothing more. */
export const SHOWN_CLAIMS = ['name', 'given_name', 'family_name', 'preferred_username', 'email', 'email_verified', 'locale'] as const;

/** Token response fields that have a place of their own, or must not be kept (the ID token has served its purpose). */
const STANDARD_FIELDS = new Set(['access_token', 'token_type', 'expires_in', 'refresh_token', 'scope', 'id_token', 'authorization_details']);

/** The shown claims among `claims`. */
export function shownClaims(claims: Readonly<Record<string, unknown>>): Record<string, JsonValue> {
  return Object.fromEntries(SHOWN_CLAIMS.flatMap((name) => (isShowable(claims[name]) ? [[name, claims[name]]] : []))) as Record<string, JsonValue>;
}

/**
 * The token set of a code exchange. `obtainedAt` is when the request was sent, so the token is never
 * believed valid for longer than it is.
 */
export function tokenSetFrom(response: oauth.TokenEndpointResponse, user: { subject: string; claims: Record<string, JsonValue> }, obtainedAt: number): UpstreamTokenSet {
  const extras = extraFields(response);
  return {
    accessToken: response.access_token,
    ...(response.refresh_token !== undefined && { refreshToken: response.refresh_token }),
    ...(response.expires_in !== undefined && { expiresAt: obtainedAt + response.expires_in * 1000 }),
    ...(response.scope !== undefined && { scope: response.scope }),
    subject: user.subject,
    claims: user.claims,
    ...(Object.keys(extras).length > 0 && { extras }),
  };
}

/**
 * The token set after a refresh: a refresh token the upstream did not replace stays, as do the user
 * and the scope unless the upstream restated it; extra fields are updated, not dropped.
 */
export function refreshedTokenSet(previous: UpstreamTokenSet, response: oauth.TokenEndpointResponse, obtainedAt: number): UpstreamTokenSet {
  const { expiresAt: _expired, extras: previousExtras, ...kept } = previous;
  const extras = { ...previousExtras, ...extraFields(response) };
  return {
    ...kept,
    accessToken: response.access_token,
    ...(response.refresh_token !== undefined && { refreshToken: response.refresh_token }),
    ...(response.expires_in !== undefined && { expiresAt: obtainedAt + response.expires_in * 1000 }),
    ...(response.scope !== undefined && { scope: response.scope }),
    ...(Object.keys(extras).length > 0 && { extras }),
  };
}

/** A stored token set back, or undefined for anything that is not one (written by another version, say). */
export function parseTokenSet(stored: JsonValue | undefined): UpstreamTokenSet | undefined {
  if (!isObject(stored)) return undefined;
  const { accessToken, refreshToken, expiresAt, scope, subject, claims, extras } = stored;
  if (typeof accessToken !== 'string' || accessToken === '' || typeof subject !== 'string') return undefined;
  if (refreshToken !== undefined && typeof refreshToken !== 'string') return undefined;
  if (expiresAt !== undefined && typeof expiresAt !== 'number') return undefined;
  if (scope !== undefined && typeof scope !== 'string') return undefined;
  if (!isObject(claims) || (extras !== undefined && !isObject(extras))) return undefined;
  return {
    accessToken,
    ...(refreshToken !== undefined && { refreshToken }),
    ...(expiresAt !== undefined && { expiresAt }),
    ...(scope !== undefined && { scope }),
    subject,
    claims,
    ...(extras !== undefined && { extras }),
  };
}

function extraFields(response: oauth.TokenEndpointResponse): Record<string, JsonValue> {
  return Object.fromEntries(Object.entries(response).filter(([name, value]) => !STANDARD_FIELDS.has(name) && value !== undefined)) as Record<string, JsonValue>;
}

function isShowable(value: unknown): value is string | boolean {
  return (typeof value === 'string' && value !== '') || typeof value === 'boolean';
}

function isObject(value: JsonValue | undefined): value is { [key: string]: JsonValue } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
