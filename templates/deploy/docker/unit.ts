import type { DeployUnit } from '../../../src/features/unit.js';
import { imageRelease } from '../../layers/image-release/layer.js';

export default {
  id: 'docker',
  label: 'Docker',
  hint: 'multi-stage image, non-root, healthcheck',
  folder: 'deploy/docker',
  installsFromLockfile: 'the Dockerfile',
  layers: [imageRelease],
} as const satisfies DeployUnit;
