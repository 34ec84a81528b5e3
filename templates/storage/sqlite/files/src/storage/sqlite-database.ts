import { mkdirSync } from 'node:fs';
import type { DatabaseSync } from 'node:sqlite';
import { dirname, resolve } from 'node:path';

import { sqliteDriver } from './sqlite-driver.js';
import { migrate, NewerSchemaError } from './sqlite-schema.js';

/**
 * How long a statement waits for another connection's write lock before failing with SQLITE_BUSY.
 * The driver is synchronous, so the wait blocks this process's event loop: every write here is one
 * short statement or transaction holding the lock for well under a millisecond, and 5 s only runs
 * out when something holds it abnormally long (a stuck process, a backup tool), where failing the
 * call is better than freezing the server. A constant rather than a setting: no value would be
 * right for one deployment and wrong for another.
 */
export const BUSY_TIMEOUT_MS = 5_000;

/** SQLite's primary result codes that say the file itself is not a usable database. */
const NOT_A_DATABASE = new Set([11 /* SQLITE_CORRUPT */, 26 /* SQLITE_NOTADB */]);

/** The file cannot serve as the store. The message says what is wrong with it and what to do. */
export class SqliteOpenError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'SqliteOpenError';
  }
}

/**
 * Opens the store's database at `path`, creating its folder and the file on first use, in WAL mode
 * (readers never wait for the writer), with the schema migrated to this release. Throws
 * SqliteOpenError when the file cannot be used.
 */
export function openStoreDatabase(path: string): DatabaseSync {
  const file = resolve(path);
  try {
    mkdirSync(dirname(file), { recursive: true });
  } catch (error) {
    throw new SqliteOpenError(`cannot create the folder ${dirname(file)} for the SQLite store (${reasonOf(error)}): point it at a file in a folder this server may write to`, {
      cause: error,
    });
  }
  let db: DatabaseSync | undefined;
  try {
    db = new (sqliteDriver().DatabaseSync)(file);
    db.exec(`PRAGMA busy_timeout = ${BUSY_TIMEOUT_MS}`);
    const journal = db.prepare('PRAGMA journal_mode = WAL').get() as { journal_mode: string } | undefined;
    if (journal?.journal_mode !== 'wal') {
      throw new SqliteOpenError(
        `${file} is on a file system where SQLite cannot keep its write-ahead log (the journal mode stayed "${journal?.journal_mode}"): keep it on a local disk, not a network share`,
      );
    }
    // In WAL mode NORMAL never corrupts the file; a power cut (not a crash) may lose the last commits,
    // which for caches, counters and short-lived grants costs less than a disk sync on every write.
    db.exec('PRAGMA synchronous = NORMAL');
    migrate(db);
    return db;
  } catch (error) {
    db?.close();
    throw error instanceof SqliteOpenError ? error : new SqliteOpenError(describeOpenFailure(file, error), { cause: error });
  }
}

function describeOpenFailure(file: string, error: unknown): string {
  if (error instanceof NewerSchemaError) return `${file} cannot be used: ${error.message}. Run that release, or point it at another file`;
  if (NOT_A_DATABASE.has(primaryResultCode(error))) {
    return `${file} is not a SQLite database, or it is damaged (${reasonOf(error)}): point it at another file, or move this one aside to start with an empty store`;
  }
  return `cannot open ${file} as the SQLite store (${reasonOf(error)}): this server must be able to read and write the file and its folder, where SQLite keeps -wal and -shm files beside it`;
}

/** SQLite's primary result code (the low byte of its extended code) of a driver error; -1 for anything else. */
function primaryResultCode(error: unknown): number {
  const code = (error as { errcode?: unknown } | null)?.errcode;
  return typeof code === 'number' ? code & 0xff : -1;
}

function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
