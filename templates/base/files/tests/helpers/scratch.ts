import { randomUUID } from 'node:crypto';
import { join } from 'node:path';

import { inject } from 'vitest';

/**
 * A path in this run's scratch folder that no other call returns, ending in `name`. Nothing is
 * created; the whole folder is removed when the run ends (tests/global-setup.ts).
 */
export function scratchPath(name: string): string {
  return join(inject('scratchDirectory'), `${randomUUID()}-${name}`);
}
