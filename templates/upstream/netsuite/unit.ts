import * as z from 'zod';
import { neededByUpstreamTools, optionalSecret, optionalSetting, type UpstreamUnit } from '../../../src/features/unit.js';
import { oidcIdentity } from '../../layers/oidc-identity/layer.js';

/** NetSuite account IDs as Company Information shows them: 123456, sandboxes 123456_SB1, test drives TSTDRV1234567. */
const ACCOUNT_ID = /^[A-Z0-9]+(_(SB|RP)[0-9]+)?$/;

export default {
  id: 'netsuite',
  label: 'Oracle NetSuite',
  hint: 'records and SuiteQL with machine-to-machine credentials',
  folder: 'upstream/netsuite',
  layers: [oidcIdentity],
  // NetSuite is reached with service credentials; callers sign in with the organisation's OIDC provider.
  authStrategies: ['none', 'jwt', 'introspection', 'gateway'],
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
    neededByUpstreamTools(optionalSetting('NETSUITE_CLIENT_ID', 'Client ID (consumer key) of the integration record with the client credentials (M2M) grant enabled.', 'your-integration-client-id')),
    neededByUpstreamTools(optionalSetting('NETSUITE_CERTIFICATE_ID', 'Certificate ID shown in Setup, Integration, OAuth 2.0 Client Credentials (M2M) Setup for the uploaded certificate.', 'your-certificate-id')),
    neededByUpstreamTools(optionalSecret('NETSUITE_PRIVATE_KEY', 'PEM private key of that certificate (PS256: RSA 3072+ bits; ES256: P-256); newlines may be written as \\n.')),
    optionalSetting('NETSUITE_SIGNING_ALGORITHM', 'Algorithm of the client assertion: PS256 (RSA certificate) or ES256 (EC certificate).', 'PS256'),
    optionalSetting('NETSUITE_SCOPES', 'Comma-separated scopes requested for the access token (rest_webservices, restlets, suite_analytics).', 'rest_webservices'),
    optionalSetting('NETSUITE_REST_URL', "Base URL of the account's REST services. Default: https://<account>.suitetalk.api.netsuite.com.", 'https://123456-sb1.suitetalk.api.netsuite.com'),
  ],
  readme: [{ file: 'netsuite.md' }],
} as const satisfies UpstreamUnit;
