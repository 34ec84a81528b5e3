import { createSecretKey, randomBytes, type KeyObject } from 'node:crypto';

import { z } from 'zod';

/** The variable holding the keys that seal stored secrets (upstream tokens, grants) at rest. */
export const SEALING_KEYS_VARIABLE = 'STORE_SEALING_KEYS';

/** A command that prints a fresh value for the variable, quoted in every message that asks for one. */
export const MAKE_SEALING_KEY_COMMAND = `node -e "console.log('k1:' + require('node:crypto').randomBytes(32).toString('base64url'))"`;

export interface SealingKey {
  /** Stored beside each sealed value, so the value can still be opened after the current key changes. */
  readonly id: string;
  /** 32 bytes for AES-256-GCM, as a KeyObject so the bytes never show up when the config is printed. */
  readonly key: KeyObject;
}

export interface SealingKeyring {
  /** Seals every new value. */
  readonly current: SealingKey;
  /** Every configured key by id, the current one included: older ids still open what they sealed. */
  readonly byId: ReadonlyMap<string, KeyObject>;
  /** Made up at start because none was configured: what it seals cannot be opened after a restart. */
  readonly ephemeral: boolean;
}

const KEY_ID = /^[A-Za-z0-9_.-]{1,32}$/;
const FORMAT_HINT = `expected comma-separated id:key pairs, the first sealing new values and the rest only opening older ones, each key 32 random bytes in base64url; make one with ${MAKE_SEALING_KEY_COMMAND}`;

/** `STORE_SEALING_KEYS` as the config schema parses it: the keys in order, the first being the current one. */
export const sealingKeysSetting = z.string().transform((value, ctx): SealingKey[] => {
  const keys: SealingKey[] = [];
  for (const pair of value.split(',').map((item) => item.trim()).filter((item) => item.length > 0)) {
    const separator = pair.indexOf(':');
    // Without a separator the whole pair may be a bare key: it has no id to name.
    const id = separator < 1 ? '' : pair.slice(0, separator);
    const bytes = Buffer.from(pair.slice(separator + 1), 'base64url');
    if (!KEY_ID.test(id) || bytes.length !== 32) {
      // The value is a secret: name the pair by its position and id, never echo it.
      ctx.addIssue({ code: 'custom', message: `key ${keys.length + 1}${KEY_ID.test(id) ? ` ("${id}")` : ''} is malformed; ${FORMAT_HINT}` });
      return z.NEVER;
    }
    if (keys.some((key) => key.id === id)) {
      ctx.addIssue({ code: 'custom', message: `key id "${id}" appears twice; every key needs its own id` });
      return z.NEVER;
    }
    keys.push({ id, key: createSecretKey(bytes) });
  }
  if (keys.length === 0) {
    ctx.addIssue({ code: 'custom', message: `no key given; ${FORMAT_HINT}` });
    return z.NEVER;
  }
  return keys;
});

/** The variables of sealing, merged into the server's config schema. */
export const sealingEnv = { [SEALING_KEYS_VARIABLE]: sealingKeysSetting.optional() } as const;

interface SealingSettings {
  readonly NODE_ENV: string;
  readonly STORE_SEALING_KEYS?: readonly SealingKey[] | undefined;
}

/**
 * A store that outlives the process must not hold secrets it can no longer open, nor secrets
 * sealed with a key nobody kept: in production it needs configured keys.
 */
export function sealingConfigProblems(settings: SealingSettings, store: { label: string; durable: boolean }): string[] {
  if (settings.STORE_SEALING_KEYS !== undefined || settings.NODE_ENV !== 'production' || !store.durable) return [];
  return [
    `${SEALING_KEYS_VARIABLE}: required in production with the ${store.label} store, which keeps secrets such as upstream tokens ` +
      `encrypted at rest under it. Make one with ${MAKE_SEALING_KEY_COMMAND} and keep it with your other secrets.`,
  ];
}

/** The configured keys, or one made up for this process when none are configured (development, tests, memory). */
export function sealingKeyring(settings: SealingSettings): SealingKeyring {
  const configured = settings.STORE_SEALING_KEYS;
  const keys = configured ?? [{ id: `ephemeral-${randomBytes(4).toString('hex')}`, key: createSecretKey(randomBytes(32)) }];
  const [current] = keys;
  if (current === undefined) throw new Error(`${SEALING_KEYS_VARIABLE} holds no key`);
  return { current, byId: new Map(keys.map((key) => [key.id, key.key])), ephemeral: configured === undefined };
}
