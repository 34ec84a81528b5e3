import { describe, expect, it } from 'vitest';

import { ConfigError } from '../../src/errors.js';
import { storeBackend } from '../../src/storage/index.js';
import { openStorage } from '../../src/storage/open-storage.js';
import { StoreUnavailableError } from '../../src/storage/store-unavailable.js';
import { testConfig } from '../helpers/config.js';
import { captureLogs } from '../helpers/logs.js';

const KEYS = `k1:${Buffer.alloc(32, 'a').toString('base64url')}`;

describe('opening the storage at start-up', () => {
  it('reports a backend that cannot be reached with its reason, naming the store', async () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
    const opening = openStorage(testConfig(), captureLogs().logger, async () => Promise.reject(refused));
    await expect(opening).rejects.toBeInstanceOf(StoreUnavailableError);
    await expect(opening).rejects.toMatchObject({
      code: 'STORE_UNAVAILABLE',
      message: `Cannot open the ${storeBackend.label} store: connect ECONNREFUSED 127.0.0.1:5432`,
    });
  });

  it("quotes a backend's own explanation as it is, without naming the store twice", async () => {
    const explained = new StoreUnavailableError('Cannot reach the database at db.example.com:5432 (DATABASE_URL): connection refused');
    const opening = openStorage(testConfig(), captureLogs().logger, async () => Promise.reject(explained));
    await expect(opening).rejects.toBe(explained);
    await expect(opening).rejects.toMatchObject({ code: 'STORE_UNAVAILABLE', message: explained.message });
  });

  it('passes a setting the backend refuses on as an invalid configuration', async () => {
    const problem = new ConfigError(['DATABASE_URL: expected a postgres:// URL']);
    await expect(openStorage(testConfig(), captureLogs().logger, async () => Promise.reject(problem))).rejects.toBe(problem);
  });

  it('warns at start-up when a store that outlives the process seals with a made-up key, and only then', async () => {
    const made = captureLogs();
    const { store } = await openStorage(testConfig(), made.logger);
    await store.close();
    const configured = captureLogs();
    const { store: other } = await openStorage(testConfig({ STORE_SEALING_KEYS: KEYS }), configured.logger);
    await other.close();

    const warnings = (logs: typeof made) => logs.entries().filter((entry) => entry.level === 40).map((entry) => String(entry.msg));
    expect(warnings(made)).toEqual(storeBackend.durable ? [expect.stringMatching(/^STORE_SEALING_KEYS is not set, .* after a restart, .* Set STORE_SEALING_KEYS to a key of your own, made with node -e/)] : []);
    expect(warnings(configured)).toEqual([]);
  });

  it('seals what goes through the sealed view, with the configured key', async () => {
    const { store, sealed, keyring } = await openStorage(testConfig({ STORE_SEALING_KEYS: KEYS }), captureLogs().logger);
    try {
      const key = `open-storage-test-${Date.now()}-${Math.random()}`;
      await sealed.set(key, 'a secret', { ttlSeconds: 60 });
      expect(keyring.current.id).toBe('k1');
      expect(JSON.stringify(await store.get(key))).not.toContain('a secret');
      expect(await sealed.get(key)).toBe('a secret');
      await store.delete(key);
    } finally {
      await store.close();
    }
  });
});
