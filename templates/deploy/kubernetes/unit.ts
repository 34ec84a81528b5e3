import type { DeployUnit } from '../../../src/features/unit.js';
import { helmIstio } from '../../layers/helm-istio/layer.js';
import { helmReplicas } from '../../layers/helm-replicas/layer.js';

export default {
  id: 'kubernetes',
  label: 'Kubernetes (Helm)',
  hint: 'Helm chart of the docker image: probes, security context, secrets by reference',
  folder: 'deploy/kubernetes',
  implies: ['docker'],
  layers: [helmReplicas, helmIstio],
} as const satisfies DeployUnit;
