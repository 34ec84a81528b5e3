import { decodeJwt } from 'jose';
import * as oauth from 'oauth4webapi';

import { isLoopbackHost } from '../../config.js';
import type { TokenClaims } from '../../upstream/types.js';
import { UnacceptableAnswerError } from './errors.js';
import type { UpstreamSignInSettings } from './settings.js';

/** The upstream authorization server as this server talks to it: metadata, client, request options. */
export interface UpstreamServer {
  /**
   * The discovered metadata (or the fixed endpoints); discovered once, and again after a failed attempt. Bounded by the
   * timeout alone: the discovery is shared, so one caller giving up must not fail the others.
   */
  metadata(): Promise<oauth.AuthorizationServer>;
  /**
   * The metadata to check one token endpoint answer against: `metadata()`, naming as its issuer the
   * one the answer's ID token must name where that differs per tenant (settings.idTokenIssuer). It
   * reads a copy of the answer; an ID token of no acceptable issuer rejects with UnacceptableAnswerError.
   */
  metadataFor(answer: Response): Promise<oauth.AuthorizationServer>;
  readonly client: oauth.Client;
  readonly clientAuth: oauth.ClientAuth;
  /** Options for one oauth4webapi request: timeout, caller's signal, transport. */
  requestOptions(signal?: AbortSignal): oauth.HttpRequestOptions<'GET' | 'POST', URLSearchParams | undefined>;
}

/**
 * Plain http is accepted only for an issuer on this machine (a local provider, a test double):
 * nothing travels over a network there. oauth4webapi refuses http unless told otherwise, and that
 * switch covers every endpoint the metadata names, so each request is checked again below: an http
 * URL that leaves this machine is refused even then.
 */
export function isLoopbackHttp(url: URL): boolean {
  return url.protocol === 'http:' && isLoopbackHost(url.hostname);
}

export function upstreamServer(settings: UpstreamSignInSettings, fetchImpl: typeof fetch = fetch): UpstreamServer {
  const issuer = new URL(settings.issuer);
  const { endpoints } = settings;
  const contacted = endpoints === undefined ? [issuer] : [endpoints.authorizationEndpoint, endpoints.tokenEndpoint].map((url) => new URL(url));
  const insecure = contacted.some(isLoopbackHttp);
  const transport = async (url: string, options: oauth.CustomFetchOptions<string, unknown>): Promise<Response> => {
    const target = new URL(url);
    if (target.protocol !== 'https:' && !isLoopbackHttp(target)) throw new TypeError(`refusing to send a request to ${target.origin} over ${target.protocol}`);
    return fetchImpl(url, options as RequestInit);
  };
  const requestOptions = (signal?: AbortSignal) => {
    const timeout = AbortSignal.timeout(settings.timeoutMs);
    return {
      signal: signal === undefined ? timeout : AbortSignal.any([signal, timeout]),
      [oauth.customFetch]: transport,
      ...(insecure && { [oauth.allowInsecureRequests]: true }),
    };
  };
  let discovered: Promise<oauth.AuthorizationServer> | undefined;
  const discover = async (): Promise<oauth.AuthorizationServer> => {
    // Where the metadata cannot be discovered, the endpoints are known up front.
    if (endpoints !== undefined) return { issuer: settings.issuer, authorization_endpoint: endpoints.authorizationEndpoint, token_endpoint: endpoints.tokenEndpoint };
    const response = await oauth.discoveryRequest(issuer, { ...requestOptions(), algorithm: 'oidc' });
    return oauth.processDiscoveryResponse(issuer, response);
  };
  const metadata = () => {
    const attempt = (discovered ??= discover());
    attempt.catch(() => {
      if (discovered === attempt) discovered = undefined;
    });
    return attempt;
  };
  return {
    metadata,
    async metadataFor(answer) {
      const as = await metadata();
      const { idTokenIssuer } = settings;
      const idToken = idTokenIssuer === undefined ? undefined : await idTokenClaimsOf(answer);
      if (idTokenIssuer === undefined || idToken === undefined) return as;
      const issuer = idTokenIssuer(idToken);
      if (issuer === undefined) throw new UnacceptableAnswerError('the ID token names no issuer this server accepts');
      return { ...as, issuer };
    },
    client: { client_id: settings.clientId, token_endpoint_auth_method: settings.clientAuthMethod },
    clientAuth: clientAuthentication(settings),
    requestOptions,
  };
}

/**
 * The claims of the ID token in a token endpoint answer, read from a copy without checking the
 * signature (oauth4webapi checks the rest of it, against the issuer they name, and the answer came
 * straight from the token endpoint over TLS); undefined without one.
 */
async function idTokenClaimsOf(answer: Response): Promise<TokenClaims | undefined> {
  if (!answer.ok) return undefined;
  const body: unknown = await answer.clone().json().catch(() => undefined);
  const idToken = typeof body === 'object' && body !== null ? (body as { id_token?: unknown }).id_token : undefined;
  if (typeof idToken !== 'string') return undefined;
  try {
    return decodeJwt(idToken);
  } catch {
    return undefined;
  }
}

function clientAuthentication(settings: UpstreamSignInSettings): oauth.ClientAuth {
  if (settings.clientAuthMethod === 'none') return oauth.None();
  if (settings.clientSecret === undefined) throw new TypeError(`${settings.clientAuthMethod} needs a client secret`);
  return settings.clientAuthMethod === 'client_secret_basic' ? oauth.ClientSecretBasic(settings.clientSecret) : oauth.ClientSecretPost(settings.clientSecret);
}
