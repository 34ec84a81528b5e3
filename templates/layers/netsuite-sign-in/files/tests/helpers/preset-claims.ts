import { STANDARD_TOKEN_CONVENTIONS, type CallerClaimsInput, type PresetTestIdp } from './preset-test-idp.js';

/** The account the test upstream plays: every signed-in user's tenant. */
export const TEST_NETSUITE_ACCOUNT = 'TSTDRV1234567';

/**
 * How tests play NetSuite as the authorization server users sign in at: a provider on a loopback
 * origin of its own, which serves both the account's sign-in pages (NETSUITE_APP_URL) and its REST
 * host (NETSUITE_REST_URL). NetSuite tokens carry no roles; the account is the tenant.
 */
export const presetTestIdp = {
  /** Nothing more is needed for a complete configuration than what every NetSuite test sets. */
  placeholderEnv: {},
  /** The account's hosts are origins: the endpoints have fixed paths below them. */
  mountPath: '',
  /** Settings pointing the server at the in-process upstream at `issuer`, its origin. */
  serverEnv(issuer) {
    return { NETSUITE_ACCOUNT_ID: TEST_NETSUITE_ACCOUNT, NETSUITE_APP_URL: issuer, NETSUITE_REST_URL: issuer };
  },
  ...STANDARD_TOKEN_CONVENTIONS,
  /** NetSuite tokens carry neither roles nor a tenant claim (the tenant is the account signed in at). */
  callerClaims(_caller: CallerClaimsInput) {
    return {};
  },
} satisfies PresetTestIdp;
