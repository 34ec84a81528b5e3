import type { Express, NextFunction, Request, Response } from 'express';
import type Provider from 'oidc-provider';

import { AS_PATHS, AUTHORIZATION_SERVER_METADATA_PATH, OPENID_CONFIGURATION_PATH } from './paths.js';
import { asIfAtIssuer } from './public-request.js';

/**
 * Puts the authorization server's endpoints and metadata on the Express app. The server is made on
 * first use (`provider()`): its issuer is this server's public address, known once it listens.
 * Interaction pages are Express routes of their own (interactions.ts), installed after this.
 */
export function mountAuthorizationServer(app: Express, issuer: () => URL, provider: () => Provider, admitRegistration: (req: Request) => Promise<boolean>): void {
  let handler: ReturnType<Provider['callback']> | undefined;
  const endpoints = new Set<string>([AS_PATHS.authorization, AS_PATHS.token, AS_PATHS.jwks, AS_PATHS.registration, AS_PATHS.revocation]);
  let metadataLocations: Set<string> | undefined;
  // Known on the first request (the issuer is fixed once the server listens), then reused for every one.
  const metadataPaths = (): Set<string> => {
    if (metadataLocations !== undefined) return metadataLocations;
    const path = issuer().pathname.replace(/\/+$/, '');
    // RFC 8414 puts the issuer's path after the well-known prefix; OpenID Connect before it. Clients try both.
    metadataLocations = new Set([OPENID_CONFIGURATION_PATH, AUTHORIZATION_SERVER_METADATA_PATH, `${AUTHORIZATION_SERVER_METADATA_PATH}${path}`, `${OPENID_CONFIGURATION_PATH}${path}`, `${path}${OPENID_CONFIGURATION_PATH}`]);
    return metadataLocations;
  };

  app.use((req: Request, res: Response, next: NextFunction) => {
    const isEndpoint = endpoints.has(req.path) || req.path.startsWith(`${AS_PATHS.authorization}/`);
    const isMetadata = !isEndpoint && req.method === 'GET' && metadataPaths().has(req.path);
    if (!isEndpoint && !isMetadata) {
      // Interaction pages run inside the authorization server's cookies and URLs too.
      if (req.path.startsWith(`${AS_PATHS.interaction}/`) || req.path === AS_PATHS.upstreamCallback) asIfAtIssuer(req, issuer());
      next();
      return;
    }
    if (isMetadata) req.url = OPENID_CONFIGURATION_PATH;
    const registration = req.method === 'POST' && req.path === AS_PATHS.registration;
    (registration ? admitRegistration(req) : Promise.resolve(true)).then((admitted) => {
      if (!admitted) {
        res.status(429).set('retry-after', '3600').json({ error: 'too_many_requests', error_description: 'Too many client registrations from this address; try again later' });
        return;
      }
      asIfAtIssuer(req, issuer());
      (handler ??= provider().callback())(req, res);
    }, next);
  });
}
