import * as oauth from 'oauth4webapi';

import { isLoopbackHost } from '../../config.js';
import type { UpstreamSignInSettings } from './settings.js';

/** The upstream authorization server as this server talks to it: metadata, client, request options. */
export interface UpstreamServer {
  /**
   * The discovered metadata (an OAuth-only upstream's fixed endpoints); discovered once, and again after a failed attempt. Bounded by the
   * timeout alone: the discovery is shared, so one caller giving up must not fail the others.
   */
  metadata(): Promise<oauth.AuthorizationServer>;
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
  const { oauthOnly } = settings;
  const contacted = oauthOnly === undefined ? [issuer] : [oauthOnly.authorizationEndpoint, oauthOnly.tokenEndpoint].map((url) => new URL(url));
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
    // An upstream without OpenID Connect publishes no metadata: its endpoints are known up front.
    if (oauthOnly !== undefined) return { issuer: settings.issuer, authorization_endpoint: oauthOnly.authorizationEndpoint, token_endpoint: oauthOnly.tokenEndpoint };
    const response = await oauth.discoveryRequest(issuer, { ...requestOptions(), algorithm: 'oidc' });
    return oauth.processDiscoveryResponse(issuer, response);
  };
  return {
    metadata() {
      const attempt = (discovered ??= discover());
      attempt.catch(() => {
        if (discovered === attempt) discovered = undefined;
      });
      return attempt;
    },
    client: { client_id: settings.clientId, token_endpoint_auth_method: settings.clientAuthMethod },
    clientAuth: clientAuthentication(settings),
    requestOptions,
  };
}

function clientAuthentication(settings: UpstreamSignInSettings): oauth.ClientAuth {
  if (settings.clientAuthMethod === 'none') return oauth.None();
  if (settings.clientSecret === undefined) throw new TypeError(`${settings.clientAuthMethod} needs a client secret`);
  return settings.clientAuthMethod === 'client_secret_basic' ? oauth.ClientSecretBasic(settings.clientSecret) : oauth.ClientSecretPost(settings.clientSecret);
}
