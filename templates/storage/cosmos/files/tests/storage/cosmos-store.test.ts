import { readFileSync } from 'node:fs';
import { Agent } from 'node:https';

import { CosmosClient } from '@azure/cosmos';
import { afterAll, afterEach, describe, expect, it } from 'vitest';

import { createStore } from '../../src/storage/index.js';
import type { Store } from '../../src/storage/store.js';
import { testConfig } from '../helpers/config.js';
import { freshContainerName, testCosmosEnv } from '../helpers/storage-settings.js';

/** A client of the tests' own on the run's emulator, to look at what the store wrote. */
const env = testCosmosEnv();
const client = new CosmosClient({ endpoint: env.COSMOS_ENDPOINT!, key: env.COSMOS_KEY!, agent: new Agent({ ca: readFileSync(env.COSMOS_TLS_CA_FILE!, 'utf8') }) });
afterAll(() => client.dispose());

describe('Azure Cosmos DB store', () => {
  const stores: Store[] = [];
  afterEach(async () => {
    await Promise.all(stores.splice(0).map((store) => store.close()));
  });
  async function open(overrides: Record<string, string> = {}) {
    const config = testConfig(overrides);
    const store = await createStore(config);
    stores.push(store);
    return { store, container: client.database(config.COSMOS_DATABASE).container(config.COSMOS_CONTAINER) };
  }

  it('creates its container partitioned on /pk, with time to live on and items expiring by their own ttl', async () => {
    const { container } = await open();
    const { resource } = await container.read();
    expect(resource?.partitionKey?.paths).toEqual(['/pk']);
    expect(resource?.defaultTtl).toBe(-1);
  });

  it('keeps keys with characters item ids may not hold, and very long keys, apart', async () => {
    const { store } = await open();
    const keys = ['a/b', 'a%2Fb', 'a\\b', 'what?', 'tag#1', 'é ✓ ', 'x'.repeat(2_000), `${'x'.repeat(1_999)}y`];
    for (const [index, key] of keys.entries()) await store.set(key, index);
    for (const [index, key] of keys.entries()) expect(await store.get(key)).toBe(index);
    await store.addToSet('grant/1', 'a/b');
    await store.addToSet('grant/1', 'x'.repeat(2_000));
    expect((await store.members('grant/1')).sort()).toEqual(['a/b', 'x'.repeat(2_000)]);
  });

  it("puts a value in a partition of its own, and a set's members in the set's partition", async () => {
    const { store, container } = await open();
    await store.set('token:a', 'A', { ttlSeconds: 60 });
    await store.addToSet('grant:1', 'token:a', { ttlSeconds: 60 });
    await store.addToSet('grant:1', 'token:b');
    const { resources } = await container.items.query<{ id: string; pk: string; ttl?: number }>('SELECT c.id, c.pk, c.ttl FROM c').fetchAll();
    const value = resources.find((item) => item.id.startsWith('v.'));
    expect(value).toMatchObject({ pk: value?.id, ttl: 60 });
    const members = resources.filter((item) => item.id.startsWith('m.'));
    expect(members).toHaveLength(2);
    expect(new Set(members.map((item) => item.pk)).size).toBe(1);
    expect(members[0]?.pk).toMatch(/^s\./);
  });

  it('is shared by two replicas on one container: of their racing takes, exactly one gets what the other stored', async () => {
    const shared = { COSMOS_CONTAINER: freshContainerName() };
    const { store: a } = await open(shared);
    const { store: b } = await open(shared);
    await b.set('code', 'single-use');
    const results = await Promise.all([...Array.from({ length: 10 }, () => a.take('code')), ...Array.from({ length: 10 }, () => b.take('code'))]);
    expect(results.filter((result) => result !== undefined)).toEqual(['single-use']);
    expect(await a.get('code')).toBeUndefined();
  });

  it('answers ping, and refuses calls once closed', async () => {
    const { store } = await open();
    await expect(store.ping()).resolves.toBeUndefined();
    await store.close();
    await expect(store.get('key')).rejects.toThrow(/closed/);
  });
});
