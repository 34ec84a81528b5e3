import type { Layer } from '../../../src/features/unit.js';

/**
 * Istio as the gateway of the gateway strategy, in the Helm chart: a RequestAuthentication that checks
 * callers' tokens and forwards them, and an AuthorizationPolicy that lets only such requests reach /mcp.
 */
export const helmIstio = {
  folder: 'layers/helm-istio',
  whenAuth: 'gateway',
} as const satisfies Layer;
