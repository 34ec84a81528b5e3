import type { KeyObject } from 'node:crypto';

import { accountRestUrl } from './account.js';

/** Algorithms NetSuite accepts for the client assertion that this server supports: one per key type. */
export const SIGNING_ALGORITHMS = ['PS256', 'ES256'] as const;
export type SigningAlgorithm = (typeof SIGNING_ALGORITHMS)[number];

/** What an access token can be good for: REST web services (records, SuiteQL), RESTlets, SuiteAnalytics Connect. */
export const NETSUITE_SCOPES = ['rest_webservices', 'restlets', 'suite_analytics'] as const;
export type NetSuiteScope = (typeof NETSUITE_SCOPES)[number];

/** Everything needed to call NetSuite, once the configuration is complete. */
export interface NetSuiteSettings {
  /** Origin (and any path prefix) of the account's REST web services, without a trailing slash. */
  readonly restUrl: string;
  /** The OAuth 2.0 token endpoint; also the audience of the client assertion. */
  readonly tokenUrl: string;
  readonly clientId: string;
  readonly certificateId: string;
  readonly privateKey: KeyObject;
  readonly algorithm: SigningAlgorithm;
  readonly scopes: readonly NetSuiteScope[];
}

/** The NETSUITE_* settings as the config schema reads them (src/upstream/config.ts). */
export interface NetSuiteConfig {
  readonly NETSUITE_ACCOUNT_ID?: string | undefined;
  readonly NETSUITE_CLIENT_ID?: string | undefined;
  readonly NETSUITE_CERTIFICATE_ID?: string | undefined;
  readonly NETSUITE_PRIVATE_KEY?: KeyObject | undefined;
  readonly NETSUITE_SIGNING_ALGORITHM: SigningAlgorithm;
  readonly NETSUITE_SCOPES: readonly NetSuiteScope[];
  readonly NETSUITE_REST_URL?: string | undefined;
}

export type NetSuiteSettingsResult = { settings: NetSuiteSettings; problems?: never } | { settings?: never; problems: string[] };

/**
 * The NetSuite settings, or every reason they are not usable yet. Each variable is valid on its own
 * by now (the config schema checked it); what is left is what is missing and what does not fit together.
 */
export function readNetSuiteSettings(config: NetSuiteConfig): NetSuiteSettingsResult {
  const { NETSUITE_CLIENT_ID: clientId, NETSUITE_CERTIFICATE_ID: certificateId, NETSUITE_PRIVATE_KEY: privateKey } = config;
  const restUrl = config.NETSUITE_REST_URL ?? (config.NETSUITE_ACCOUNT_ID === undefined ? undefined : accountRestUrl(config.NETSUITE_ACCOUNT_ID));
  const problems: string[] = [];
  if (restUrl === undefined) {
    problems.push('NETSUITE_ACCOUNT_ID: required to reach NetSuite; set it to the account ID from Setup > Company > Company Information, e.g. 1234567 or 1234567_SB1');
  }
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
  if (!config.NETSUITE_SCOPES.includes('rest_webservices')) {
    problems.push('NETSUITE_SCOPES: must include rest_webservices, the scope of the record and SuiteQL APIs');
  }

  if (restUrl === undefined || clientId === undefined || certificateId === undefined || privateKey === undefined || problems.length > 0) return { problems };
  return {
    settings: {
      restUrl,
      tokenUrl: `${restUrl}/services/rest/auth/oauth2/v1/token`,
      clientId,
      certificateId,
      privateKey,
      algorithm: config.NETSUITE_SIGNING_ALGORITHM,
      scopes: config.NETSUITE_SCOPES,
    },
  };
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
