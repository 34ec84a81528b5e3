import { z } from 'zod';

import { COLLECTION_NAME } from './names.js';

/**
 * How this server authenticates to the REST API:
 * - `none`: the API is open (or protected by the network alone).
 * - `api_key`: a static key in a header of its own.
 * - `client_credentials`: this server's own OAuth token (RFC 6749 section 4.4), the same for every caller.
 * - `token_exchange`: a token per caller, exchanged for the caller's access token (RFC 8693), so the
 *   API sees who is calling. Only identity providers that implement the exchange offer it.
 * - `signed_in_user`: the caller's own upstream access token, from signing in at the identity
 *   provider through this server (the oauth-proxy auth strategy).
 */
export type RestApiAuthMode = 'none' | 'api_key' | 'client_credentials' | 'token_exchange' | 'signed_in_user';

/** How this server presents its client secret to the token endpoint (RFC 6749 section 2.3.1). */
export type ClientSecretMethod = 'client_secret_basic' | 'client_secret_post';

/** The REST API settings as the shared code reads them; each preset's Config has (at least) these. */
export interface RestApiConfig {
  readonly UPSTREAM_API_URL?: string | undefined;
  readonly UPSTREAM_API_AUTH: RestApiAuthMode;
  readonly UPSTREAM_API_KEY?: string | undefined;
  readonly UPSTREAM_API_KEY_HEADER: string;
  readonly UPSTREAM_TOKEN_URL?: string | undefined;
  readonly UPSTREAM_CLIENT_ID?: string | undefined;
  readonly UPSTREAM_CLIENT_SECRET?: string | undefined;
  readonly UPSTREAM_CLIENT_AUTH_METHOD: ClientSecretMethod;
  readonly UPSTREAM_SCOPE?: string | undefined;
  readonly UPSTREAM_AUDIENCE?: string | undefined;
  readonly UPSTREAM_API_COLLECTIONS?: readonly string[] | undefined;
}

/** Host names that never leave this machine, where plain http exposes nothing to the network. */
function isLoopback(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127(\.\d{1,3}){3}$/.test(hostname);
}

/**
 * An absolute URL credentials are sent to: https, or http to this machine only (a local API or a test
 * double). Query, fragment and user info are refused: the URL is a base that paths are appended to.
 */
function credentialedUrl(what: string, example: string) {
  const expected = `expected ${what}, e.g. ${example} (https; http only on localhost)`;
  return z
    .string()
    .trim()
    .transform((value, ctx) => {
      const url = URL.canParse(value) ? new URL(value) : undefined;
      const secure = url?.protocol === 'https:' || (url?.protocol === 'http:' && isLoopback(url.hostname));
      if (url === undefined || !secure || url.search !== '' || url.hash !== '' || url.username !== '' || url.password !== '') {
        ctx.addIssue({ code: 'custom', message: expected });
        return z.NEVER;
      }
      return value.replace(/\/+$/, '');
    });
}

/** A comma-separated list of collection names; blanks around items and empty items are ignored. */
const collectionList = z
  .string()
  .transform((value) => value.split(',').map((item) => item.trim()).filter((item) => item.length > 0))
  .pipe(z.array(z.string().regex(COLLECTION_NAME, 'expected collection names separated by commas, e.g. orders,customers')));

/** An HTTP header name (RFC 9110 token characters). */
const HEADER_NAME = /^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/;

export interface RestApiEnvOptions<M extends RestApiAuthMode> {
  /** The modes this preset's identity provider supports. */
  authModes: readonly [M, ...M[]];
  /** What a project uses until UPSTREAM_API_AUTH says otherwise. */
  defaultAuth: NoInfer<M>;
  /** How the preset's identity provider expects the client secret by default. */
  defaultClientAuthMethod: ClientSecretMethod;
}

/**
 * Settings of the REST API the api_* tools reach, merged into each preset's `upstreamEnv`. All
 * optional: a project without them starts, and its api_* tools say what is missing
 * (`upstreamApiProblems`).
 */
export function restApiEnv<const M extends RestApiAuthMode>(options: RestApiEnvOptions<M>) {
  return {
    /** Base URL of the REST API; collections are paths below it (<url>/<collection>/<id>). */
    UPSTREAM_API_URL: credentialedUrl('the base URL of the REST API', 'https://api.example.com/v1').optional(),
    UPSTREAM_API_AUTH: z
      .enum(options.authModes, { error: `expected one of ${options.authModes.join(', ')}` })
      .default(options.defaultAuth),
    /** The key the REST API issued to this server (UPSTREAM_API_AUTH=api_key). */
    UPSTREAM_API_KEY: z.string().trim().min(1).optional(),
    UPSTREAM_API_KEY_HEADER: z
      .string()
      .trim()
      .regex(HEADER_NAME, 'expected an HTTP header name, e.g. x-api-key')
      .transform((value) => value.toLowerCase())
      .default('x-api-key'),
    /** Token endpoint for client credentials and token exchange; presets with a known identity provider derive it. */
    UPSTREAM_TOKEN_URL: credentialedUrl('the OAuth token endpoint', 'https://idp.example.com/oauth2/token').optional(),
    UPSTREAM_CLIENT_ID: z.string().trim().regex(/^\S+$/, 'expected a client ID without spaces, e.g. mcp-server').optional(),
    UPSTREAM_CLIENT_SECRET: z.string().trim().min(1).optional(),
    UPSTREAM_CLIENT_AUTH_METHOD: z
      .enum(['client_secret_basic', 'client_secret_post'], { error: 'expected client_secret_basic or client_secret_post' })
      .default(options.defaultClientAuthMethod),
    /** Space-separated scopes requested for the REST API's tokens. */
    UPSTREAM_SCOPE: z
      .string()
      .trim()
      .regex(/^\S+( +\S+)*$/, 'expected space-separated scopes, e.g. orders.read orders.write')
      .transform((value) => value.split(/ +/).join(' '))
      .optional(),
    /** Collections the api_* tools may reach; unset allows every collection. */
    UPSTREAM_API_COLLECTIONS: collectionList.optional(),
  };
}

/**
 * Who the REST API's tokens are for, for identity providers that take it as a request parameter
 * (`audience` in client credentials requests of Auth0 and others; the target client of a Keycloak
 * token exchange).
 */
export const restApiAudienceEnv = {
  UPSTREAM_AUDIENCE: z.string().trim().regex(/^\S+$/, 'expected the audience without spaces, e.g. https://api.example.com or orders-api').optional(),
};
