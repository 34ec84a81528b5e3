import type { Request } from 'express';

/** Why a request's credentials could not even be read. */
export class MalformedCredentials extends Error {}

const BEARER = /^Bearer[ ]+([A-Za-z0-9\-._~+/]+=*)[ ]*$/i;

/**
 * The bearer token of a request, from the Authorization header only (MCP authorization: tokens in
 * the query string leak into logs, proxies and browser history, so they are refused, not ignored).
 * Returns undefined when the request carries no credentials at all.
 */
export function bearerToken(req: Request): string | undefined {
  refuseTokenInQuery(req);
  const header = credentialHeader(req, 'authorization');
  if (header === undefined) return undefined;
  const match = BEARER.exec(header);
  if (match?.[1] === undefined) throw new MalformedCredentials('The Authorization header must be "Bearer <token>"');
  return match[1];
}

/**
 * The value of a header that carries credentials or identity (`name` in lower case), or undefined
 * when the request does not carry it. A header sent more than once is refused rather than resolved:
 * Node keeps the first Authorization header and joins repeated x-* headers with ", ", while a proxy
 * in front may act on the last one, so the two would disagree about who is calling.
 */
export function credentialHeader(req: Request, name: string): string | undefined {
  const values = req.headersDistinct[name];
  if (values === undefined || values.length === 0) return undefined;
  if (values.length > 1) throw new MalformedCredentials(`The ${name} header must be sent once; this request carries it ${values.length} times`);
  return values[0];
}

/** Throws MalformedCredentials when the request URL carries an `access_token` query parameter. */
export function refuseTokenInQuery(req: Request): void {
  const query = new URL(req.originalUrl, 'http://localhost').searchParams;
  if (query.has('access_token')) throw new MalformedCredentials('Access tokens are accepted in headers only, never in the URL');
}
