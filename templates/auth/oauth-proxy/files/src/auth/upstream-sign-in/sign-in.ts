import { createHash } from 'node:crypto';

import * as oauth from 'oauth4webapi';

import type { Logger } from '../../logger.js';
import type { Store } from '../../storage/store.js';
import { authorizationUrl } from './authorization-url.js';
import { safeCause, SignInError, UnacceptableAnswerError } from './errors.js';
import { upstreamName, type UpstreamSignInSettings } from './settings.js';
import { tokenSetFrom, type UpstreamTokenSet } from './token-set.js';
import { userOf } from './user.js';
import { isLoopbackHttp, upstreamServer } from './upstream-server.js';

export interface UpstreamSignIn {
  /** Origin of the upstream's authorization endpoint, where users are sent; undefined while its metadata cannot be had. */
  authorizationOrigin(): Promise<string | undefined>;
  /** New single-use state + PKCE verifier (+ nonce) stored for 10 minutes under the interaction; returns the upstream authorization URL. */
  begin(interactionUid: string): Promise<URL>;
  /**
   * Validates the callback (RFC 9207 `iss` when the upstream advertises it, state taken once, code
   * exchanged with the verifier, ID token checked); throws SignInError with a user-presentable message otherwise.
   */
  complete(
    callbackUrl: URL,
    browserInteractionUid: string | undefined,
  ): Promise<{ interactionUid: string; tokens: UpstreamTokenSet; identityClaims: Readonly<Record<string, unknown>> }>;
}

export interface UpstreamSignInDeps {
  /** A sealed view of the store: the PKCE verifier must stay secret until the code is exchanged. */
  store: Store;
  logger: Logger;
  fetch?: typeof fetch;
  now?: () => number;
}

/** How long a user has to finish signing in at the upstream. */
export const SIGN_IN_TTL_SECONDS = 600;

/** What is kept between the redirect to the upstream and its callback. */
type PendingSignIn = {
  interactionUid: string;
  codeVerifier: string;
  nonce: string | null;
};

