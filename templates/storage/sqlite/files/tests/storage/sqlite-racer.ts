/**
 * One of several processes racing on one SQLite file (tests/storage/sqlite-processes.test.ts).
 * Usage: sqlite-racer.ts <file> <contest> <rounds> <name>. Opens the store, prints "ready", waits for
 * a line on stdin, plays `rounds` rounds of the contest as fast as it can, and prints its tally as one
 * JSON line. Every racer works on the same few keys, so their calls overlap.
 */
import { once } from 'node:events';

import { SqliteStore } from '../../src/storage/sqlite-store.js';

const [file = '', contest = '', rounds = '0', name = ''] = process.argv.slice(2);
const store = new SqliteStore({ path: file });

const contests: Record<string, () => Promise<unknown>> = {
  /** setIfAbsent as a lock: while one racer holds it, no other gets it, so no update of `guarded` is lost. */
  async lock() {
    let acquired = 0;
    for (let round = 0; round < Number(rounds); round += 1) {
      if (!(await store.setIfAbsent('lock', name))) continue;
      await store.set('guarded', ((await store.get<number>('guarded')) ?? 0) + 1);
      await store.delete('lock');
      acquired += 1;
    }
    return { acquired };
  },
  /** Read, then write only over what was read: a racer whose version is stale loses and reads again. */
  async compareAndSet() {
    let written = 0;
    for (let round = 0; round < Number(rounds); round += 1) {
      const read = await store.getVersioned<number>('counter');
      if ((await store.compareAndSet('counter', (read?.value ?? 0) + 1, { ifVersion: read?.version ?? null })) !== undefined) written += 1;
    }
    return { written };
  },
  /** Each racer puts items in one slot when it is empty and takes whatever is there: every item is taken once. */
  async take() {
    const produced: string[] = [];
    const taken: string[] = [];
    for (let round = 0; round < Number(rounds); round += 1) {
      const item = `${name}-${round}`;
      if (await store.setIfAbsent('slot', item)) produced.push(item);
      const got = await store.take<string>('slot');
      if (got !== undefined) taken.push(got);
    }
    return { produced, taken };
  },
  /** Every racer counts on one counter: each count is seen by exactly one increment. */
  async increment() {
    const counts: number[] = [];
    for (let round = 0; round < Number(rounds); round += 1) counts.push((await store.increment('calls', 3_600)).count);
    return { counts };
  },
};

const play = contests[contest];
if (play === undefined) throw new Error(`Unknown contest ${contest}`);
process.stdout.write('ready\n');
await once(process.stdin, 'data');
process.stdout.write(`${JSON.stringify(await play())}\n`);
await store.close();
