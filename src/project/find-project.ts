import { dirname, join } from 'node:path';
import type * as z from 'zod';
import { CliError } from '../errors.js';
import { MARKER_FILE, markerSchema, type Marker } from '../options/schema.js';
import { readText, type ProjectFs } from './project-fs.js';
import { compareVersions } from './semver.js';

export interface FoundProject {
  root: string;
  marker: Marker;
}

/** Walks up from `start` to the nearest `enterprise-mcp.json` and reads it with the same schema `create` wrote it with. */
export async function findProject(fs: ProjectFs, start: string, cliVersion: string): Promise<FoundProject> {
  const { root, path, json } = await locateMarker(fs, start, cliVersion);
  return { root, marker: readMarkerAs(markerSchema, json, path, 'this CLI understands') };
}

/**
 * The nearest marker at or above `start`, parsed as JSON but not yet read as options. A marker from
 * a newer generator is refused, whatever else it holds: this CLI would not know its templates, and
 * guessing could break the project.
 */
export async function locateMarker(fs: ProjectFs, start: string, cliVersion: string): Promise<{ root: string; path: string; json: unknown }> {
  for (let dir = start; ; dir = dirname(dir)) {
    const path = join(dir, MARKER_FILE);
    const text = await readText(fs, path);
    if (text !== undefined) {
      const json = parseJson(text, path);
      const generator = (json as { generatorVersion?: unknown } | null)?.generatorVersion;
      if (typeof generator === 'string' && compareVersions(generator, cliVersion) > 0) throw newerGenerator(path, generator, cliVersion);
      return { root: dir, path, json };
    }
    if (dirname(dir) === dir) break;
  }
  throw new CliError(`No ${MARKER_FILE} found in ${start} or any folder above it.`, {
    hint: 'Run this inside a project made by create-enterprise-mcp, or create one with: npx create-enterprise-mcp my-server',
  });
}

function parseJson(text: string, path: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new CliError(`${path} is not valid JSON: ${(error as Error).message}`, { hint: 'Restore it from version control.' });
  }
}

/** The marker at `path` read with `schema`, or an error naming each of its problems (`readBy` says whose reading failed). */
export function readMarkerAs<T>(schema: z.ZodType<T, unknown>, json: unknown, path: string, readBy: string): T {
  const parsed = schema.safeParse(json);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`);
  throw new CliError(`${path} does not describe a project ${readBy}:\n  ${problems.join('\n  ')}`, { hint: 'Restore it from version control.' });
}

function newerGenerator(path: string, generator: string, cliVersion: string): CliError {
  return new CliError(`${path} was written by create-enterprise-mcp ${generator}, newer than this CLI (${cliVersion}). Nothing was written.`, {
    hint: 'Run the newer CLI: npx create-enterprise-mcp@latest …',
  });
}
