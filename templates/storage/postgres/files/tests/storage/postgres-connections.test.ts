import { randomBytes } from 'node:crypto';

import type { Pool } from 'pg';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';

import { createStore } from '../../src/storage/index.js';
import { testConfig } from '../helpers/config.js';
import { captureLogs } from '../helpers/logs.js';
import { connectTestDatabase, describeWithDatabase, TEST_DATABASE_URL } from '../helpers/test-database.js';

describeWithDatabase('PostgreSQL connections that break after start-up', () => {
  let database: Pool;
  beforeAll(async () => {
    database = await connectTestDatabase();
  });
  afterAll(async () => {
    await database?.end();
  });

  it('are reported once, and the store carries on with new ones', async () => {
    // A name of this test's own on its connections, so it ends them and no other test's.
    const applicationName = `broken-${randomBytes(6).toString('hex')}`;
    const url = new URL(TEST_DATABASE_URL);
    url.searchParams.set('application_name', applicationName);
    const logs = captureLogs();
    const store = await createStore(testConfig({ DATABASE_URL: url.href }), { logger: logs.logger });
    try {
      await Promise.all([store.set('a', 1), store.set('b', 2)]);

      // What a database restart or failover does to every idle connection.
      await database.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1', [applicationName]);

      const warnings = () => logs.entries().filter((entry) => entry.level === 40).map((entry) => entry.msg);
      await vi.waitFor(() => expect(warnings()).toEqual(['an idle PostgreSQL connection broke; the pool opens a new one when needed']), { timeout: 10_000 });
      // A query may still meet a connection whose end has not been read yet; the next gets a new one.
      await vi.waitFor(async () => expect(await store.get('a')).toBe(1), { timeout: 10_000 });
    } finally {
      await store.close();
    }
  });
});
