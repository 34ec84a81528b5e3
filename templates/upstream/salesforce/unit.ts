import * as z from 'zod';
import { neededByUpstreamTools, optionalSecret, optionalSetting, type UpstreamUnit } from '../../../src/features/unit.js';
import { oidcIdentity } from '../../layers/oidc-identity/layer.js';
import { salesforceSignIn } from '../../layers/salesforce-sign-in/layer.js';

/**
 * Where tokens are requested when no My Domain URL was given. It serves the jwt_bearer flow, but the
 * default client_credentials flow needs the org's My Domain URL, so a project left with it is told
 * to set SALESFORCE_LOGIN_URL.
 */
const SHARED_LOGIN_URLS: readonly string[] = ['https://login.salesforce.com', 'https://test.salesforce.com'];

export default {
  id: 'salesforce',
  label: 'Salesforce',
  hint: 'sObjects, SOQL and describe with an external client app',
  folder: 'upstream/salesforce',
  // Users sign in at Salesforce through this server (oauth-proxy) and each call acts as them; with the
  // other strategies, callers bring tokens of the organisation's OIDC provider and calls use this
  // server's own Salesforce session.
  layers: [{ ...oidcIdentity, whenUsersSignIn: false }, salesforceSignIn],
  authStrategies: ['oauth-proxy', 'none', 'jwt', 'introspection', 'gateway'],
  settings: {
    loginUrl: {
      schema: z
        .url({ protocol: /^https$/, error: 'expected an https URL such as https://acme.my.salesforce.com' })
        .transform((value) => new URL(value))
        .refine((url) => url.pathname === '/' && url.search === '' && url.hash === '', 'expected the login host only, e.g. https://acme.my.salesforce.com')
        .transform((url) => url.origin)
        .default('https://login.salesforce.com'),
      flag: '--salesforce-login-url',
      valueName: 'url',
      description: 'My Domain URL, e.g. https://acme.my.salesforce.com (default: set SALESFORCE_LOGIN_URL later)',
      answerHint: 'your My Domain URL',
      question: 'Salesforce My Domain URL (Setup > My Domain; empty: set SALESFORCE_LOGIN_URL later)',
      placeholder: 'https://acme.my.salesforce.com',
      envVar: 'SALESFORCE_LOGIN_URL',
      // login.salesforce.com and test.salesforce.com are every org's login host: they name no org.
      leavesVariableToSet: (loginUrl: string) => SHARED_LOGIN_URLS.includes(loginUrl),
    },
    apiVersion: {
      schema: z
        .string()
        .trim()
        .regex(/^[0-9]{2,3}\.0$/, 'expected a Salesforce API version such as 66.0')
        .default('66.0'),
      flag: '--salesforce-api-version',
      valueName: 'version',
      description: 'REST API version (default: 66.0)',
      answerHint: 'e.g. 66.0',
      question: 'Salesforce REST API version',
      envVar: 'SALESFORCE_API_VERSION',
    },
  },
  envVars: [
    neededByUpstreamTools(optionalSetting('SALESFORCE_LOGIN_URL', 'Where users sign in and tokens are requested: your My Domain URL (https://<domain>.my.salesforce.com), or https://login.salesforce.com / https://test.salesforce.com (sandboxes) for the JWT bearer flow and sign-in.', 'https://acme.my.salesforce.com')),
    optionalSetting('SALESFORCE_API_VERSION', 'REST API version, without the v.', '66.0'),
    {
      ...optionalSetting(
        'SALESFORCE_AUTH_FLOW',
        'How the tools reach Salesforce: signed_in_user (each user\'s own session from signing in through this server; oauth-proxy only), client_credentials (external client app with the client credentials flow) or jwt_bearer (certificate, acting as SALESFORCE_USERNAME).',
        'client_credentials',
      ),
      whenUsersSignIn: { example: 'signed_in_user' },
    },
    // With users signed in, the tools use their sessions: this server's own credentials are optional.
    { ...neededByUpstreamTools(optionalSetting('SALESFORCE_CLIENT_ID', 'Consumer key of the external client app (client_credentials and jwt_bearer flows).', 'your-consumer-key')), whenUsersSignIn: { neededByUpstreamTools: false } },
    { ...neededByUpstreamTools(optionalSecret('SALESFORCE_CLIENT_SECRET', 'Consumer secret of the external client app (client_credentials flow).')), whenUsersSignIn: { neededByUpstreamTools: false } },
    optionalSetting('SALESFORCE_USERNAME', 'User the JWT bearer flow acts as (jwt_bearer flow).', 'integration@acme.com'),
    optionalSecret('SALESFORCE_PRIVATE_KEY', 'PEM private key whose certificate is uploaded to the app (jwt_bearer flow); newlines may be written as \\n.'),
  ],
  readme: [{ file: 'salesforce.md' }, { file: 'salesforce-sign-in.md', whenUsersSignIn: true }],
} as const satisfies UpstreamUnit;
