import type * as NodeSqlite from 'node:sqlite';

/** What Node.js 22 prints once when `node:sqlite` first loads; Node.js 24 prints nothing. */
const EXPERIMENTAL_WARNING = /^SQLite is an experimental feature/;

let driver: typeof NodeSqlite | undefined;

/**
 * Node's built-in SQLite driver, loaded on first use without its one ExperimentalWarning.
 *
 * On Node.js 22 loading `node:sqlite` prints "ExperimentalWarning: SQLite is an experimental feature"
 * as plain text on stderr, where every other line is a JSON log entry: log pipelines would report it
 * as an unparsable line on every start. The module is stable enough for what this store uses (the
 * contract suite runs on 22 and 24, and 24 prints no warning), so exactly that warning is dropped while
 * the module loads; every other warning, before, during or after, is printed as usual. A static
 * import could not do this: ES modules load their built-in imports before any code of theirs runs.
 */
export function sqliteDriver(): typeof NodeSqlite {
  if (driver !== undefined) return driver;
  const emitWarning = process.emitWarning;
  process.emitWarning = function emitAllButSqliteExperimental(this: NodeJS.Process, warning: string | Error, ...rest: unknown[]) {
    const message = typeof warning === 'string' ? warning : warning.message;
    if (EXPERIMENTAL_WARNING.test(message)) return;
    return Reflect.apply(emitWarning, this, [warning, ...rest]);
  } as typeof process.emitWarning;
  try {
    // Typed as always present; before Node.js 22.13 it is missing unless a flag enables it.
    const loaded = process.getBuiltinModule('node:sqlite') as typeof NodeSqlite | undefined;
    if (loaded === undefined) throw new Error(`The SQLite store needs Node.js 22.13 or newer (node:sqlite); this is Node.js ${process.versions.node}.`);
    driver = loaded;
    return loaded;
  } finally {
    process.emitWarning = emitWarning;
  }
}
