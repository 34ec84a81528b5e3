import { describe, expect, it } from 'vitest';
import { CATALOG } from '../../src/features/catalog.js';
import type { StorageUnit } from '../../src/features/unit.js';

const storageUnits: readonly StorageUnit[] = CATALOG.storage;
const withDataDirectory = storageUnits.filter((unit) => unit.dataDirectory !== undefined);

describe('a storage unit that keeps its data in a folder of the working directory', () => {
  it('exists: the default SQLite store is one', () => {
    expect(withDataDirectory.map((unit) => unit.id)).toContain('sqlite');
  });

  it.each(withDataDirectory)('$id: its documented default path lies in that folder, the one the ignore files and the image name', (unit) => {
    const paths = (unit.envVars ?? []).map((envVar) => envVar.example).filter((example) => example.startsWith(`./${unit.dataDirectory}/`));
    expect(paths).not.toEqual([]);
  });
});
