import type { IncomingMessage } from 'node:http';

/**
 * Makes a request look, to the authorization server, as if it arrived at the issuer's own address.
 * The server builds every URL it hands out (endpoints in its metadata, redirects, cookie paths) from
 * the request, and behind a reverse proxy the request names the pod, not the public host: the
 * scheme, host and path prefix are taken from the issuer (configuration), never from headers a
 * client could send.
 */
export function asIfAtIssuer(req: IncomingMessage & { originalUrl?: string }, issuer: URL): void {
  const prefix = issuer.pathname.replace(/\/+$/, '');
  req.headers['x-forwarded-proto'] = issuer.protocol.slice(0, -1);
  req.headers['x-forwarded-host'] = issuer.host;
  req.headers.host = issuer.host;
  // The authorization server reads its mount path as what originalUrl has before url.
  req.originalUrl = `${prefix}${req.url ?? '/'}`;
}
