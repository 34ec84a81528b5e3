import type { Layer } from '../../../src/features/unit.js';

/**
 * The reverse proxy compose puts in front of the server's replicas, for stores every replica shares:
 * one address for clients, requests spread over the replicas.
 */
export const composeProxy = {
  folder: 'layers/compose-proxy',
  whenStorageSharedByReplicas: true,
} as const satisfies Layer;
