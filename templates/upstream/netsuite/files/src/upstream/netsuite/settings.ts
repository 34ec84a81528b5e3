import type { KeyObject } from 'node:crypto';

import { accountRestUrl } from './account.js';
import type { NetSuiteAuthFlow } from './auth-flows.js';

/** Algorithms NetSuite accepts for the client assertion that this server supports: one per key type. */
export const SIGNING_ALGORITHMS = ['PS256', 'ES256'] as const;
export type SigningAlgorithm = (typeof SIGNING_ALGORITHMS)[number];

/** What an access token can be good for: REST web services (records, SuiteQL), RESTlets, SuiteAnalytics Connect. */
export const NETSUITE_SCOPES = ['rest_webservices', 'restlets', 'suite_analytics'] as const;
export type NetSuiteScope = (typeof NETSUITE_SCOPES)[number];

/** This server's own machine-to-machine credentials: the client credentials grant with a certificate. */
export interface NetSuiteClientCredentials {
  /** The OAuth 2.0 token endpoint; also the audience of the client assertion. */
  readonly tokenUrl: string;
  readonly clientId: string;
  readonly certificateId: string;
  readonly privateKey: KeyObject;
  readonly algorithm: SigningAlgorithm;
  readonly scopes: readonly NetSuiteScope[];
}

/**
 * Everything needed to call NetSuite, once the configuration is complete: where its REST web services
 * are (origin and any path prefix, without a trailing slash), and whose token the calls carry.
 */
export type NetSuiteSettings =
  | { readonly flow: 'signed_in_user'; readonly restUrl: string }
  | ({ readonly flow: 'client_credentials'; readonly restUrl: string } & NetSuiteClientCredentials);

/** The NETSUITE_* settings as the config schema reads them (src/upstream/config.ts). */
export interface NetSuiteConfig {
  readonly NETSUITE_ACCOUNT_ID?: string | undefined;
  readonly NETSUITE_AUTH_FLOW: NetSuiteAuthFlow;
  readonly NETSUITE_CLIENT_ID?: string | undefined;
  readonly NETSUITE_CERTIFICATE_ID?: string | undefined;
  readonly NETSUITE_PRIVATE_KEY?: KeyObject | undefined;
  readonly NETSUITE_SIGNING_ALGORITHM: SigningAlgorithm;
  readonly NETSUITE_SCOPES: readonly NetSuiteScope[];
  readonly NETSUITE_REST_URL?: string | undefined;
}

export type NetSuiteSettingsResult = { settings: NetSuiteSettings; problems?: never } | { settings?: never; problems: string[] };

/** Where the account's REST web services are: NETSUITE_REST_URL, or the account's own host. */
export function netSuiteRestUrl(config: Pick<NetSuiteConfig, 'NETSUITE_ACCOUNT_ID' | 'NETSUITE_REST_URL'>): string | undefined {
  return config.NETSUITE_REST_URL ?? (config.NETSUITE_ACCOUNT_ID === undefined ? undefined : accountRestUrl(config.NETSUITE_ACCOUNT_ID));
}

/**
 * The NetSuite settings, or every reason they are not usable yet. Each variable is valid on its own
 * by now (the config schema checked it); what is left is what is missing and what does not fit together.
 * Acting as the signed-in user needs no credential of this server's own: each call carries the
 * token of the user who made it.
 */
export function readNetSuiteSettings(config: NetSuiteConfig): NetSuiteSettingsResult {
  const restUrl = netSuiteRestUrl(config);
  const problems: string[] = [];
  if (restUrl === undefined) {
    problems.push('NETSUITE_ACCOUNT_ID: required to reach NetSuite; set it to the account ID from Setup > Company > Company Information, e.g. 1234567 or 1234567_SB1');
  }
  if (!config.NETSUITE_SCOPES.includes('rest_webservices')) {
    problems.push('NETSUITE_SCOPES: must include rest_webservices, the scope of the record and SuiteQL APIs');
  }
  if (config.NETSUITE_AUTH_FLOW === 'signed_in_user') {
    return restUrl === undefined || problems.length > 0 ? { problems } : { settings: { flow: 'signed_in_user', restUrl } };
  }

  const { NETSUITE_CLIENT_ID: clientId, NETSUITE_CERTIFICATE_ID: certificateId, NETSUITE_PRIVATE_KEY: privateKey } = config;
  if (clientId === undefined) {
    problems.push('NETSUITE_CLIENT_ID: required to obtain access tokens; set it to the client ID of the integration record');
  }
  if (certificateId === undefined) {
    problems.push('NETSUITE_CERTIFICATE_ID: required to obtain access tokens; set it to the certificate ID shown in Setup > Integration > Manage Authentication > OAuth 2.0 Client Credentials (M2M) Setup');
  }
  if (privateKey === undefined) {
    problems.push('NETSUITE_PRIVATE_KEY: required to sign token requests; set it to the PEM private key of the uploaded certificate');
  } else {
    problems.push(...keyProblems(privateKey, config.NETSUITE_SIGNING_ALGORITHM));
  }

  if (restUrl === undefined || clientId === undefined || certificateId === undefined || privateKey === undefined || problems.length > 0) return { problems };
  return {
    settings: {
      flow: 'client_credentials',
      restUrl,
      tokenUrl: netSuiteTokenUrl(restUrl),
      clientId,
      certificateId,
      privateKey,
      algorithm: config.NETSUITE_SIGNING_ALGORITHM,
      scopes: config.NETSUITE_SCOPES,
    },
  };
}

/** The OAuth 2.0 token endpoint of the account whose REST web services are at `restUrl`. */
export function netSuiteTokenUrl(restUrl: string): string {
  return `${restUrl}/services/rest/auth/oauth2/v1/token`;
}

/** PS256 signs with an RSA key, ES256 with an EC key on curve P-256; any other pairing fails at NetSuite. */
function keyProblems(key: KeyObject, algorithm: SigningAlgorithm): string[] {
  const type = key.asymmetricKeyType;
  if (algorithm === 'PS256') {
    if (type !== 'rsa' && type !== 'rsa-pss') {
      return [`NETSUITE_PRIVATE_KEY: PS256 needs an RSA key, this is ${type ?? 'an unknown'} key; set NETSUITE_SIGNING_ALGORITHM=ES256 for an EC certificate`];
    }
    const bits = key.asymmetricKeyDetails?.modulusLength ?? 0;
    return bits < 2048 ? [`NETSUITE_PRIVATE_KEY: the RSA key has ${bits} bits; PS256 needs at least 2048 (NetSuite recommends 3072 or 4096)`] : [];
  }
  if (type !== 'ec' || key.asymmetricKeyDetails?.namedCurve !== 'prime256v1') {
    return [`NETSUITE_PRIVATE_KEY: ES256 needs an EC key on curve P-256 (prime256v1); set NETSUITE_SIGNING_ALGORITHM=PS256 for an RSA certificate`];
  }
  return [];
}
