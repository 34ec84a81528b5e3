import { ToolError } from '../../errors.js';
import type { RestApi } from './rest-api.js';

/**
 * The REST API of a server whose settings are incomplete: the server still starts and serves its
 * other tools, and every api_* call says exactly which settings are missing.
 */
export function notConfiguredRestApi(problems: readonly string[]): RestApi {
  const refuse = async (): Promise<never> => {
    throw new ToolError('upstream_not_configured', `The REST API is not configured yet. Missing settings: ${problems.join('; ')}`, {
      details: { problems: [...problems] },
    });
  };
  return { get: refuse, list: refuse, create: refuse, update: refuse, delete: refuse };
}
