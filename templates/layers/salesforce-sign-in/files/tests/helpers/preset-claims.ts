import { STANDARD_TOKEN_CONVENTIONS, type CallerClaimsInput, type PresetTestIdp } from './preset-test-idp.js';

/**
 * How tests play Salesforce as the identity provider users sign in at: an OpenID provider on a
 * loopback origin of its own, as a My Domain is (the issuer is the origin), which SALESFORCE_LOGIN_URL
 * names. Salesforce tokens carry no roles; the org in the user's identity URL is the tenant.
 */
export const presetTestIdp = {
  /** SALESFORCE_LOGIN_URL has a default (login.salesforce.com): nothing more is needed for a complete configuration. */
  placeholderEnv: {},
  /** A My Domain is an origin: the issuer has no path. */
  mountPath: '',
  /** Settings pointing the server at the in-process provider whose issuer is `issuer`. */
  serverEnv(issuer) {
    return { SALESFORCE_LOGIN_URL: issuer };
  },
  ...STANDARD_TOKEN_CONVENTIONS,
  /** Salesforce tokens carry neither roles nor a tenant claim (the tenant is read from the subject, an identity URL). */
  callerClaims(_caller: CallerClaimsInput) {
    return {};
  },
} satisfies PresetTestIdp;
