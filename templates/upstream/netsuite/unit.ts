import * as z from 'zod';
import { neededByUpstreamTools, optionalSecret, optionalSetting, type UpstreamUnit } from '../../../src/features/unit.js';
import { netSuiteSignIn } from '../../layers/netsuite-sign-in/layer.js';
import { oidcIdentity } from '../../layers/oidc-identity/layer.js';

/** NetSuite account IDs as Company Information shows them: 123456, sandboxes 123456_SB1, test drives TSTDRV1234567. */
const ACCOUNT_ID = /^[A-Z0-9]+(_(SB|RP)[0-9]+)?$/;

export default {
  id: 'netsuite',
  label: 'Oracle NetSuite',
  hint: 'records and SuiteQL, as each signed-in user or with machine-to-machine credentials',
  folder: 'upstream/netsuite',
  // Users sign in at NetSuite through this server (oauth-proxy) and each call acts as them; with the
  // other strategies, callers bring tokens of the organisation's OIDC provider and calls use this
  // server's own machine-to-machine credentials.
  layers: [{ ...oidcIdentity, whenUsersSignIn: false }, netSuiteSignIn],
  authStrategies: ['oauth-proxy', 'none', 'jwt', 'introspection', 'gateway'],
  // NetSuite signs users in with OAuth 2.0 alone: no OpenID Connect scopes by default.
  exampleOverrides: { SIGN_IN_SCOPES: '' },
  settings: {
    accountId: {
      // Unset leaves it to the environment.
      schema: z
        .string()
        .trim()
        .toUpperCase()
        .regex(ACCOUNT_ID, 'expected a NetSuite account ID such as 1234567 or 1234567_SB1 (Setup > Company > Company Information)')
        .optional(),
      flag: '--netsuite-account-id',
      valueName: 'id',
      description: 'account ID, e.g. 1234567 or 1234567_SB1 (default: set NETSUITE_ACCOUNT_ID later)',
      answerHint: 'e.g. 1234567_SB1',
      question: 'NetSuite account ID (Setup > Company > Company Information; empty: set NETSUITE_ACCOUNT_ID later)',
      envVar: 'NETSUITE_ACCOUNT_ID',
    },
  },
  // The client assertion is a JWT signed with the certificate's key.
  dependencies: ['jose'],
  envVars: [
    neededByUpstreamTools(optionalSetting('NETSUITE_ACCOUNT_ID', 'NetSuite account ID (Setup, Company, Company Information); sandboxes look like 123456_SB1.', '123456_SB1')),
    {
      ...optionalSetting(
        'NETSUITE_AUTH_FLOW',
        "How the tools reach NetSuite: signed_in_user (each user's own token from signing in through this server; oauth-proxy only) or client_credentials (this server's integration record and certificate, M2M).",
        'client_credentials',
      ),
      whenUsersSignIn: { example: 'signed_in_user' },
    },
    // With users signed in, the tools use their tokens: this server's own credentials are optional.
    { ...neededByUpstreamTools(optionalSetting('NETSUITE_CLIENT_ID', 'Client ID (consumer key) of the integration record with the client credentials (M2M) grant enabled (client_credentials flow).', 'your-integration-client-id')), whenUsersSignIn: { neededByUpstreamTools: false } },
    { ...neededByUpstreamTools(optionalSetting('NETSUITE_CERTIFICATE_ID', 'Certificate ID shown in Setup, Integration, OAuth 2.0 Client Credentials (M2M) Setup for the uploaded certificate (client_credentials flow).', 'your-certificate-id')), whenUsersSignIn: { neededByUpstreamTools: false } },
    { ...neededByUpstreamTools(optionalSecret('NETSUITE_PRIVATE_KEY', 'PEM private key of that certificate (PS256: RSA 3072+ bits; ES256: P-256); newlines may be written as \\n.')), whenUsersSignIn: { neededByUpstreamTools: false } },
    optionalSetting('NETSUITE_SIGNING_ALGORITHM', 'Algorithm of the client assertion: PS256 (RSA certificate) or ES256 (EC certificate).', 'PS256'),
    optionalSetting('NETSUITE_SCOPES', 'Comma-separated scopes requested for access tokens, by this server and at every sign-in (rest_webservices, restlets, suite_analytics).', 'rest_webservices'),
    optionalSetting('NETSUITE_REST_URL', "Base URL of the account's REST services. Default: https://<account>.suitetalk.api.netsuite.com.", 'https://123456-sb1.suitetalk.api.netsuite.com'),
  ],
  readme: [{ file: 'netsuite.md' }, { file: 'netsuite-sign-in.md', whenUsersSignIn: true }],
} as const satisfies UpstreamUnit;
