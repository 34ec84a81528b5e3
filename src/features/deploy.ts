import type { DeployTarget } from '../options/schema.js';
import type { DeployFeature } from './types.js';

export const deployFeatures = {
  docker: {
    displayName: 'Docker',
    overlays: ['deploy/docker'],
    installsFromLockfile: 'the Dockerfile',
    dependencies: [],
    devDependencies: [],
    envVars: [],
    readme: [],
  },
  'github-actions': {
    displayName: 'GitHub Actions',
    overlays: ['deploy/github-actions'],
    installsFromLockfile: 'the CI workflow',
    dependencies: [],
    devDependencies: [],
    envVars: [],
    readme: [
      {
        title: 'Continuous integration',
        body: '`.github/workflows/ci.yml` installs from the lockfile, type-checks, runs the tests and builds on every push and pull request.',
      },
    ],
  },
} as const satisfies Record<DeployTarget, DeployFeature>;
