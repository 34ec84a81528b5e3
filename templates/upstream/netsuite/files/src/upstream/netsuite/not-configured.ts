import { ToolError } from '../../errors.js';
import type { NetSuiteApi } from './api.js';
import { NETSUITE } from './error-body.js';

/**
 * The NetSuite API while settings are missing: every call fails with `upstream_not_configured`,
 * naming each missing or mismatched setting, so whoever reads the tool result knows what to set.
 */
export function notConfiguredNetSuiteApi(problems: readonly string[]): NetSuiteApi {
  const refuse = async (): Promise<never> => {
    throw new ToolError('upstream_not_configured', `${NETSUITE} is not configured yet: ${problems.join('; ')}`, {
      details: { upstream: NETSUITE, problems: [...problems] },
    });
  };
  return {
    records: { get: refuse, create: refuse, update: refuse, delete: refuse, list: refuse },
    suiteql: { query: refuse },
  };
}
