import { afterEach, beforeEach, expect, it } from 'vitest';

import { createStore } from '../../src/storage/index.js';
import type { Store } from '../../src/storage/store.js';
import { testConfig } from '../helpers/config.js';
import { describeWithDatabase } from '../helpers/test-database.js';

/** How many calls race, spread over both replicas. */
const RACERS = 50;

describeWithDatabase('PostgreSQL store shared by two replicas', () => {
  // Two stores with pools of their own on one schema: two server processes behind a load balancer.
  let replicas: [Store, Store];
  beforeEach(async () => {
    const config = testConfig();
    replicas = [await createStore(config), await createStore(config)];
  });
  afterEach(async () => {
    await Promise.all(replicas.map((replica) => replica.close()));
  });

  /** The replica serving call number `index`: they take turns. */
  const replica = (index: number): Store => replicas[index % 2] as Store;
  const race = <T>(call: (store: Store, index: number) => Promise<T>) => Promise.all(Array.from({ length: RACERS }, (_, index) => call(replica(index), index)));

  it('reads on one replica what the other wrote', async () => {
    await replica(0).set('session', { user: 'u-1' }, { ttlSeconds: 60 });
    expect(await replica(1).get('session')).toEqual({ user: 'u-1' });
  });

  it('hands a single-use value to exactly one taker across both replicas', async () => {
    await replica(0).set('code', 'prize');
    const taken = await race((store) => store.take('code'));
    expect(taken.filter((value) => value !== undefined)).toEqual(['prize']);
  });

  it('lets exactly one compare-and-set win among writers on both replicas holding one version', async () => {
    await replica(0).set('token', 'old');
    const read = await replica(1).getVersioned('token');
    const outcomes = await race((store, index) => store.compareAndSet('token', `writer-${index}`, { ifVersion: read?.version ?? null }));
    const winners = outcomes.flatMap((version, index) => (version === undefined ? [] : [{ version, index }]));
    expect(winners).toHaveLength(1);
    expect(await replica(0).getVersioned('token')).toEqual({ value: `writer-${winners[0]?.index}`, version: winners[0]?.version });
  });

  it('lets exactly one claim of a free key succeed across both replicas', async () => {
    const claims = await race((store, index) => store.setIfAbsent('nonce', `claimant-${index}`, { ttlSeconds: 60 }));
    expect(claims.filter((claimed) => claimed)).toHaveLength(1);
    expect(await replica(1).get('nonce')).toBe(`claimant-${claims.indexOf(true)}`);
  });

  it('counts every increment from both replicas exactly once, in one window', async () => {
    const counts = await race((store) => store.increment('calls', 60));
    expect(counts.map((count) => count.count).sort((a, b) => a - b)).toEqual(Array.from({ length: RACERS }, (_, index) => index + 1));
    expect(new Set(counts.map((count) => count.resetsAt)).size).toBe(1);
  });

  it('revokes from one replica a set the other filled', async () => {
    await replica(0).set('token:a', 'A');
    await replica(0).addToSet('grant:1', 'token:a');
    await replica(1).deleteSet('grant:1');
    expect(await replica(0).get('token:a')).toBeUndefined();
    expect(await replica(0).members('grant:1')).toEqual([]);
  });
});
