/**
 * Rewrites src/tools/index.ts from the tool files in src/tools/. Every file is imported first and must
 * default-export a `defineTool(...)` result; otherwise nothing is written and the script exits 1,
 * naming each offending file.
 *
 * Usage: npm run tools:sync
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

import { isToolDefinition } from '../src/mcp/define-tool.js';
import { isToolFileName, REGISTRY_FILE, renderRegistry, toolFileCandidates } from './tool-registry.js';

const toolsDir = fileURLToPath(new URL('../src/tools/', import.meta.url));

async function problemsWith(fileName: string): Promise<string | undefined> {
  if (!isToolFileName(fileName)) return 'file names must be kebab-case, e.g. list-invoices.ts';
  try {
    const module = (await import(pathToFileURL(join(toolsDir, fileName)).href)) as { default?: unknown };
    if (!isToolDefinition(module.default)) return 'must `export default defineTool({ ... })`';
    return undefined;
  } catch (error) {
    return `failed to load: ${error instanceof Error ? error.message : String(error)}`;
  }
}

async function main(): Promise<number> {
  const files = toolFileCandidates(readdirSync(toolsDir));
  const problems: string[] = [];
  const names = new Map<string, string>();
  for (const file of files) {
    const problem = await problemsWith(file);
    if (problem !== undefined) {
      problems.push(`src/tools/${file}: ${problem}`);
      continue;
    }
    const { default: tool } = (await import(pathToFileURL(join(toolsDir, file)).href)) as { default: { name: string } };
    const previous = names.get(tool.name);
    if (previous !== undefined) problems.push(`src/tools/${file}: tool name "${tool.name}" is already used by src/tools/${previous}`);
    names.set(tool.name, file);
  }
  if (problems.length > 0) {
    process.stderr.write(`tools:sync: src/tools/${REGISTRY_FILE} not updated:\n${problems.map((p) => `  - ${p}`).join('\n')}\n`);
    return 1;
  }

  const registryPath = join(toolsDir, REGISTRY_FILE);
  const next = renderRegistry(files);
  const current = existsSync(registryPath) ? readFileSync(registryPath, 'utf8') : undefined;
  if (current === next) {
    process.stdout.write(`tools:sync: src/tools/${REGISTRY_FILE} is up to date (${files.length} tools)\n`);
  } else {
    writeFileSync(registryPath, next);
    process.stdout.write(`tools:sync: wrote src/tools/${REGISTRY_FILE} (${files.length} tools)\n`);
  }
  return 0;
}

process.exitCode = await main();
