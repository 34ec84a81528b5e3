import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUTH_STRATEGIES, DEPLOY_TARGETS, PACKAGE_MANAGERS, STORAGE_BACKENDS, UPSTREAMS } from '../../src/options/schema.js';
import { allCombinations, combinationName } from '../support/combinations.js';
import { optionValues, representativeCombinations } from '../support/representative-combinations.js';
import { templateDependencies, type TemplateDependencies } from '../support/template-dependencies.js';
import { ADDED_CAPABILITIES, renderProjectForTypecheck, typecheckProject } from '../support/typecheck-project.js';

/**
 * Templates are TypeScript the CLI never compiles itself: a type error in one shows up only once
 * a project is generated. Each representative project is written as the CLI writes it, given one
 * capability of each kind through `add`, and type-checked by its own `typecheck` script against one
 * shared node_modules (installed once, see template-dependencies.ts).
 */
const representatives = representativeCombinations();
let dependencies: TemplateDependencies;
let workspace: string;

beforeAll(async () => {
  dependencies = await templateDependencies();
  workspace = await mkdtemp(join(tmpdir(), 'create-enterprise-mcp-typecheck-'));
}, 10 * 60_000);

afterAll(async () => {
  if (workspace) await rm(workspace, { recursive: true, force: true });
});

describe('rendered projects', () => {
  it('are chosen so every upstream with every auth strategy it offers is compiled', () => {
    const shown = new Set(representatives.map(({ upstream, auth }) => `${upstream}+${auth}`));
    const offered = allCombinations().map(({ upstream, auth }) => `${upstream}+${auth}`);
    expect(offered.filter((pair) => !shown.has(pair))).toEqual([]);
  });

  it('are chosen so every upstream, auth strategy, storage backend, deploy target and package manager is compiled', () => {
    const shown = new Set(representatives.flatMap(optionValues));
    const everyValue = [
      ...UPSTREAMS.map((value) => `upstream=${value}`),
      ...AUTH_STRATEGIES.map((value) => `auth=${value}`),
      ...STORAGE_BACKENDS.map((value) => `storage=${value}`),
      ...DEPLOY_TARGETS.map((value) => `deploy=${value}`),
      ...PACKAGE_MANAGERS.map((value) => `packageManager=${value}`),
    ];
    expect(everyValue.filter((value) => !shown.has(value))).toEqual([]);
  });

  it.each(representatives.map((options) => [combinationName(options), options] as const))(
    `%s, with ${ADDED_CAPABILITIES.length} capabilities added, passes its own typecheck`,
    async (name, options) => {
      const folderName = name.replaceAll(/[^a-z0-9]+/gi, '-');
      const dir = join(workspace, folderName);
      const origins = await renderProjectForTypecheck(options, dir, dependencies.nodeModules);
      const result = await typecheckProject(dir, origins, join(dependencies.typecheckState, `${folderName}.tsbuildinfo`));
      expect(result.errors, `tsc --noEmit in the project rendered for ${name}`).toEqual([]);
      expect(result.exitCode, result.output).toBe(0);
    },
    5 * 60_000,
  );
});
