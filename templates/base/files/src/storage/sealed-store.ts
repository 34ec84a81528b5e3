import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

import { AppError } from '../errors.js';
import { SEALING_KEYS_VARIABLE, type SealingKeyring } from './sealing-keys.js';
import { serialiseValue, type JsonValue, type Store } from './store.js';

/** What a sealed view writes in place of a value: nothing of the value is readable without the key. */
interface SealedEnvelope {
  sealed: 1;
  /** The id of the key that sealed it. */
  kid: string;
  /** base64url of the 12-byte nonce. */
  iv: string;
  /** base64url of the ciphertext followed by the 16-byte authentication tag. */
  data: string;
}

const TAG_BYTES = 16;

/** A stored value that cannot be opened: tampered, sealed under a key no longer configured, or never sealed. */
export class SealedValueError extends AppError {
  constructor(key: string, reason: string) {
    super('STORE_SEALED_VALUE_UNREADABLE', `The sealed value under "${key}" cannot be opened: ${reason}`);
  }
}

/**
 * A view of `store` that encrypts every value with AES-256-GCM under the keyring's current key and
 * opens values sealed under any key the keyring still holds (key rotation). The key name is bound in
 * as additional data, so a sealed value moved to another key does not open. It never writes
 * plaintext and never accepts it back. Counters and key sets hold no secrets and pass through.
 */
export function sealedStore(store: Store, keyring: SealingKeyring): Store {
  const seal = (key: string, value: JsonValue): SealedEnvelope => {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', keyring.current.key, iv);
    cipher.setAAD(Buffer.from(key, 'utf8'));
    const data = Buffer.concat([cipher.update(serialiseValue(key, value), 'utf8'), cipher.final(), cipher.getAuthTag()]);
    return { sealed: 1, kid: keyring.current.id, iv: iv.toString('base64url'), data: data.toString('base64url') };
  };
  const open = <T extends JsonValue>(key: string, stored: JsonValue | undefined): T | undefined => {
    if (stored === undefined) return undefined;
    if (!isEnvelope(stored)) throw new SealedValueError(key, 'it was not written sealed');
    const secret = keyring.byId.get(stored.kid);
    if (secret === undefined) throw new SealedValueError(key, `it was sealed under key id "${stored.kid}", which ${SEALING_KEYS_VARIABLE} no longer holds`);
    const data = Buffer.from(stored.data, 'base64url');
    try {
      const decipher = createDecipheriv('aes-256-gcm', secret, Buffer.from(stored.iv, 'base64url'));
      decipher.setAAD(Buffer.from(key, 'utf8'));
      decipher.setAuthTag(data.subarray(data.length - TAG_BYTES));
      const json = Buffer.concat([decipher.update(data.subarray(0, data.length - TAG_BYTES)), decipher.final()]).toString('utf8');
      return JSON.parse(json) as T;
    } catch {
      throw new SealedValueError(key, `it does not authenticate under key id "${stored.kid}" (altered, or sealed with another key of that id)`);
    }
  };
  return {
    get: async (key) => open(key, await store.get(key)),
    set: (key, value, options) => store.set(key, seal(key, value) as unknown as JsonValue, options),
    setIfAbsent: (key, value, options) => store.setIfAbsent(key, seal(key, value) as unknown as JsonValue, options),
    take: async (key) => open(key, await store.take(key)),
    delete: (key) => store.delete(key),
    getVersioned: async <T extends JsonValue>(key: string) => {
      const stored = await store.getVersioned(key);
      return stored === undefined ? undefined : { value: open<T>(key, stored.value) as T, version: stored.version };
    },
    compareAndSet: (key, value, options) => store.compareAndSet(key, seal(key, value) as unknown as JsonValue, options),
    compareAndDelete: (key, version) => store.compareAndDelete(key, version),
    increment: (key, windowSeconds) => store.increment(key, windowSeconds),
    addToSet: (set, member, options) => store.addToSet(set, member, options),
    members: (set) => store.members(set),
    deleteSet: (set) => store.deleteSet(set),
    ping: () => store.ping(),
    close: async () => {},
  };
}

function isEnvelope(value: JsonValue): value is JsonValue & SealedEnvelope {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  return value.sealed === 1 && typeof value.kid === 'string' && typeof value.iv === 'string' && typeof value.data === 'string';
}
