import type { DeployUnit } from '../../../src/features/unit.js';

export default {
  id: 'docker',
  label: 'Docker',
  hint: 'multi-stage image, non-root, healthcheck',
  folder: 'deploy/docker',
  installsFromLockfile: 'the Dockerfile',
} as const satisfies DeployUnit;
