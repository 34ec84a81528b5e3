import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The `templates/` folder ships next to the code, but the code runs from `dist/` when installed and
 * from `src/` under test, so find it by walking up instead of hard-coding a depth.
 */
export function templatesRoot(from: string = fileURLToPath(import.meta.url)): string {
  let dir = dirname(from);
  for (;;) {
    const candidate = join(dir, 'templates');
    if (existsSync(join(candidate, 'base', 'files'))) return candidate;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`No templates/base/files folder above ${from}`);
    dir = parent;
  }
}
