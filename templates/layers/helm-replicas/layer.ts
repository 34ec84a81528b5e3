import type { Layer } from '../../../src/features/unit.js';

/**
 * What the Helm chart adds where every replica reaches the store: a HorizontalPodAutoscaler and a
 * PodDisruptionBudget. A chart whose store belongs to one process runs one replica and has neither.
 */
export const helmReplicas = {
  folder: 'layers/helm-replicas',
  whenStorageSharedByReplicas: true,
} as const satisfies Layer;
