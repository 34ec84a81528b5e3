import type { KeyObject } from 'node:crypto';

import type { Config } from '../../config.js';
import { isSharedLoginHost } from './login-url.js';

/**
 * How the Salesforce tools reach Salesforce: one complete set of settings per flow. `signed_in_user`
 * (only where users sign in at Salesforce through this server) needs none of this server's own: each
 * call carries the session of the user who made it.
 */
export type SalesforceCredentials =
  | { readonly flow: 'signed_in_user'; readonly loginUrl: string }
  | { readonly flow: 'client_credentials'; readonly loginUrl: string; readonly clientId: string; readonly clientSecret: string }
  | { readonly flow: 'jwt_bearer'; readonly loginUrl: string; readonly clientId: string; readonly username: string; readonly privateKey: KeyObject };

/** The credentials of the configured flow, or every setting still missing for it. */
export type CredentialsReading = { readonly credentials: SalesforceCredentials; readonly problems: readonly [] } | { readonly problems: readonly string[] };

/**
 * Reads the credentials of SALESFORCE_AUTH_FLOW. Each problem names the variable and what to put
 * there; they are reported as a warning at start-up and by every Salesforce tool call.
 */
export function readSalesforceCredentials(config: Config): CredentialsReading {
  const loginUrl = config.SALESFORCE_LOGIN_URL;
  if (config.SALESFORCE_AUTH_FLOW === 'signed_in_user') return { credentials: { flow: 'signed_in_user', loginUrl }, problems: [] };
  const clientId = config.SALESFORCE_CLIENT_ID;
  const problems: string[] = [];
  if (clientId === undefined) problems.push('SALESFORCE_CLIENT_ID: required; set it to the consumer key of the external client app');

  if (config.SALESFORCE_AUTH_FLOW === 'client_credentials') {
    const clientSecret = config.SALESFORCE_CLIENT_SECRET;
    if (clientSecret === undefined) {
      problems.push('SALESFORCE_CLIENT_SECRET: required by the client_credentials flow; set it to the consumer secret of the external client app');
    }
    if (isSharedLoginHost(loginUrl)) {
      problems.push(`SALESFORCE_LOGIN_URL: the client_credentials flow needs the org's My Domain URL, e.g. https://acme.my.salesforce.com; Salesforce refuses it on ${loginUrl}`);
    }
    if (clientId === undefined || clientSecret === undefined || problems.length > 0) return { problems };
    return { credentials: { flow: 'client_credentials', loginUrl, clientId, clientSecret }, problems: [] };
  }

  const username = config.SALESFORCE_USERNAME;
  const privateKey = config.SALESFORCE_PRIVATE_KEY;
  if (username === undefined) {
    problems.push('SALESFORCE_USERNAME: required by the jwt_bearer flow; set it to the user this server acts as, e.g. integration@acme.com');
  }
  if (privateKey === undefined) {
    problems.push('SALESFORCE_PRIVATE_KEY: required by the jwt_bearer flow; set it to the PEM private key whose certificate is uploaded to the external client app');
  }
  if (clientId === undefined || username === undefined || privateKey === undefined) return { problems };
  return { credentials: { flow: 'jwt_bearer', loginUrl, clientId, username, privateKey }, problems: [] };
}
