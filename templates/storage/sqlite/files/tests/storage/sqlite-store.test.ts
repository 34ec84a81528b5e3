import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { afterEach, describe, expect, it, vi } from 'vitest';

import { ConfigError } from '../../src/errors.js';
import { createStore } from '../../src/storage/index.js';
import { sqliteDriver } from '../../src/storage/sqlite-driver.js';
import { SCHEMA_VERSION } from '../../src/storage/sqlite-schema.js';
import { SqliteStore } from '../../src/storage/sqlite-store.js';
import { testConfig } from '../helpers/config.js';
import { scratchPath } from '../helpers/scratch.js';

/** A clock the test moves by hand, so expiry is checked without sleeping. */
function manualClock(start = 1_000_000) {
  let now = start;
  return { now: () => now, advance: (ms: number) => void (now += ms) };
}

/** Reads the file the way another process would: through a connection of its own. */
function inspect(path: string) {
  const db = new (sqliteDriver().DatabaseSync)(path);
  const scalar = (sql: string) => Object.values(db.prepare(sql).get() ?? {})[0];
  try {
    return {
      journalMode: scalar('PRAGMA journal_mode'),
      schemaVersion: scalar('PRAGMA user_version'),
      rows: {
        values: scalar('SELECT count(*) FROM store_values'),
        counters: scalar('SELECT count(*) FROM store_counters'),
        members: scalar('SELECT count(*) FROM store_set_members'),
      },
    };
  } finally {
    db.close();
  }
}

/** What opening a file at `path` through createStore fails with, as the start-up report prints it. */
async function startUpFailure(path: string): Promise<string> {
  const failure = await createStore(testConfig({ SQLITE_PATH: path })).then(
    (store) => store.close().then(() => undefined),
    (error: unknown) => error,
  );
  expect(failure).toBeInstanceOf(ConfigError);
  return (failure as ConfigError).message;
}

const opened: SqliteStore[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((store) => store.close()));
});

function openStore(path: string, options: { now?: () => number; sweepIntervalMs?: number } = {}): SqliteStore {
  const store = new SqliteStore({ path, ...options });
  opened.push(store);
  return store;
}

describe('SqliteStore on its file', () => {
  it('creates the folder and the file on first start', async () => {
    const path = join(scratchPath('nested'), 'deeper', 'store.db');
    const store = openStore(path);
    await store.set('key', 'value');
    expect(existsSync(path)).toBe(true);
  });

  it('keeps the file in WAL mode, so readers never wait for a writer', () => {
    const path = scratchPath('store.db');
    openStore(path);
    expect(inspect(path).journalMode).toBe('wal');
  });

  it('creates the schema in an empty file', async () => {
    const path = scratchPath('store.db');
    writeFileSync(path, '');
    const store = openStore(path);
    await store.set('key', 'value');
    expect(inspect(path)).toMatchObject({ schemaVersion: SCHEMA_VERSION, rows: { values: 1 } });
  });

  it('opens a file it already migrated with its data, and leaves its schema version as it was', async () => {
    const path = scratchPath('store.db');
    const first = openStore(path);
    await first.set('kept', { across: 'restarts' });
    await first.close();
    const again = openStore(path);
    expect(await again.get('kept')).toEqual({ across: 'restarts' });
    expect(inspect(path).schemaVersion).toBe(SCHEMA_VERSION);
  });

  it('refuses use after close, so readiness reports it as down', async () => {
    const store = openStore(scratchPath('store.db'));
    await store.close();
    await expect(store.ping()).rejects.toThrow(/closed/);
  });
});

describe('expiry', () => {
  it('hides expired values, counters and set members before any sweep', async () => {
    const clock = manualClock();
    const store = openStore(scratchPath('store.db'), { now: clock.now });
    await store.set('value', 'short', { ttlSeconds: 1 });
    await store.increment('counter', 1);
    await store.addToSet('set', 'member', { ttlSeconds: 1 });
    clock.advance(1_000);
    expect(await store.get('value')).toBeUndefined();
    expect(await store.take('value')).toBeUndefined();
    expect(await store.members('set')).toEqual([]);
    expect((await store.increment('counter', 1)).count).toBe(1);
  });

  it('sweeps expired values, counters and set members from the file, and keeps the live ones', async () => {
    const clock = manualClock();
    const path = scratchPath('store.db');
    const store = openStore(path, { now: clock.now });
    await store.set('expiring', 1, { ttlSeconds: 1 });
    await store.set('lasting', 2, { ttlSeconds: 60 });
    await store.set('forever', 3);
    await store.increment('expiring', 1);
    await store.increment('lasting', 60);
    await store.addToSet('grant', 'expiring', { ttlSeconds: 1 });
    await store.addToSet('grant', 'forever');
    clock.advance(1_001);
    store.sweep();
    expect(inspect(path).rows).toEqual({ values: 2, counters: 1, members: 1 });
  });

  it('sweeps on its own timer', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    try {
      const clock = manualClock();
      const path = scratchPath('store.db');
      const store = openStore(path, { now: clock.now, sweepIntervalMs: 30_000 });
      await store.set('expiring', 1, { ttlSeconds: 1 });
      clock.advance(1_001);
      expect(inspect(path).rows.values).toBe(1);
      vi.advanceTimersByTime(30_000);
      expect(inspect(path).rows.values).toBe(0);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('a file the store cannot use stops start-up, naming SQLITE_PATH', () => {
  it('in a folder that cannot be created', async () => {
    const notAFolder = scratchPath('file');
    writeFileSync(notAFolder, 'a file where the folder should be');
    expect(await startUpFailure(join(notAFolder, 'store.db'))).toMatch(/SQLITE_PATH: cannot create the folder .*file for the SQLite store \(.*\): point it at a file in a folder this server may write to/);
  });

  it('that is a folder itself', async () => {
    const folder = scratchPath('folder');
    mkdirSync(folder);
    expect(await startUpFailure(folder)).toMatch(/SQLITE_PATH: cannot open .*folder as the SQLite store \(unable to open database file\)/);
  });

  it('that is not a SQLite database', async () => {
    const path = scratchPath('store.db');
    writeFileSync(path, 'not a database, but long enough to have a header where SQLite looks for its own '.repeat(10));
    expect(await startUpFailure(path)).toMatch(/SQLITE_PATH: .*store\.db is not a SQLite database, or it is damaged .*move this one aside to start with an empty store/);
  });

  it('written by a newer release of the server', async () => {
    const path = scratchPath('store.db');
    openStore(path);
    const db = new (sqliteDriver().DatabaseSync)(path);
    db.exec(`PRAGMA user_version = ${SCHEMA_VERSION + 1}`);
    db.close();
    expect(await startUpFailure(path)).toMatch(new RegExp(`SQLITE_PATH: .*store\\.db cannot be used: its store schema is version ${SCHEMA_VERSION + 1}, newer than this server's \\(${SCHEMA_VERSION}\\)`));
  });
});
