import { readFileSync } from 'node:fs';
import { z } from 'zod';

/**
 * Name and version from package.json, read at runtime so the server always reports what was released.
 * The relative path resolves the same from src/ (tsx) and dist/ (built).
 */
const packageJson = z
  .object({ name: z.string().min(1), version: z.string().min(1) })
  .parse(JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')));

export const packageInfo: { readonly name: string; readonly version: string } = Object.freeze(packageJson);
