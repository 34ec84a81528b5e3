import type { DatabaseSync } from 'node:sqlite';

/**
 * Runs `work` holding the database's write lock from the start (BEGIN IMMEDIATE), so no other
 * connection, in this process or another, writes between what `work` reads and what it writes.
 * Waiting for the lock follows the connection's busy timeout.
 */
export function inImmediateTransaction<T>(db: DatabaseSync, work: () => T): T {
  db.exec('BEGIN IMMEDIATE');
  try {
    const result = work();
    db.exec('COMMIT');
    return result;
  } catch (error) {
    try {
      db.exec('ROLLBACK');
    } catch {
      // Some failures (a full disk) end the transaction themselves; the first error is the one to report.
    }
    throw error;
  }
}
