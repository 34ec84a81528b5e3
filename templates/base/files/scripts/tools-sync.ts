/**
 * Rewrites the generated registries (src/tools/index.ts, src/resources/index.ts,
 * src/prompts/index.ts) from the files next to them. Every file is imported first and must
 * default-export the matching `defineTool(...)`, `defineResource(...)` or `definePrompt(...)` result,
 * with a name (and, for resources, a URI) not used by another file of its kind. If any file of any
 * kind fails, nothing is written and the script exits 1, naming each offending file.
 *
 * Usage: npm run tools:sync
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

import { isPromptDefinition } from '../src/mcp/define-prompt.js';
import { isResourceDefinition } from '../src/mcp/define-resource.js';
import { isToolDefinition } from '../src/mcp/define-tool.js';
import { isKebabFileName, REGISTRIES, REGISTRY_FILE, REGISTRY_KINDS, registryCandidates, renderRegistry, type RegistryKind } from './registry.js';

const projectRoot = fileURLToPath(new URL('../', import.meta.url));

interface KindRules {
  /** Recognises the kind's definitions. */
  is(value: unknown): boolean;
  /** How a file must export its definition, for the error message. */
  expected: string;
  /** Properties that must be unique across the kind's files, e.g. the MCP name. */
  unique: ReadonlyArray<'name' | 'uri'>;
  /** Plural for messages. */
  plural: string;
}

const RULES: Record<RegistryKind, KindRules> = {
  tool: { is: isToolDefinition, expected: 'export default defineTool({ ... })', unique: ['name'], plural: 'tools' },
  resource: { is: isResourceDefinition, expected: 'export default defineResource({ ... })', unique: ['name', 'uri'], plural: 'resources' },
  prompt: { is: isPromptDefinition, expected: 'export default definePrompt({ ... })', unique: ['name'], plural: 'prompts' },
};

interface Plan {
  kind: RegistryKind;
  registryPath: string;
  files: string[];
}

/** Checks every file of one kind; returns the files to register and the problems found. */
async function inspect(kind: RegistryKind): Promise<{ plan: Plan; problems: string[] }> {
  const { dir } = REGISTRIES[kind];
  const rules = RULES[kind];
  const absoluteDir = join(projectRoot, dir);
  const files = existsSync(absoluteDir) ? registryCandidates(readdirSync(absoluteDir)) : [];
  const problems: string[] = [];
  const seen = new Map<string, string>();
  for (const file of files) {
    const where = `${dir}/${file}`;
    if (!isKebabFileName(file)) {
      problems.push(`${where}: file names must be kebab-case, e.g. list-invoices.ts`);
      continue;
    }
    let definition: unknown;
    try {
      definition = ((await import(pathToFileURL(join(absoluteDir, file)).href)) as { default?: unknown }).default;
    } catch (error) {
      problems.push(`${where}: failed to load: ${error instanceof Error ? error.message : String(error)}`);
      continue;
    }
    if (!rules.is(definition)) {
      problems.push(`${where}: must \`${rules.expected}\``);
      continue;
    }
    for (const property of rules.unique) {
      const value = (definition as Record<string, string>)[property];
      const key = `${property}:${value}`;
      const previous = seen.get(key);
      if (previous !== undefined) problems.push(`${where}: ${kind} ${property} "${value}" is already used by ${dir}/${previous}`);
      else seen.set(key, file);
    }
  }
  return { plan: { kind, registryPath: `${dir}/${REGISTRY_FILE}`, files }, problems };
}

async function main(): Promise<number> {
  const plans: Plan[] = [];
  const problems: string[] = [];
  for (const kind of REGISTRY_KINDS) {
    const result = await inspect(kind);
    plans.push(result.plan);
    problems.push(...result.problems);
  }
  if (problems.length > 0) {
    process.stderr.write(`tools:sync: no registry updated:\n${problems.map((problem) => `  - ${problem}`).join('\n')}\n`);
    return 1;
  }

  for (const { kind, registryPath, files } of plans) {
    const absolutePath = join(projectRoot, REGISTRIES[kind].dir, REGISTRY_FILE);
    const next = renderRegistry(kind, files);
    const current = existsSync(absolutePath) ? readFileSync(absolutePath, 'utf8') : undefined;
    const count = `${files.length} ${files.length === 1 ? kind : RULES[kind].plural}`;
    if (current === next) {
      process.stdout.write(`tools:sync: ${registryPath} is up to date (${count})\n`);
    } else {
      mkdirSync(join(projectRoot, REGISTRIES[kind].dir), { recursive: true });
      writeFileSync(absolutePath, next);
      process.stdout.write(`tools:sync: wrote ${registryPath} (${count})\n`);
    }
  }
  return 0;
}

process.exitCode = await main();
