import type { DeployUnit } from '../../../src/features/unit.js';
import { composeProxy } from '../../layers/compose-proxy/layer.js';

export default {
  id: 'compose',
  label: 'Docker Compose',
  hint: 'production-like local run of the docker image: its store, replicas behind a proxy',
  folder: 'deploy/compose',
  implies: ['docker'],
  layers: [composeProxy],
} as const satisfies DeployUnit;
