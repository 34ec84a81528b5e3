import type { Identity } from './types.js';

/** What a tool (or any guarded capability) asks of its caller. */
export interface AccessRule {
  /** Every one of these scopes is needed. */
  readonly scopes?: readonly string[] | undefined;
  /** Any one of these roles is enough; absent or empty means no role is needed. */
  readonly roles?: readonly string[] | undefined;
}

/** What the caller lacks: the scopes it is missing and, when it holds none of them, the roles it could hold. */
export interface MissingAccess {
  readonly scopes: readonly string[];
  readonly roles: readonly string[];
}

/**
 * The one access rule of the server: returns what `identity` lacks to satisfy `rule`, or undefined
 * when nothing is missing. Used both to hide tools from a caller's `tools/list` and to refuse a
 * `tools/call` over HTTP, so the two can never disagree.
 */
export function missingAccess(identity: Identity, rule: AccessRule): MissingAccess | undefined {
  const scopes = (rule.scopes ?? []).filter((scope) => !identity.scopes.includes(scope));
  const wantedRoles = rule.roles ?? [];
  const hasRole = wantedRoles.length === 0 || wantedRoles.some((role) => identity.roles.includes(role));
  const roles = hasRole ? [] : [...wantedRoles];
  return scopes.length === 0 && roles.length === 0 ? undefined : { scopes, roles };
}

/** Every scope any of `rules` asks for, sorted and without duplicates. */
export function declaredScopes(rules: readonly AccessRule[]): string[] {
  return [...new Set(rules.flatMap((rule) => rule.scopes ?? []))].sort();
}