export function createUpstreamSignIn(settings: UpstreamSignInSettings, deps: UpstreamSignInDeps): UpstreamSignIn {
  const { store, logger } = deps;
  const now = deps.now ?? Date.now;
  const upstream = upstreamServer(settings, deps.fetch);
  const name = upstreamName(settings);
  const openid = settings.scopes.includes('openid');

  const metadata = async (interactionUid?: string) => {
    try {
      return await upstream.metadata();
    } catch (error) {
      throw unavailable(name, error, interactionUid);
    }
  };

  return {
    async authorizationOrigin() {
      const as = await upstream.metadata().catch(() => undefined);
      return as?.authorization_endpoint === undefined ? undefined : new URL(as.authorization_endpoint).origin;
    },

    async begin(interactionUid) {
      const as = await metadata();
      const endpoint = as.authorization_endpoint === undefined ? undefined : new URL(as.authorization_endpoint);
      if (endpoint === undefined || (endpoint.protocol !== 'https:' && !isLoopbackHttp(endpoint))) {
        throw new SignInError('upstream_unavailable', `The ${name} sign-in is not available: its metadata names no usable authorization endpoint.`);
      }
      const state = oauth.generateRandomState();
      const codeVerifier = oauth.generateRandomCodeVerifier();
      const nonce = openid ? oauth.generateRandomNonce() : null;
      const pending: PendingSignIn = { interactionUid, codeVerifier, nonce };
      await store.set(stateKey(state), pending, { ttlSeconds: SIGN_IN_TTL_SECONDS });
      return authorizationUrl(endpoint, settings, { state, codeChallenge: await oauth.calculatePKCECodeChallenge(codeVerifier), nonce });
    },

    async complete(callbackUrl, browserInteractionUid) {
      // Read per call: the server may learn its own URL (and so its callback) only once it listens.
      const redirectUri = new URL(settings.redirectUri);
      if (callbackUrl.origin !== redirectUri.origin || callbackUrl.pathname !== redirectUri.pathname) {
        throw new SignInError('invalid_callback', `This is not the ${name} sign-in callback of this server.`);
      }
      const state = callbackUrl.searchParams.get('state');
      // Taken, not read: a replayed callback finds nothing, whichever replica it reaches.
      const pending = state === null || state === '' ? undefined : await store.take<PendingSignIn>(stateKey(state));
      if (pending === undefined || state === null) {
        throw new SignInError('sign_in_expired', `This ${name} sign-in has expired or was already completed. Start again from your MCP client.`);
      }
      const { interactionUid, codeVerifier, nonce } = pending;
      // The state was issued to the browser holding this interaction: any other browser brought a
      // callback meant for someone else (login CSRF). Its code is never exchanged.
      if (browserInteractionUid !== interactionUid) {
        throw new SignInError('invalid_callback', `This ${name} sign-in was started in another browser. Start again from your MCP client.`);
      }
      const as = await metadata(interactionUid);
      // Where tenants share the endpoints but each has an issuer of its own, the response's `iss`
      // (RFC 9207) names the user's tenant: it must be the issuer their ID token names (checked below).
      const tenantIssuer = settings.idTokenIssuer === undefined ? undefined : (callbackUrl.searchParams.get('iss') ?? undefined);
      let parameters: URLSearchParams;
      try {
        parameters = oauth.validateAuthResponse(tenantIssuer === undefined ? as : { ...as, issuer: tenantIssuer }, upstream.client, callbackUrl, state);
      } catch (error) {
        if (error instanceof oauth.AuthorizationResponseError) {
          logger.info({ upstreamError: error.error }, 'the upstream sign-in was refused');
          throw new SignInError('sign_in_refused', refusalMessage(name, error.error), { interactionUid, upstreamError: error.error, cause: safeCause(error) });
        }
        logger.warn({ reason: messageOf(error) }, 'an upstream sign-in callback was refused');
        throw new SignInError('invalid_callback', `The answer from ${name} could not be verified. Start again from your MCP client.`, { interactionUid, cause: safeCause(error) });
      }

      const obtainedAt = now();
      let response: oauth.TokenEndpointResponse;
      try {
        const answer = await oauth.authorizationCodeGrantRequest(as, upstream.client, upstream.clientAuth, parameters, settings.redirectUri, codeVerifier, upstream.requestOptions());
        const answeredAs = await upstream.metadataFor(answer);
        if (tenantIssuer !== undefined && answeredAs.issuer !== tenantIssuer) throw new UnacceptableAnswerError('the ID token names another issuer than the authorization response');
        response = await oauth.processAuthorizationCodeResponse(answeredAs, upstream.client, answer, {
          expectedNonce: nonce ?? oauth.expectNoNonce,
          requireIdToken: openid,
        });
      } catch (error) {
        if (error instanceof oauth.ResponseBodyError && error.status < 500) {
          logger.warn({ upstreamError: error.error, status: error.status }, 'the upstream token endpoint refused the authorization code');
          throw new SignInError('code_exchange_refused', `${capitalised(name)} refused to complete the sign-in. Start again from your MCP client.`, {
            interactionUid,
            upstreamError: error.error,
            cause: safeCause(error),
          });
        }
        throw unavailable(name, error, interactionUid);
      }
      const user = await userOf(as, upstream, response, settings.userClaims).catch((error: unknown) => {
        throw unavailable(name, error, interactionUid);
      });
      return { interactionUid, tokens: tokenSetFrom(response, user, obtainedAt), identityClaims: user.identityClaims };
    },
  };
}

/** The store key of a pending sign-in: a hash, so the state itself is nowhere in the store. */
function stateKey(state: string): string {
  return `sign-in:${createHash('sha256').update(state).digest('base64url')}`;
}

function refusalMessage(name: string, error: string): string {
  if (error === 'access_denied') return `The sign-in at ${name} was declined. Start again from your MCP client to retry.`;
  // The error code came with the callback, which anyone can craft: it is named only when it looks like one.
  const said = /^[\w.-]{1,64}$/.test(error) ? ` (${error})` : '';
  return `${capitalised(name)} refused the sign-in${said}. Start again from your MCP client, or ask an administrator.`;
}

function unavailable(name: string, error: unknown, interactionUid: string | undefined): SignInError {
  if (error instanceof SignInError) return error;
  const message =
    error instanceof oauth.OperationProcessingError || error instanceof UnacceptableAnswerError
      ? `${capitalised(name)} answered in a way this server cannot accept. Try again, or ask an administrator.`
      : `${capitalised(name)} cannot be reached right now. Try again in a moment.`;
  return new SignInError('upstream_unavailable', message, {
    ...(interactionUid !== undefined && { interactionUid }),
    cause: safeCause(error),
  });
}

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
