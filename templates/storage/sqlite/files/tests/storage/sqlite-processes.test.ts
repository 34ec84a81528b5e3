import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

import { describe, expect, it } from 'vitest';

import { SqliteStore } from '../../src/storage/sqlite-store.js';
import { scratchPath } from '../helpers/scratch.js';
import { fromSource } from '../helpers/server-process.js';

const projectRoot = fileURLToPath(new URL('../../', import.meta.url));

/** Processes on one file, as when the stdio and HTTP servers (or two HTTP servers) share it. */
const RACERS = 3;
/** Rounds each racer plays: enough for their calls to overlap many times on a busy machine. */
const ROUNDS = 500;

/** The answer lines of a racer, one at a time. */
function answers(child: ChildProcessWithoutNullStreams): () => Promise<string> {
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  return async () => {
    const line = await lines.next();
    if (line.done === true) throw new Error(`a racer ended without answering; stderr:\n${stderr}`);
    return line.value;
  };
}

/**
 * Starts RACERS processes on a new file, lets each open it, then starts them all at once; resolves
 * each one's tally (see tests/storage/sqlite-racer.ts) and a store on the file to check the outcome.
 */
async function race<Tally>(contest: string): Promise<{ tallies: Tally[]; store: SqliteStore }> {
  const file = scratchPath('store.db');
  const racers = Array.from({ length: RACERS }, (_, index) => {
    const child = spawn(process.execPath, fromSource('tests/storage/sqlite-racer.ts', file, contest, String(ROUNDS), `racer-${index}`), { cwd: projectRoot });
    return { child, next: answers(child) };
  });
  try {
    expect(await Promise.all(racers.map(({ next }) => next()))).toEqual(Array(RACERS).fill('ready'));
    for (const { child } of racers) child.stdin.end('go\n');
    const tallies = await Promise.all(racers.map(async ({ next }) => JSON.parse(await next()) as Tally));
    return { tallies, store: new SqliteStore({ path: file }) };
  } finally {
    for (const { child } of racers) child.kill();
  }
}

const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);

describe(`${RACERS} processes on one SQLite file`, { timeout: 120_000 }, () => {
  it('setIfAbsent lets exactly one of them hold a lock at a time: no update made under it is lost', async () => {
    const { tallies, store } = await race<{ acquired: number }>('lock');
    expect(await store.get('guarded')).toBe(sum(tallies.map((tally) => tally.acquired)));
    await store.close();
  });

  it('compareAndSet lets exactly one writer of each version win: no increment is lost', async () => {
    const { tallies, store } = await race<{ written: number }>('compareAndSet');
    expect(await store.get('counter')).toBe(sum(tallies.map((tally) => tally.written)));
    await store.close();
  });

  it('take hands each item to exactly one of them, and loses none', async () => {
    const { tallies, store } = await race<{ produced: string[]; taken: string[] }>('take');
    const left = await store.take<string>('slot');
    const taken = [...tallies.flatMap((tally) => tally.taken), ...(left === undefined ? [] : [left])];
    expect(taken.sort()).toEqual(tallies.flatMap((tally) => tally.produced).sort());
    await store.close();
  });

  it('increment counts every call once', async () => {
    const { tallies, store } = await race<{ counts: number[] }>('increment');
    expect(tallies.flatMap((tally) => tally.counts).sort((a, b) => a - b)).toEqual(Array.from({ length: RACERS * ROUNDS }, (_, index) => index + 1));
    await store.close();
  });
});
