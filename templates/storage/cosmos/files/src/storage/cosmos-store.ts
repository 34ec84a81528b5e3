import { createHash } from 'node:crypto';

import type { Container, CosmosClient, ItemDefinition } from '@azure/cosmos';

import { statusOf } from './cosmos-errors.js';
import { withTimeout, type OpenContainer } from './cosmos-container.js';
import { assertPositiveSeconds, serialiseValue, type CompareAndSetOptions, type JsonValue, type SetOptions, type Store, type Versioned, type WindowCount } from './store.js';

/**
 * How items are laid out in the one container, partitioned on `/pk`. A partition is the unit of a
 * transaction and of a single-partition query, so each access pattern gets the partition it needs:
 *
 * - a value is an item in a partition of its own (`pk` = `id` = `v.` + the key): every operation on it is
 *   a point read or write, the cheapest requests there are, and keys spread evenly over the partitions;
 * - a counter likewise (`c.` + the key), so counters and values of one name never meet;
 * - a set member is an item in its set's partition (`pk` = `s.` + the set, `id` = `m.` + the member), so
 *   listing a set is a query within one partition, never a fan-out over the whole container.
 *
 * Keys are written into ids and partition keys as base64url, which holds none of the characters ids
 * may not contain (/ \ ? #); a key longer than fits in a short id is hashed instead (SHA-256). The key
 * itself is kept in the item, for people looking at the container.
 */
type ItemKind = 'v' | 'c' | 'm' | 's';

/** Longest id written as the key itself: well below the 1,023-byte id limit and the 101-byte partition key limit of older containers. */
const LONGEST_PLAIN_ID = 100;

function itemId(kind: ItemKind, key: string): string {
  const plain = `${kind}.${Buffer.from(key, 'utf8').toString('base64url')}`;
  return plain.length <= LONGEST_PLAIN_ID ? plain : `${kind}.h.${createHash('sha256').update(key, 'utf8').digest('base64url')}`;
}

interface ValueItem extends ItemDefinition {
  pk: string;
  key: string;
  /** The value as JSON text, exactly as serialised (nested documents would be indexed, reordered and charged for). */
  value: string;
  /** Epoch milliseconds after which the value is gone, whatever the service has purged yet; null: never. */
  expiresAt: number | null;
}

interface CounterItem extends ItemDefinition {
  pk: string;
  key: string;
  count: number;
  /** Epoch milliseconds when the window ends. */
  resetsAt: number;
}

interface MemberItem extends ItemDefinition {
  pk: string;
  set: string;
  member: string;
  expiresAt: number | null;
}

/** Most attempts of one operation that lost a race to another writer before it gives up (never reached in practice). */
const MAX_ATTEMPTS = 100;

/**
 * The item's own time to live, in whole seconds (the service counts from the item's last write).
 * Rounded up, so the service never purges an item before its `expiresAt`; reads check `expiresAt`
 * itself, since the service purges expired items lazily (and the tests' emulator never does).
 */
const ttlOf = (seconds: number) => Math.max(1, Math.ceil(seconds));
const expiresAtOf = (seconds: number | undefined) => (seconds === undefined ? null : Date.now() + seconds * 1000);
const isLive = (item: { expiresAt: number | null }) => item.expiresAt === null || item.expiresAt > Date.now();

/** true when `error` is the service's answer `status` (a lost race, a missing item), which callers handle. */
const answered = (error: unknown, ...statuses: number[]) => statuses.includes(statusOf(error) ?? 0);

/**
 * The store on Azure Cosmos DB for NoSQL, shared by every replica using the same account, database and
 * container. Atomic operations rest on what the service guarantees per item: a create fails with 409
 * when the id exists, a replace or delete with an If-Match ETag fails with 412 when another write came
 * first, and a patch `incr` adds on the server. The store's version of a value is its ETag, which
 * changes with every write. No stored procedure, transactional batch or conditional patch is used, so
 * the same code runs on the service, the Azure Cosmos DB emulator and the in-process emulator the tests use.
 */
export class CosmosStore implements Store {
  readonly #client: CosmosClient;
  readonly #container: Container;
  readonly #checkTimeoutMs: number;
  #closed = false;

  constructor({ client, container, checkTimeoutMs }: OpenContainer) {
    this.#client = client;
    this.#container = container;
    this.#checkTimeoutMs = checkTimeoutMs;
  }

