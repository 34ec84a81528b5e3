import { optionalSetting, type StorageUnit } from '../../../src/features/unit.js';
import { durableStorage } from '../../layers/durable-storage/layer.js';

export default {
  id: 'sqlite',
  label: 'SQLite',
  hint: 'one file on local disk, kept across restarts; one node',
  folder: 'storage/sqlite',
  layers: [durableStorage],
  dataDirectory: 'data',
  envVars: [
    optionalSetting(
      'SQLITE_PATH',
      'File of the SQLite store; a relative path starts at the project folder (where package.json is), whatever the working directory; its folder is created on first start. Processes of this server on one machine may share it; replicas on other machines may not.',
      './data/store.db',
    ),
  ],
  readme: [{ file: 'storage.md' }],
} as const satisfies StorageUnit;
