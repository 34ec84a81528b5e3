import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { createNonceRegistry } from '../../src/auth/nonce-registry.js';
import { VerifierUnavailable } from '../../src/auth/token-errors.js';
import { createStore } from '../../src/storage/index.js';
import type { Store } from '../../src/storage/store.js';
import { testConfig } from '../helpers/config.js';

const NONCE = 'nonce-0123456789abcdef';
const NOW_MS = 1_800_000_000_000;
const clock = () => NOW_MS;
const nowSeconds = NOW_MS / 1000;

describe('gateway nonces (GATEWAY_MODE=hmac)', () => {
  let store: Store;
  beforeEach(async () => {
    store = await createStore(testConfig());
  });
  afterEach(async () => {
    await store.close();
  });

  it('accepts a nonce once and refuses it the second time', async () => {
    const nonces = createNonceRegistry(store, 60, clock);
    await nonces.claim(NONCE, nowSeconds);
    await expect(nonces.claim(NONCE, nowSeconds)).rejects.toThrow(/replay/);
  });

  it('refuses a nonce another replica accepted, when both share the store', async () => {
    const replicaA = createNonceRegistry(store, 60, clock);
    const replicaB = createNonceRegistry(store, 60, clock);
    await replicaA.claim(NONCE, nowSeconds);
    await expect(replicaB.claim(NONCE, nowSeconds)).rejects.toThrow(/replay/);
  });

  it('remembers a nonce until its timestamp is no longer accepted', async () => {
    const claims = vi.spyOn(store, 'setIfAbsent');
    // Signed 10 s ago with a 60 s window: accepted for 50 more seconds, and the current one.
    await createNonceRegistry(store, 60, clock).claim(NONCE, nowSeconds - 10);
    expect(claims.mock.calls.map(([, , options]) => options?.ttlSeconds)).toEqual([51]);
  });

  it('reports a store it cannot reach as unavailable, not as a replay', async () => {
    const nonces = createNonceRegistry(store, 60, clock);
    await store.close();
    await expect(nonces.claim(NONCE, nowSeconds)).rejects.toBeInstanceOf(VerifierUnavailable);
  });
});
