import { describe, expect, it } from 'vitest';

import { MemoryStore } from '../../src/storage/memory-store.js';

/** A clock the test moves by hand, so expiry is checked without sleeping. */
function manualClock(start = 1_000_000) {
  let now = start;
  return { now: () => now, advance: (ms: number) => void (now += ms) };
}

describe('MemoryStore', () => {
  it('evicts the oldest entry when full', async () => {
    const store = new MemoryStore({ maxEntries: 2 });
    await store.set('a', 1);
    await store.set('b', 2);
    await store.set('c', 3);
    expect(await store.get('a')).toBeUndefined();
    expect([await store.get('b'), await store.get('c')]).toEqual([2, 3]);
    await store.close();
  });

  it('makes room by dropping expired entries before evicting live ones', async () => {
    const clock = manualClock();
    const store = new MemoryStore({ maxEntries: 2, now: clock.now });
    await store.set('live', 'kept');
    await store.set('expiring', 'gone', { ttlSeconds: 1 });
    clock.advance(1_001);
    await store.set('new', 'added');
    expect(await store.get('live')).toBe('kept');
    expect(await store.get('new')).toBe('added');
    await store.close();
  });

  it('sweeps expired entries without anyone reading them', async () => {
    const clock = manualClock();
    const store = new MemoryStore({ maxEntries: 10, now: clock.now });
    await store.set('a', 1, { ttlSeconds: 1 });
    await store.set('b', 2);
    clock.advance(1_001);
    store.sweep();
    expect(store.size).toBe(1);
    await store.close();
  });

  it('sweeps ended counter windows and expired set members, and drops a set left empty', async () => {
    const clock = manualClock();
    const store = new MemoryStore({ maxEntries: 10, now: clock.now });
    await store.increment('calls', 1);
    await store.addToSet('grant:1', 'token:a', { ttlSeconds: 1 });
    clock.advance(1_001);
    store.sweep();
    expect((await store.increment('calls', 1)).count).toBe(1);
    expect(await store.members('grant:1')).toEqual([]);
    await store.close();
  });

  it('bounds the members of one set, dropping the oldest', async () => {
    const store = new MemoryStore({ maxEntries: 2 });
    for (const member of ['a', 'b', 'c']) await store.addToSet('grant:1', member);
    expect((await store.members('grant:1')).sort()).toEqual(['b', 'c']);
    await store.close();
  });

  it('stores copies, so later mutation of the original does not leak in', async () => {
    const store = new MemoryStore({ maxEntries: 10 });
    const value = { items: [1] };
    await store.set('k', value);
    value.items.push(2);
    expect(await store.get('k')).toEqual({ items: [1] });
    await store.close();
  });

  it('refuses use after close, so readiness reports it as down', async () => {
    const store = new MemoryStore({ maxEntries: 10 });
    await store.close();
    await expect(store.ping()).rejects.toThrow(/closed/);
  });
});
