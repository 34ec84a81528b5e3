import { isIP } from 'node:net';

/**
 * Whether a client ID that is a URL may be fetched as the client's metadata document. The
 * authorization server itself already insists on https, a path and no credentials or fragment,
 * refuses redirects, bounds the size and time of the download, and refuses to connect to loopback,
 * private or link-local addresses after resolving the name; this refuses literal addresses and
 * single-label names up front, which no public client uses.
 */
export function isAllowedMetadataDocumentUrl(clientId: string): boolean {
  const url = URL.parse(clientId);
  if (url === null || url.protocol !== 'https:') return false;
  const host = url.hostname.replace(/^\[|\]$/g, '');
  return isIP(host) === 0 && host.includes('.') && !host.endsWith('.localhost') && host !== 'localhost';
}
