import type { IdentityProvider } from '../upstream/types.js';

/** The fields of an OpenID Connect discovery document (or RFC 8414 metadata) the strategies read. */
export interface ProviderMetadata {
  issuer: string;
  jwks_uri?: unknown;
  introspection_endpoint?: unknown;
  [key: string]: unknown;
}

/**
 * Downloads the identity provider's discovery document, refusing one that names another issuer
 * (a document served for a different issuer must not redirect where tokens are checked).
 */
export async function fetchProviderMetadata(idp: IdentityProvider, timeoutMs: number): Promise<ProviderMetadata> {
  const response = await fetch(idp.discoveryUrl, { signal: AbortSignal.timeout(timeoutMs), headers: { accept: 'application/json' } });
  if (!response.ok) throw new Error(`discovery document ${idp.discoveryUrl} answered HTTP ${response.status}`);
  const document = (await response.json()) as Partial<ProviderMetadata> | null;
  if (typeof document !== 'object' || document === null) throw new Error(`discovery document ${idp.discoveryUrl} is not a JSON object`);
  if (document.issuer !== idp.issuer) {
    throw new Error(`discovery document names issuer ${JSON.stringify(document.issuer)}, expected ${JSON.stringify(idp.issuer)}`);
  }
  return document as ProviderMetadata;
}

/** A URL-valued field of the discovery document, or an error naming the field. */
export function metadataUrl(metadata: ProviderMetadata, field: 'jwks_uri' | 'introspection_endpoint'): string {
  const value = metadata[field];
  if (typeof value !== 'string' || !URL.canParse(value)) throw new Error(`discovery document has no valid ${field}`);
  const url = new URL(value);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error(`discovery document ${field} is not an http(s) URL`);
  return value;
}
