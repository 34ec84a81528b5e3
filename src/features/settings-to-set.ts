import { isSharedSalesforceLogin, type ProjectOptions } from '../options/schema.js';
import { selectFeatures, type FeatureSet } from './index.js';

/** A variable the user has to set before the project does what it was made for. */
export interface SettingToSet {
  name: string;
  why: 'required' | 'upstream tools';
}

/**
 * Required variables first (the server refuses to start without them), then those the upstream's
 * tools need. Settings answered at generation time are rendered as defaults and left out.
 */
export function settingsToSet(options: ProjectOptions, features: Pick<FeatureSet, 'envVars'> = selectFeatures(options)): SettingToSet[] {
  const decided = decidedAtGeneration(options);
  const open = features.envVars.filter((envVar) => !decided.has(envVar.name));
  return [
    ...open.filter((envVar) => envVar.required).map(({ name }) => ({ name, why: 'required' as const })),
    ...open.filter((envVar) => !envVar.required && envVar.neededByUpstreamTools).map(({ name }) => ({ name, why: 'upstream tools' as const })),
  ];
}

/**
 * Upstream settings given at generation time become the defaults of their variables. A Salesforce
 * login host that names no org does not count: the default client_credentials flow needs My Domain.
 */
function decidedAtGeneration(options: ProjectOptions): Set<string> {
  if (options.upstream === 'netsuite' && options.netsuite.accountId !== undefined) return new Set(['NETSUITE_ACCOUNT_ID']);
  if (options.upstream === 'salesforce' && !isSharedSalesforceLogin(options.salesforce.loginUrl)) return new Set(['SALESFORCE_LOGIN_URL']);
  return new Set();
}
