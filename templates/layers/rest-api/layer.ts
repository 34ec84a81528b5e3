import { neededByUpstreamTools, optionalSecret, optionalSetting, type EnvVar, type Layer, type RestApiTokens } from '../../../src/features/unit.js';
import { restApiSignIn } from '../rest-api-sign-in/layer.js';

/** What differs per preset in the settings of the REST API behind the api_* tools. */
export interface RestApiPreset {
  /** UPSTREAM_API_AUTH; its example is its default. */
  auth: EnvVar;
  tokenUrl: EnvVar;
  clientId: EnvVar;
  scope: EnvVar;
  audience?: EnvVar;
}

/** The settings of the REST API behind the api_* tools, as one preset documents them. */
export function restApiSettings(tokens: RestApiTokens, preset: RestApiPreset): EnvVar[] {
  // With client_credentials as the default, the client's ID and secret are needed too; not where users
  // sign in and the default is another mode (signed_in_user).
  const signedInDefault = preset.auth.whenUsersSignIn?.example;
  const clientNotNeededWhenUsersSignIn = signedInDefault !== undefined && signedInDefault !== 'client_credentials';
  const withClient =
    preset.auth.example === 'client_credentials'
      ? (envVar: EnvVar): EnvVar => ({ ...neededByUpstreamTools(envVar), ...(clientNotNeededWhenUsersSignIn && { whenUsersSignIn: { neededByUpstreamTools: false } }) })
      : (envVar: EnvVar) => envVar;
  return [
    neededByUpstreamTools(optionalSetting('UPSTREAM_API_URL', 'Base URL of the REST API the api_* tools reach; collections are paths below it (<url>/<collection>/<id>). https; plain http only on localhost.', 'https://api.example.com/v1')),
    preset.auth,
    optionalSecret('UPSTREAM_API_KEY', 'Key the REST API issued to this server (UPSTREAM_API_AUTH=api_key).'),
    optionalSetting('UPSTREAM_API_KEY_HEADER', 'Header that carries the API key.', 'x-api-key'),
    preset.tokenUrl,
    withClient(preset.clientId),
    withClient(optionalSecret('UPSTREAM_CLIENT_SECRET', 'Client secret of UPSTREAM_CLIENT_ID.')),
    optionalSetting('UPSTREAM_CLIENT_AUTH_METHOD', 'How the client secret is sent to the token endpoint: client_secret_basic (HTTP Basic) or client_secret_post (form body).', tokens.clientAuthMethod),
    preset.scope,
    ...(preset.audience === undefined ? [] : [preset.audience]),
    optionalSetting('UPSTREAM_API_COLLECTIONS', 'Collections the api_* tools may reach, separated by commas; unset allows every collection.', 'orders,customers'),
  ];
}

/**
 * A REST API of collections behind the api_* tools, for presets that front no particular product.
 * Its src/upstream/index.ts takes the callers' identity provider from the preset's
 * src/upstream/identity.ts and the REST API's token issuer from its src/upstream/rest-api-issuer.ts.
 */
export const restApi = {
  folder: 'layers/rest-api',
  layers: [restApiSignIn],
  readme: [{ file: 'rest-api.md' }],
} as const satisfies Layer;
