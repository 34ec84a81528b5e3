import {
  AUTH_STRATEGIES,
  DEPLOY_TARGETS,
  PACKAGE_MANAGERS,
  STORAGE_BACKENDS,
  UPSTREAMS,
  defaultUpstreamChoice,
  projectOptionsSchema,
  type ProjectOptions,
} from '../../src/options/schema.js';
import { combinationProblems, deployTargetsFor } from '../../src/options/rules.js';

/**
 * Every combination the CLI accepts (deploy: none, each target alone, all that run with the store), as
 * the CLI records it: a target with the targets it builds on.
 */
export function allCombinations(projectName = 'demo'): ProjectOptions[] {
  const combinations: ProjectOptions[] = [];
  for (const upstream of UPSTREAMS)
    for (const auth of AUTH_STRATEGIES)
      for (const storage of STORAGE_BACKENDS)
        for (const deploy of [[], ...DEPLOY_TARGETS.map((target) => [target]), deployTargetsFor(storage)])
          for (const packageManager of PACKAGE_MANAGERS) {
            if (combinationProblems({ upstream, auth, storage, deploy }).length > 0) continue;
            combinations.push(projectOptionsSchema.parse({ projectName, ...defaultUpstreamChoice(upstream), auth, storage, deploy, packageManager }));
          }
  return combinations;
}

/** A combination as test names and failure messages show it: `netsuite/jwt/memory/deploy=docker/npm`. */
export function combinationName(options: ProjectOptions): string {
  return `${options.upstream}/${options.auth}/${options.storage}/deploy=${options.deploy.join('+') || 'none'}/${options.packageManager}`;
}

/**
 * Checks one property of every case in a single test. A failure names the failing case and how
 * many others fail the same check, so the report tells one broken combination from a broken rule.
 */
export function expectForEvery<T>(cases: readonly T[], nameOf: (testCase: T) => string, check: (testCase: T) => void): void {
  const failures: Array<{ name: string; error: unknown }> = [];
  for (const testCase of cases) {
    try {
      check(testCase);
    } catch (error) {
      failures.push({ name: nameOf(testCase), error });
    }
  }
  const [first] = failures;
  if (first === undefined) return;
  const others = failures.slice(1).map((failure) => failure.name);
  const summary =
    `${first.name}` +
    (others.length === 0
      ? ` (the only one of ${cases.length} failing)`
      : ` (one of ${failures.length} of ${cases.length} failing; also ${others.slice(0, 5).join(', ')}${others.length > 5 ? ', …' : ''})`);
  if (first.error instanceof Error) {
    // Keeps the assertion's expected/actual, so the report still shows its diff.
    first.error.message = `${summary}: ${first.error.message}`;
    throw first.error;
  }
  throw new Error(`${summary}: ${String(first.error)}`);
}
