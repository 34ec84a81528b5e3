import type { DeployUnit } from '../../../src/features/unit.js';

export default {
  id: 'github-actions',
  label: 'GitHub Actions',
  hint: 'CI workflow: typecheck, test, build',
  folder: 'deploy/github-actions',
  installsFromLockfile: 'the CI workflow',
  readme: [{ file: 'ci.md' }],
} as const satisfies DeployUnit;
