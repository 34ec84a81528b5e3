import {
  AUTH_STRATEGIES,
  DEPLOY_TARGETS,
  PACKAGE_MANAGERS,
  STORAGE_BACKENDS,
  UPSTREAMS,
  defaultUpstreamChoice,
  type ProjectOptions,
} from '../../src/options/schema.js';
import { combinationProblems } from '../../src/options/rules.js';

/** Every combination the CLI accepts (deploy: none, each target alone, all of them). */
export function allCombinations(projectName = 'demo'): ProjectOptions[] {
  const deploySets = [[], ...DEPLOY_TARGETS.map((target) => [target]), [...DEPLOY_TARGETS]];
  const combinations: ProjectOptions[] = [];
  for (const upstream of UPSTREAMS)
    for (const auth of AUTH_STRATEGIES)
      for (const storage of STORAGE_BACKENDS)
        for (const deploy of deploySets)
          for (const packageManager of PACKAGE_MANAGERS) {
            if (combinationProblems({ upstream, auth }).length > 0) continue;
            combinations.push({ projectName, ...defaultUpstreamChoice(upstream), auth, storage, deploy: [...deploy].sort(), packageManager });
          }
  return combinations;
}