  async get<T extends JsonValue = JsonValue>(key: string): Promise<T | undefined> {
    return (await this.getVersioned<T>(key))?.value;
  }

  async set(key: string, value: JsonValue, options: SetOptions = {}): Promise<void> {
    assertPositiveSeconds('ttlSeconds', options.ttlSeconds);
    await this.#items().upsert(this.#valueItem(key, value, options));
  }

  async setIfAbsent(key: string, value: JsonValue, options: SetOptions = {}): Promise<boolean> {
    return (await this.compareAndSet(key, value, { ...options, ifVersion: null })) !== undefined;
  }

  async take<T extends JsonValue = JsonValue>(key: string): Promise<T | undefined> {
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
      const read = await this.#readValue(key);
      if (read === undefined || !isLive(read.item)) return undefined;
      try {
        // Only the taker whose delete matches the ETag it read gets the value: exactly one of any racers.
        await this.#item(itemId('v', key)).delete({ accessCondition: { type: 'IfMatch', condition: read.etag } });
        return JSON.parse(read.item.value) as T;
      } catch (error) {
        if (answered(error, 404)) return undefined;
        // 412: the value was rewritten since it was read; take what is there now.
        if (!answered(error, 412)) throw error;
      }
    }
    throw this.#contended('take', key);
  }

  async delete(key: string): Promise<void> {
    await this.#deleteItem(itemId('v', key));
  }

  async getVersioned<T extends JsonValue = JsonValue>(key: string): Promise<Versioned<T> | undefined> {
    const read = await this.#readValue(key);
    return read === undefined || !isLive(read.item) ? undefined : { value: JSON.parse(read.item.value) as T, version: read.etag };
  }

  async compareAndSet(key: string, value: JsonValue, options: CompareAndSetOptions): Promise<string | undefined> {
    assertPositiveSeconds('ttlSeconds', options.ttlSeconds);
    const item = this.#valueItem(key, value, options);
    if (options.ifVersion !== null) {
      // Read first: an expired item the service has not purged yet still has its ETag, and must not be replaced.
      const read = await this.#readValue(key);
      if (read === undefined || !isLive(read.item) || read.etag !== options.ifVersion) return undefined;
      return this.#replaceIfMatch(item, options.ifVersion);
    }
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
      try {
        // Create fails with 409 when the id exists: among racers for a free key exactly one creates it.
        return (await this.#items().create(item)).etag;
      } catch (error) {
        if (!answered(error, 409)) throw error;
      }
      const read = await this.#readValue(key);
      if (read === undefined) continue; // deleted in between: try to create it again
      if (isLive(read.item)) return undefined;
      // Expired but not purged yet: counts as absent, so replace it, unless a racer replaced it first.
      const version = await this.#replaceIfMatch(item, read.etag);
      if (version !== undefined) return version;
    }
    throw this.#contended('setIfAbsent', key);
  }

  async compareAndDelete(key: string, version: string): Promise<boolean> {
    const read = await this.#readValue(key);
    if (read === undefined || !isLive(read.item) || read.etag !== version) return false;
    try {
      await this.#item(read.item.id!).delete({ accessCondition: { type: 'IfMatch', condition: version } });
      return true;
    } catch (error) {
      if (answered(error, 404, 412)) return false;
      throw error;
    }
  }

  async increment(key: string, windowSeconds: number): Promise<WindowCount> {
    assertPositiveSeconds('windowSeconds', windowSeconds);
    const id = itemId('c', key);
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
      let counter: CounterItem;
      let etag: string;
      try {
        // The service adds one atomically: concurrent increments of one window all count, once each.
        const patched = await this.#item(id).patch<CounterItem>([{ op: 'incr', path: '/count', value: 1 }]);
        counter = patched.resource!;
        etag = patched.etag;
      } catch (error) {
        if (!answered(error, 404)) throw error;
        // No counter yet (or purged after its window): the first increment of a window creates it.
        const fresh = this.#counterItem(id, key, windowSeconds);
        try {
          await this.#items().create(fresh);
          return { count: 1, resetsAt: fresh.resetsAt };
        } catch (createError) {
          if (answered(createError, 409)) continue; // another caller created it: increment that one
          throw createError;
        }
      }
      if (counter.resetsAt > Date.now()) return { count: counter.count, resetsAt: counter.resetsAt };
      // The window had ended: this increment went to a stale count. Start a new window, if no other
      // increment touched the counter since ours; otherwise increment again, in whatever window is there.
      const fresh = this.#counterItem(id, key, windowSeconds);
      try {
        await this.#item(id).replace(fresh, { accessCondition: { type: 'IfMatch', condition: etag } });
        return { count: 1, resetsAt: fresh.resetsAt };
      } catch (error) {
        if (!answered(error, 404, 412)) throw error;
      }
    }
    throw this.#contended('increment', key);
  }

  async addToSet(set: string, member: string, options: SetOptions = {}): Promise<void> {
    assertPositiveSeconds('ttlSeconds', options.ttlSeconds);
    const item: MemberItem = { id: itemId('m', member), pk: itemId('s', set), set, member, expiresAt: expiresAtOf(options.ttlSeconds) };
    if (options.ttlSeconds !== undefined) item.ttl = ttlOf(options.ttlSeconds);
    await this.#items().upsert(item);
  }

  async members(set: string): Promise<string[]> {
    return (await this.#memberItems(set)).filter(isLive).map((item) => item.member);
  }

  async deleteSet(set: string): Promise<void> {
    const pk = itemId('s', set);
    // Expired members too: their values may outlive them.
    const members = await this.#memberItems(set);
    await Promise.all(
      members.map(async (item) => {
        await this.#deleteItem(itemId('v', item.member));
        await this.#deleteItem(item.id!, pk);
      }),
    );
  }

  async ping(): Promise<void> {
    this.#assertOpen();
    // A point read of an id no item has: one request unit, answered 404 by a healthy account.
    await withTimeout(this.#item('ping').read(), this.#checkTimeoutMs, () => new Error(`Azure Cosmos DB did not answer within COSMOS_CHECK_TIMEOUT_MS (${this.#checkTimeoutMs} ms)`));
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#client.dispose();
  }

  #valueItem(key: string, value: JsonValue, options: SetOptions): ValueItem {
    const id = itemId('v', key);
    const item: ValueItem = { id, pk: id, key, value: serialiseValue(key, value), expiresAt: expiresAtOf(options.ttlSeconds) };
    if (options.ttlSeconds !== undefined) item.ttl = ttlOf(options.ttlSeconds);
    return item;
  }

  #counterItem(id: string, key: string, windowSeconds: number): CounterItem {
    // Reported rounded up to the millisecond, so waiting until then always reaches the next window.
    const resetsAt = Math.ceil(Date.now() + windowSeconds * 1000);
    return { id, pk: id, key, count: 1, resetsAt, ttl: ttlOf(windowSeconds) };
  }

  async #readValue(key: string): Promise<{ item: ValueItem; etag: string } | undefined> {
    const id = itemId('v', key);
    // A missing item resolves with status 404 and no resource; it does not throw.
    const { resource, etag } = await this.#item(id).read<ValueItem>();
    return resource === undefined ? undefined : { item: resource, etag: etag ?? resource._etag };
  }

  /** Replaces the value's item if it still has ETag `etag`; resolves the new ETag, or undefined when another write came first. */
  async #replaceIfMatch(item: ValueItem, etag: string): Promise<string | undefined> {
    try {
      return (await this.#item(item.id!).replace(item, { accessCondition: { type: 'IfMatch', condition: etag } })).etag;
    } catch (error) {
      if (answered(error, 404, 412)) return undefined;
      throw error;
    }
  }

  async #memberItems(set: string): Promise<MemberItem[]> {
    const pk = itemId('s', set);
    // Scoped to the set's partition by the partitionKey option; the filter on pk says the same to
    // emulators that ignore the option.
    const { resources } = await this.#items()
      .query<MemberItem>({ query: 'SELECT * FROM c WHERE c.pk = @pk', parameters: [{ name: '@pk', value: pk }] }, { partitionKey: pk })
      .fetchAll();
    return resources;
  }

  async #deleteItem(id: string, pk: string = id): Promise<void> {
    try {
      await this.#item(id, pk).delete();
    } catch (error) {
      if (!answered(error, 404)) throw error;
    }
  }

  #item(id: string, pk: string = id) {
    this.#assertOpen();
    return this.#container.item(id, pk);
  }

  #items() {
    this.#assertOpen();
    return this.#container.items;
  }

  #assertOpen(): void {
    if (this.#closed) throw new Error('Store is closed');
  }

  #contended(operation: string, key: string): Error {
    return new Error(`Azure Cosmos DB store: ${operation} of "${key}" lost ${MAX_ATTEMPTS} races in a row to other writers`);
  }
}
