import type { Config } from '../../config.js';
import type { UpstreamDeps } from '../types.js';
import { createSalesforceClient } from './client.js';
import { readSalesforceCredentials } from './credentials.js';
import { sObjectDescribe, type SObjectDescribe } from './describe.js';
import { notConfiguredError } from './not-configured.js';
import { sObjectRecords, type SObjectRecords } from './sobjects.js';
import { soqlQueries, type SoqlQueries } from './soql.js';

/** The Salesforce REST API as tools use it (`ctx.upstream`). */
export interface SalesforceApi {
  /** Create, read, update, delete and upsert records of any sObject. */
  readonly sobjects: SObjectRecords;
  /** SOQL queries, page by page. */
  readonly soql: SoqlQueries;
  /** The org's objects and their fields. */
  readonly describe: SObjectDescribe;
}

/**
 * One client (one session, shared in the store by every replica, and one circuit breaker) for every
 * request. No I/O until the first call.
 */
export function createSalesforceApi(config: Config, deps: UpstreamDeps): SalesforceApi {
  const reading = readSalesforceCredentials(config);
  if (!('credentials' in reading)) return unconfiguredApi(reading.problems);
  const client = createSalesforceClient(reading.credentials, config, deps);
  return {
    sobjects: sObjectRecords(client),
    soql: soqlQueries(client, config.SALESFORCE_API_VERSION),
    describe: sObjectDescribe(client),
  };
}

function unconfiguredApi(problems: readonly string[]): SalesforceApi {
  const refuse = async (): Promise<never> => {
    throw notConfiguredError(problems);
  };
  return {
    sobjects: { get: refuse, create: refuse, upsert: refuse, update: refuse, delete: refuse },
    soql: { query: refuse, next: refuse },
    describe: { sobjects: refuse, sobject: refuse },
  };
}
