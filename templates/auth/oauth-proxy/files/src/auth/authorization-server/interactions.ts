import { randomBytes, timingSafeEqual } from 'node:crypto';

import express, { type Express, type Request, type Response } from 'express';
import type Provider from 'oidc-provider';
import type { InteractionResults } from 'oidc-provider';

import type { Logger } from '../../logger.js';
import type { JsonValue, Store } from '../../storage/store.js';
import type { IdentityProvider } from '../../upstream/types.js';
import { SignInError } from '../upstream-sign-in/errors.js';
import type { UpstreamSignIn } from '../upstream-sign-in/sign-in.js';
import type { UpstreamTokenSet } from '../upstream-sign-in/token-set.js';
import type { UpstreamTokenVault } from '../upstream-sign-in/token-vault.js';
import type { Accounts } from './accounts.js';
import type { Approvals } from './approvals.js';
import { renderConsentPage } from './consent-page.js';
import { renderErrorPage } from './error-page.js';
import { pageHeaders } from './html.js';
import { AS_PATHS } from './paths.js';
import { INTERACTION_TTL_SECONDS } from './provider.js';

/** Scopes the authorization server defines itself; every other requested scope is one of this server's. */
const OIDC_SCOPES = new Set(['openid', 'offline_access']);

export interface InteractionDeps {
  /** Made on first use, once the server listens (its issuer is the public address). */
  provider(): Provider;
  issuer(): URL;
  resourceUrl(): string;
  /** Undefined while the upstream client is not configured: `problems` says what is missing. */
  signIn: UpstreamSignIn | undefined;
  problems: readonly string[];
  vault: UpstreamTokenVault;
  accounts: Accounts;
  approvals: Approvals;
  /** Sealed and namespaced: the steps of sign-ins in progress (CSRF tokens, the upstream result). */
  store: Store;
  /** Reads roles and tenant from the upstream's claims. */
  idp(): IdentityProvider;
  /** Whether users of a tenant may sign in (AUTH_ALLOWED_TENANTS). */
  admitsTenant(tenant: string | undefined): boolean;
  upstreamName: string;
  /**
   * Origins the consent form may lead to: the browser applies the page's form-action to the redirects
   * after it too (to the upstream's authorization endpoint, or back to the client on deny).
   */
  upstreamOrigins(): Promise<readonly string[]>;
  refreshTokenTtlSeconds: number;
  logger: Logger;
}

/** The step of an interaction that finished at the upstream, waiting for the browser to come back. */
const signedInKey = (uid: string) => `signed-in:${uid}`;
/** Consent given on the page shown before the upstream round trip. */
const consentedKey = (uid: string) => `consented:${uid}`;
const csrfKey = (uid: string) => `csrf:${uid}`;
/** A sign-in the upstream ended with an error, to be reported to the client that asked for it. */
const failedKey = (uid: string) => `failed:${uid}`;

/**
 * What the client is told when the upstream part of a sign-in fails for a reason it can act on. A
 * callback that cannot be tied to its sign-in (unknown or replayed state, wrong issuer) is shown
 * to the person only: it may not come from the upstream at all.
 */
const CLIENT_ERRORS: Partial<Record<SignInError['code'], string>> = {
  sign_in_refused: 'access_denied',
  code_exchange_refused: 'access_denied',
  upstream_unavailable: 'temporarily_unavailable',
};

/**
 * The pages between an authorization request and its code: consent (before anything goes upstream,
 * unless this user already approved this client), the upstream sign-in, and the grant that binds
 * the user's upstream tokens to what the client receives.
 */
