import { errors, type Adapter, type AdapterPayload } from 'oidc-provider';

import type { JsonValue, Store } from '../../storage/store.js';

/**
 * How long a dynamically registered client lives before anyone signs in through it. MCP clients
 * register on every first contact, and anyone may call the registration endpoint: registrations
 * that never lead to a grant must not pile up in the store.
 */
export const UNUSED_REGISTRATION_TTL_SECONDS = 24 * 3600;

/**
 * How long a registration lives after its latest grant. Each grant issued to the client renews it,
 * and never to less than the grant's own lifetime, so a client outlives every grant (and so every
 * refresh token) issued to it; one that nobody has signed in with for this long registers again.
 */
export const USED_REGISTRATION_TTL_SECONDS = 90 * 24 * 3600;

export interface StoreAdapterOptions {
  /** Default UNUSED_REGISTRATION_TTL_SECONDS. */
  unusedRegistrationTtlSeconds?: number;
  /** Default USED_REGISTRATION_TTL_SECONDS. */
  usedRegistrationTtlSeconds?: number;
  /**
   * How long a refresh token that was just exchanged still works (default 0). A client refreshing
   * from two places at once (two windows, a retry after a lost response) would otherwise present
   * the token a second time and, as reuse of a rotated token, end its whole grant.
   */
  refreshTokenGraceSeconds?: number;
}

/**
 * Models whose records belong to a grant: revoking the grant removes them all. Not the Grant itself
 * (the provider decides separately whether to drop it) nor an Interaction or Session that merely
 * mentions a grant: revoking tokens must not end a sign-in in progress.
 */
const GRANT_BOUND_MODELS = new Set([
  'AccessToken',
  'AuthorizationCode',
  'RefreshToken',
  'DeviceCode',
  'BackchannelAuthenticationRequest',
  'PreAuthorizedCode',
]);

type JsonObject = { [key: string]: JsonValue };

/** What is stored under a model's key: the payload as the provider gave it, and when it expires. */
type StoredRecord = {
  payload: JsonObject;
  /** Epoch milliseconds; null: never. Kept so a rewrite (consume) keeps the remaining lifetime. */
  expiresAt: number | null;
};

const valueKey = (model: string, id: string) => `oidc:${model}:${id}`;
// Index keys name the model: a uid or user code only means something within its own model.
const uidKey = (model: string, uid: string) => `oidc:uid:${model}:${uid}`;
const userCodeKey = (model: string, userCode: string) => `oidc:user-code:${model}:${userCode}`;
const grantSet = (grantId: string) => `oidc:grant:${grantId}`;

/**
 * The storage of the authorization server (oidc-provider's `adapter` option): every model it keeps
 * (sessions, interactions, codes, tokens, grants, registered clients) lives in `store`, so every
 * replica sharing the store sees the same state. `store` is already namespaced and sealed by the
 * caller. Records expire with the lifetime the provider gives them; registered clients follow the
 * registration policy above.
 */
