import { ToolError } from '../../errors.js';
import { SALESFORCE } from './errors.js';

/**
 * The answer of every Salesforce call while settings are missing: the server runs, its other tools
 * work, and each Salesforce tool says exactly what to set.
 */
export function notConfiguredError(problems: readonly string[]): ToolError {
  return new ToolError('upstream_not_configured', `${SALESFORCE} is not configured: ${problems.join('; ')}`, {
    details: { upstream: SALESFORCE, problems: [...problems] },
  });
}