export function installInteractions(app: Express, deps: InteractionDeps): void {
  const interactionPath = (uid: string) => `${deps.issuer().pathname.replace(/\/+$/, '')}${AS_PATHS.interaction}/${uid}`;
  const form = express.urlencoded({ extended: false, limit: '4kb', parameterLimit: 10 });

  const showError = (res: Response, status: number, message: string) => {
    res.status(status).set(pageHeaders()).send(renderErrorPage(message));
  };

  /** The interaction of this browser (its cookie) with the uid of the URL, or undefined after answering. */
  const interactionOf = async (req: Request, res: Response) => {
    try {
      const details = await deps.provider().interactionDetails(req, res);
      if (details.uid === req.params.uid) return details;
    } catch (error) {
      deps.logger.info({ err: error }, 'sign-in step without a valid interaction');
    }
    showError(res, 400, 'This sign-in has expired or was started in another browser.');
    return undefined;
  };

  const requestOf = async (details: Awaited<ReturnType<Provider['interactionDetails']>>) => {
    const clientId = String(details.params.client_id);
    const client = await deps.provider().Client.find(clientId);
    const requested = String(details.params.scope ?? '').split(' ').filter((scope) => scope.length > 0);
    return {
      clientId,
      clientName: client?.clientName ?? clientId,
      // A client identified by its metadata document URL is vouched for by the host serving it.
      ...(clientId.startsWith('https://') && { metadataHost: new URL(clientId).host }),
      redirectUri: String(details.params.redirect_uri),
      scopes: requested.filter((scope) => !OIDC_SCOPES.has(scope)),
      oidcScopes: requested.filter((scope) => OIDC_SCOPES.has(scope)),
    };
  };

  const showConsent = async (res: Response, uid: string, request: Awaited<ReturnType<typeof requestOf>>, userName?: string) => {
    const csrfToken = randomBytes(32).toString('base64url');
    await deps.store.set(csrfKey(uid), csrfToken, { ttlSeconds: INTERACTION_TTL_SECONDS });
    const formTargets = [formTarget(request.redirectUri), ...(await deps.upstreamOrigins())];
    res
      .status(200)
      .set(pageHeaders(formTargets))
      .send(renderConsentPage({ action: interactionPath(uid), csrfToken, upstreamName: deps.upstreamName, ...request, ...(userName !== undefined && { userName }) }));
  };

  const goUpstream = async (res: Response, uid: string) => {
    if (deps.signIn === undefined) throw new Error('sign-in is not configured');
    res.redirect(303, (await deps.signIn.begin(uid)).href);
  };

  const finish = async (req: Request, res: Response, request: Awaited<ReturnType<typeof requestOf>>, { tokens, roles, tenant }: SignedInUser) => {
    await deps.accounts.save({ subject: tokens.subject, roles, ...(tenant !== undefined && { tenant }), profile: tokens.claims });
    await deps.approvals.record(tokens.subject, request.clientId, request.scopes);
    const grant = new (deps.provider().Grant)({ accountId: tokens.subject, clientId: request.clientId });
    const everyScope = [...request.oidcScopes, ...request.scopes];
    if (everyScope.length > 0) grant.addOIDCScope(everyScope.join(' '));
    grant.addResourceScope(deps.resourceUrl(), request.scopes.join(' '));
    const grantId = await grant.save();
    await deps.vault.save(grantId, tokens, deps.refreshTokenTtlSeconds);
    const result: InteractionResults = { login: { accountId: tokens.subject }, consent: { grantId } };
    await deps.provider().interactionFinished(req, res, result, { mergeWithLastSubmission: false });
  };

  app.get(`${AS_PATHS.interaction}/:uid`, async (req, res) => {
    const details = await interactionOf(req, res);
    if (details === undefined) return;
    if (deps.signIn === undefined) {
      showError(res, 503, `Sign-in is not set up on this server yet: ${deps.problems.join('; ')}`);
      return;
    }
    const request = await requestOf(details);
    const knownUser = details.session?.accountId;
    if (knownUser !== undefined && (await deps.approvals.has(knownUser, request.clientId, request.scopes))) {
      await goUpstream(res, details.uid);
      return;
    }
    await showConsent(res, details.uid, request);
  });

  app.post(`${AS_PATHS.interaction}/:uid`, form, async (req, res) => {
    const details = await interactionOf(req, res);
    if (details === undefined) return;
    const expected = await deps.store.take<string>(csrfKey(details.uid));
    const presented = typeof req.body?.csrf === 'string' ? req.body.csrf : '';
    if (expected === undefined || !sameSecret(expected, presented)) {
      showError(res, 403, 'This form was not sent from the consent page it belongs to.');
      return;
    }
    if (req.body.decision !== 'allow') {
      await deps.provider().interactionFinished(req, res, { error: 'access_denied', error_description: 'The user denied access' }, { mergeWithLastSubmission: false });
      return;
    }
    const signedIn = await deps.store.take<SignedInUser & JsonValue>(signedInKey(details.uid));
    if (signedIn !== undefined) {
      await finish(req, res, await requestOf(details), signedIn);
      return;
    }
    await deps.store.set(consentedKey(details.uid), true, { ttlSeconds: INTERACTION_TTL_SECONDS });
    await goUpstream(res, details.uid);
  });

  app.get(AS_PATHS.upstreamCallback, async (req, res) => {
    if (deps.signIn === undefined) {
      showError(res, 503, 'Sign-in is not set up on this server yet.');
      return;
    }
    try {
      const browser = await deps.provider().interactionDetails(req, res).catch(() => undefined);
      const { interactionUid, tokens, identityClaims } = await deps.signIn.complete(new URL(req.originalUrl, deps.issuer().origin), browser?.uid);
      // Roles and tenant are read once, here, from every claim the upstream gave; only the display claims are kept.
      const { roles, tenant } = deps.idp().mapClaims({ ...identityClaims, sub: tokens.subject });
      if (!deps.admitsTenant(tenant)) {
        // Their upstream tokens are dropped here: nothing of this sign-in is kept.
        deps.logger.info({ tenant }, 'a user of a tenant this server does not serve tried to sign in');
        throw new SignInError('sign_in_refused', 'Users of your organisation cannot sign in to this server. Ask an administrator to add it.', { interactionUid });
      }
      const signedIn: SignedInUser = { tokens, roles: [...roles], ...(tenant !== undefined && { tenant }) };
      await deps.store.set(signedInKey(interactionUid), signedIn as SignedInUser & JsonValue, { ttlSeconds: INTERACTION_TTL_SECONDS });
      res.redirect(303, `${interactionPath(interactionUid)}/signed-in`);
    } catch (error: unknown) {
      if (!(error instanceof SignInError)) throw error;
      deps.logger.info({ err: error }, 'upstream sign-in failed');
      const clientError = CLIENT_ERRORS[error.code];
      if (error.interactionUid === undefined || clientError === undefined) {
        showError(res, 400, error.message);
        return;
      }
      await deps.store.set(failedKey(error.interactionUid), { error: clientError, error_description: error.message }, { ttlSeconds: INTERACTION_TTL_SECONDS });
      res.redirect(303, `${interactionPath(error.interactionUid)}/signed-in`);
    }
  });

  app.get(`${AS_PATHS.interaction}/:uid/signed-in`, async (req, res) => {
    const details = await interactionOf(req, res);
    if (details === undefined) return;
    const failed = await deps.store.take<{ error: string; error_description: string }>(failedKey(details.uid));
    if (failed !== undefined) {
      await deps.provider().interactionFinished(req, res, failed, { mergeWithLastSubmission: false });
      return;
    }
    const signedIn = await deps.store.get<SignedInUser & JsonValue>(signedInKey(details.uid));
    if (signedIn === undefined) {
      showError(res, 400, 'This sign-in has expired; start again from your application.');
      return;
    }
    const request = await requestOf(details);
    const consentedHere = (await deps.store.take(consentedKey(details.uid))) !== undefined;
    const { tokens } = signedIn;
    if (consentedHere || (await deps.approvals.has(tokens.subject, request.clientId, request.scopes))) {
      if ((await deps.store.take(signedInKey(details.uid))) === undefined) {
        showError(res, 400, 'This sign-in was already completed.');
        return;
      }
      await finish(req, res, request, signedIn);
      return;
    }
    // Someone other than the user who approved this client came back from the upstream: ask them.
    const name = tokens.claims.preferred_username ?? tokens.claims.email ?? tokens.claims.name ?? tokens.subject;
    await showConsent(res, details.uid, request, String(name));
  });
}

/** A user back from the upstream, until their sign-in is finished: their tokens, and what this server's tokens will say of them. */
interface SignedInUser {
  tokens: UpstreamTokenSet;
  roles: string[];
  tenant?: string;
}

/** A CSP source for where a redirect URI leads: its origin, or its scheme for an app's own (cursor:, vscode:). */
function formTarget(redirectUri: string): string {
  const url = new URL(redirectUri);
  return url.protocol === 'https:' || url.protocol === 'http:' ? url.origin : url.protocol;
}

/** Compares two secrets in constant time. */
function sameSecret(expected: string, presented: string): boolean {
  const a = Buffer.from(expected);
  const b = Buffer.from(presented);
  return a.length === b.length && timingSafeEqual(a, b);
}