export function storeAdapterFactory(store: Store, options: StoreAdapterOptions = {}): (modelName: string) => Adapter {
  const unusedRegistrationMs = (options.unusedRegistrationTtlSeconds ?? UNUSED_REGISTRATION_TTL_SECONDS) * 1000;
  const usedRegistrationMs = (options.usedRegistrationTtlSeconds ?? USED_REGISTRATION_TTL_SECONDS) * 1000;
  const graceSeconds = options.refreshTokenGraceSeconds ?? 0;
  /** A refresh token used so recently that it still counts as unused. */
  const inGrace = (model: string, payload: JsonObject) =>
    model === 'RefreshToken' && typeof payload.consumed === 'number' && Date.now() / 1000 - payload.consumed <= graceSeconds;

  /**
   * Replaces the record under `key` with `change(current)` unless another write came in between, in
   * which case it reads again and retries. Resolves whether it wrote: not when `change` gives
   * undefined or the new record would already have expired.
   */
  async function rewrite(key: string, change: (current: StoredRecord | undefined) => StoredRecord | undefined): Promise<boolean> {
    for (;;) {
      const current = await store.getVersioned<StoredRecord>(key);
      const next = change(current?.value);
      if (next === undefined) return false;
      const ttlSeconds = next.expiresAt === null ? undefined : (next.expiresAt - Date.now()) / 1000;
      if (ttlSeconds !== undefined && ttlSeconds <= 0) return false;
      const written = await store.compareAndSet(key, next, { ifVersion: current?.version ?? null, ...(ttlSeconds !== undefined && { ttlSeconds }) });
      if (written !== undefined) return true;
    }
  }

  /** Removes an index entry unless it has meanwhile been pointed at another record. */
  async function deleteIndexOf(indexKey: string, id: string): Promise<void> {
    const current = await store.getVersioned<string>(indexKey);
    if (current?.value === id) await store.compareAndDelete(indexKey, current.version);
  }

  /**
   * Stores a registration (new or updated): it expires after the unused lifetime, unless it already
   * had a longer one from a grant, which an update does not shorten.
   */
  async function saveRegistration(key: string, payload: JsonObject): Promise<void> {
    await rewrite(key, (current) => {
      const unusedUntil = Date.now() + unusedRegistrationMs;
      return { payload, expiresAt: current === undefined ? unusedUntil : latest(current.expiresAt, unusedUntil) };
    });
  }

  /** A grant was issued to `clientId`: a registered client of that id lives on (a static client has no record). */
  async function renewRegistration(clientId: string, grantExpiresAt: number | null): Promise<void> {
    await rewrite(valueKey('Client', clientId), (current) =>
      current === undefined ? undefined : { ...current, expiresAt: latest(current.expiresAt, grantExpiresAt, Date.now() + usedRegistrationMs) },
    );
  }

  return (model) => {
    const indexKeys = (payload: JsonObject): string[] => [
      ...(typeof payload.uid === 'string' ? [uidKey(model, payload.uid)] : []),
      ...(typeof payload.userCode === 'string' ? [userCodeKey(model, payload.userCode)] : []),
    ];

    const find = async (id: string): Promise<AdapterPayload | undefined> => {
      const payload = (await store.get<StoredRecord>(valueKey(model, id)))?.payload;
      if (payload === undefined || !inGrace(model, payload)) return payload as AdapterPayload | undefined;
      const { consumed: _consumed, ...unused } = payload;
      return unused as AdapterPayload;
    };

    /** The record an index entry points at, provided it still carries the indexed value. */
    const findIndexed = async (indexKey: string, field: 'uid' | 'userCode', value: string): Promise<AdapterPayload | undefined> => {
      const id = await store.get<string>(indexKey);
      if (id === undefined) return undefined;
      const payload = await find(id);
      return payload?.[field] === value ? payload : undefined;
    };

    const destroy = async (id: string): Promise<void> => {
      const record = await store.take<StoredRecord>(valueKey(model, id));
      if (record !== undefined) await Promise.all(indexKeys(record.payload).map((indexKey) => deleteIndexOf(indexKey, id)));
    };

    return {
      async upsert(id, payload, expiresIn) {
        // A lifetime already over: the record must not be found any more.
        if (expiresIn !== undefined && !(expiresIn > 0)) return destroy(id);
        const key = valueKey(model, id);
        const json = toJsonObject(payload);
        if (model === 'Client') return saveRegistration(key, json);

        const ttl = expiresIn === undefined ? {} : { ttlSeconds: expiresIn };
        const expiresAt = expiresIn === undefined ? null : Date.now() + expiresIn * 1000;
        const previous = await store.get<StoredRecord>(key);
        const indexes = indexKeys(json);
        // Set membership first: a record written but not yet in its grant's set could escape a revocation.
        if (GRANT_BOUND_MODELS.has(model) && typeof json.grantId === 'string') {
          const set = grantSet(json.grantId);
          await Promise.all([key, ...indexes].map((member) => store.addToSet(set, member, ttl)));
        }
        await Promise.all(indexes.map((indexKey) => store.set(indexKey, id, ttl)));
        await store.set(key, { payload: json, expiresAt }, ttl);
        if (previous !== undefined) {
          await Promise.all(indexKeys(previous.payload).filter((indexKey) => !indexes.includes(indexKey)).map((indexKey) => deleteIndexOf(indexKey, id)));
        }
        if (model === 'Grant' && typeof json.clientId === 'string') await renewRegistration(json.clientId, expiresAt);
      },

      find,
      findByUid: (uid) => findIndexed(uidKey(model, uid), 'uid', uid),
      findByUserCode: (userCode) => findIndexed(userCodeKey(model, userCode), 'userCode', userCode),

      /**
       * Marks a single-use record (code, rotated refresh token, pushed request) used, keeping its
       * remaining lifetime. The provider checks `consumed` before calling this, but two requests
       * presenting the same code at once both pass that check: here exactly one of them marks it,
       * and the others are refused as the provider refuses a reused code.
       */
      async consume(id) {
        let graceUse = false;
        const marked = await rewrite(valueKey(model, id), (current) => {
          graceUse = current !== undefined && inGrace(model, current.payload);
          if (current === undefined || current.payload.consumed !== undefined) return undefined;
          return { ...current, payload: { ...current.payload, consumed: Math.floor(Date.now() / 1000) } };
        });
        if (!marked && !graceUse) {
          throw model === 'PushedAuthorizationRequest'
            ? new errors.InvalidRequestUri('request_uri is invalid, expired, or was already used')
            : new errors.InvalidGrant('grant was already used, revoked or has expired');
        }
      },

      destroy,

      async revokeByGrantId(grantId) {
        await store.deleteSet(grantSet(grantId));
      },
    };
  };
}

/** The payload as the store keeps it: JSON only, undefined members dropped. */
function toJsonObject(payload: AdapterPayload): JsonObject {
  return JSON.parse(JSON.stringify(payload)) as JsonObject;
}

/** The latest of expiry times, where null (never) is later than any. */
function latest(...expiries: Array<number | null>): number | null {
  return expiries.includes(null) ? null : Math.max(...(expiries as number[]));
}
