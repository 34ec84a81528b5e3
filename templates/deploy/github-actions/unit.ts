import type { DeployUnit } from '../../../src/features/unit.js';

export default {
  id: 'github-actions',
  label: 'GitHub Actions',
  hint: 'CI workflow: typecheck, test, build',
  folder: 'deploy/github-actions',
  installsFromLockfile: 'the CI workflow',
} as const satisfies DeployUnit;
