/** The RFC 6750 error codes a bearer challenge can carry. */
export type BearerError = 'invalid_request' | 'invalid_token' | 'insufficient_scope';

export interface ChallengeParams {
  /** URL of this server's protected-resource metadata (RFC 9728), where clients find the authorization server. */
  resourceMetadata: string;
  /** Scopes the client should ask for; omitted when empty. */
  scopes: readonly string[];
  error?: BearerError;
  description?: string;
}

/** Quotes a value for an auth-param: backslash and double quote escaped, control characters dropped. */
function quoted(value: string): string {
  return `"${value.replace(/[\u0000-\u001f\u007f]/g, '').replace(/["\\]/g, (char) => `\\${char}`)}"`;
}

/** Builds the `WWW-Authenticate` value of a bearer challenge. */
export function bearerChallenge({ resourceMetadata, scopes, error, description }: ChallengeParams): string {
  const params = [`resource_metadata=${quoted(resourceMetadata)}`];
  if (scopes.length > 0) params.push(`scope=${quoted(scopes.join(' '))}`);
  if (error !== undefined) params.push(`error=${quoted(error)}`);
  if (description !== undefined) params.push(`error_description=${quoted(description)}`);
  return `Bearer ${params.join(', ')}`;
}
