import { dirname, join } from 'node:path';
import { CliError } from '../errors.js';
import { MARKER_FILE, markerSchema, type Marker } from '../options/schema.js';
import { readText, type ProjectFs } from './project-fs.js';
import { compareVersions } from './semver.js';

export interface FoundProject {
  root: string;
  marker: Marker;
}

/**
 * Walks up from `start` to the nearest `enterprise-mcp.json` and reads it with the same schema
 * `create` wrote it with. A marker from a newer generator is refused: this CLI would not know its
 * templates, and guessing could break the project.
 */
export async function findProject(fs: ProjectFs, start: string, cliVersion: string): Promise<FoundProject> {
  for (let dir = start; ; dir = dirname(dir)) {
    const text = await readText(fs, join(dir, MARKER_FILE));
    if (text !== undefined) return { root: dir, marker: readMarker(text, join(dir, MARKER_FILE), cliVersion) };
    if (dirname(dir) === dir) break;
  }
  throw new CliError(`No ${MARKER_FILE} found in ${start} or any folder above it.`, {
    hint: 'Run this inside a project made by create-enterprise-mcp, or create one with: npx create-enterprise-mcp my-server',
  });
}

function readMarker(text: string, path: string, cliVersion: string): Marker {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new CliError(`${path} is not valid JSON: ${(error as Error).message}`, { hint: 'Restore it from version control.' });
  }
  const parsed = markerSchema.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`);
    const generator = (json as { generatorVersion?: unknown } | null)?.generatorVersion;
    if (typeof generator === 'string' && compareVersions(generator, cliVersion) > 0) throw newerGenerator(path, generator, cliVersion);
    throw new CliError(`${path} does not describe a project this CLI understands:\n  ${problems.join('\n  ')}`, {
      hint: 'Restore it from version control.',
    });
  }
  if (compareVersions(parsed.data.generatorVersion, cliVersion) > 0) throw newerGenerator(path, parsed.data.generatorVersion, cliVersion);
  return parsed.data;
}

function newerGenerator(path: string, generator: string, cliVersion: string): CliError {
  return new CliError(`${path} was written by create-enterprise-mcp ${generator}, newer than this CLI (${cliVersion}). Nothing was written.`, {
    hint: 'Run the newer CLI: npx create-enterprise-mcp@latest add …',
  });
}
