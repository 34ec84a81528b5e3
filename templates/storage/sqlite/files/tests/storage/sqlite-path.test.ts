import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { describe, expect, it } from 'vitest';

import { sqliteFile } from '../../src/storage/index.js';

const projectFolder = fileURLToPath(new URL('../../', import.meta.url));

describe('SQLITE_PATH', () => {
  it('starts a relative path at the project folder, where stdio hosts that launch the server from elsewhere find it too', () => {
    expect(sqliteFile('./data/store.db')).toBe(join(projectFolder, 'data', 'store.db'));
  });

  it('keeps an absolute path as it is', () => {
    expect(sqliteFile('/var/lib/mcp/store.db')).toBe('/var/lib/mcp/store.db');
  });
});
