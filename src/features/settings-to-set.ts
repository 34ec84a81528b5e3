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
 * Upstream settings given at generation time, by the variable whose default they become (the
 * rendered configuration, and the README's client snippets, show them instead of an example).
 */
export function valuesChosenAtGeneration(options: ProjectOptions): Record<string, string> {
  if (options.upstream === 'netsuite' && options.netsuite.accountId !== undefined) return { NETSUITE_ACCOUNT_ID: options.netsuite.accountId };
  if (options.upstream === 'salesforce') return { SALESFORCE_LOGIN_URL: options.salesforce.loginUrl };
  return {};
}

/**
 * The variables settled by a choice at generation time. A Salesforce login host that names no org
 * does not settle SALESFORCE_LOGIN_URL: the default client_credentials flow needs My Domain.
 */
function decidedAtGeneration(options: ProjectOptions): Set<string> {
  const chosen = Object.entries(valuesChosenAtGeneration(options));
  return new Set(chosen.filter(([name, value]) => !(name === 'SALESFORCE_LOGIN_URL' && isSharedSalesforceLogin(value))).map(([name]) => name));
}
