import type { Layer } from '../../../src/features/unit.js';

/**
 * Azure API Management as the gateway of the gateway strategy, in front of the Container App: it
 * checks each caller's token (validate-jwt) and forwards it, which the server verifies again.
 */
export const azureApiManagement = {
  folder: 'layers/azure-api-management',
  whenAuth: 'gateway',
} as const satisfies Layer;
