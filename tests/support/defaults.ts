import type { ProjectOptions } from '../../src/options/schema.js';

/** What `create-enterprise-mcp demo --yes` chooses when npm launched it. */
export const DEFAULT_DEMO_OPTIONS: ProjectOptions = {
  projectName: 'demo',
  upstream: 'generic',
  auth: 'none',
  storage: 'sqlite',
  deploy: ['docker'],
  packageManager: 'npm',
};
