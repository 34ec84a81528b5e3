import { ConfigError } from '../errors.js';
import type { Logger } from '../logger.js';
import { createStore, storeBackend } from './index.js';
import { sealedStore } from './sealed-store.js';
import { MAKE_SEALING_KEY_COMMAND, SEALING_KEYS_VARIABLE, sealingKeyring, type SealingKeyring } from './sealing-keys.js';
import type { Store } from './store.js';
import { StoreUnavailableError } from './store-unavailable.js';

/** The server's storage as features receive it, opened once at start-up. */
export interface Storage {
  /** The backend itself: counters, caches and anything that holds no secret. */
  readonly store: Store;
  /**
   * The same backend, every value encrypted under STORE_SEALING_KEYS before it is written: features
   * that keep secrets (upstream tokens) take a namespace of it.
   */
  readonly sealed: Store;
  readonly keyring: SealingKeyring;
}

type StorageConfig = Parameters<typeof createStore>[0] & Parameters<typeof sealingKeyring>[0];

/** What a backend may use besides its settings: where to report a connection lost and regained later. */
export interface StoreContext {
  logger: Logger;
}

/**
 * Opens the configured backend and builds the sealing keyring once. A backend that cannot be reached
 * fails start-up with its own message (which names the variable to fix); a durable backend sealing
 * with a key made up for this process gets a warning, since what it seals is lost on restart.
 */
export async function openStorage(
  config: StorageConfig,
  logger: Logger,
  open: (config: StorageConfig, context: StoreContext) => Promise<Store> = createStore,
): Promise<Storage> {
  let store: Store;
  try {
    store = await open(config, { logger });
  } catch (error) {
    // A setting the backend itself found wrong is reported like any other invalid setting, and a failure
    // it explained itself (naming the store and the variable to fix) as it said it.
    if (error instanceof ConfigError || error instanceof StoreUnavailableError) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    throw new StoreUnavailableError(`Cannot open the ${storeBackend.label} store: ${reason}`, { cause: error });
  }
  return storageOn(store, config, logger);
}

/** The storage features receive, over a store that is already open (tests share one between servers). */
export function storageOn(store: Store, config: Parameters<typeof sealingKeyring>[0], logger: Logger): Storage {
  const keyring = sealingKeyring(config);
  if (keyring.ephemeral && storeBackend.durable) {
    logger.warn(
      { variable: SEALING_KEYS_VARIABLE },
      `${SEALING_KEYS_VARIABLE} is not set, so secrets kept in the ${storeBackend.label} store (upstream tokens) are sealed with a key made up ` +
        `for this process: after a restart, and on other replicas, they cannot be opened and are fetched again. ` +
        `Set ${SEALING_KEYS_VARIABLE} to a key of your own, made with ${MAKE_SEALING_KEY_COMMAND}`,
    );
  }
  return { store, sealed: sealedStore(store, keyring), keyring };
}
