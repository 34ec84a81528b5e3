import { pathOf } from '../http/safe-path.js';
import type { UpstreamCallContext, UpstreamClient } from '../http/upstream-client.js';
import { readItemPage, type ItemPage } from './list-page.js';
import { checkCollection, checkFilterName, checkIdempotencyKey, checkItemId } from './names.js';

export type { ItemPage } from './list-page.js';

/** A JSON object as sent to the API (a new item, or the fields to change). */
export type JsonObject = Record<string, unknown>;

export type FilterValue = string | number | boolean;

export interface ListQuery {
  limit: number;
  offset: number;
  /** Equality filters, sent as query parameters (`?status=open`). */
  filters?: Readonly<Record<string, FilterValue>>;
}

export interface CreateOptions {
  /**
   * Sent as `Idempotency-Key`: the API creates the item once however often the request arrives, so
   * the request may be retried after a failure whose outcome is unknown.
   */
  idempotencyKey?: string;
}

export interface CreatedItem {
  /** The item as the API answered it; undefined when it answered without a body. */
  readonly item: unknown;
  /** The new item's URL (`Location` header), when the API gives one. */
  readonly location?: string;
}

/**
 * A REST API organised as collections of items: `GET /<collection>?limit&offset&<filters>`,
 * `POST /<collection>`, `GET | PATCH | DELETE /<collection>/<id>`. Every call acts for
 * `context.identity` and stops when `context.signal` aborts; failures are UpstreamErrors.
 */
export interface RestApi {
  get(collection: string, id: string, context: UpstreamCallContext): Promise<unknown>;
  list(collection: string, query: ListQuery, context: UpstreamCallContext): Promise<ItemPage>;
  create(collection: string, item: JsonObject, options: CreateOptions, context: UpstreamCallContext): Promise<CreatedItem>;
  /** Changes the given fields (PATCH); resolves to the updated item, or undefined when the API answers without one. */
  update(collection: string, id: string, changes: JsonObject, context: UpstreamCallContext): Promise<unknown>;
  delete(collection: string, id: string, context: UpstreamCallContext): Promise<void>;
}

export interface RestApiOptions {
  /** Display name in errors. */
  upstream: string;
  /** Collections calls may reach; undefined allows every one. */
  allowedCollections?: readonly string[] | undefined;
}

/** The REST API on top of an upstream client, which brings authentication, retries and error mapping. */
export function createRestApi(client: UpstreamClient, options: RestApiOptions): RestApi {
  const { upstream, allowedCollections } = options;

  const collectionPath = (collection: string): string => {
    checkCollection(collection, allowedCollections);
    return pathOf(collection);
  };
  const itemPath = (collection: string, id: string): string => {
    checkCollection(collection, allowedCollections);
    checkItemId(id);
    return pathOf(collection, id);
  };

  return {
    async get(collection, id, context) {
      const response = await client.request({ method: 'GET', path: itemPath(collection, id) }, context);
      return response.body;
    },

    async list(collection, { limit, offset, filters = {} }, context) {
      const path = collectionPath(collection);
      for (const name of Object.keys(filters)) checkFilterName(name);
      const response = await client.request({ method: 'GET', path, query: { ...filters, limit, offset } }, context);
      return readItemPage(upstream, response.body, response.headers, { limit, offset });
    },

    async create(collection, item, { idempotencyKey }, context) {
      const path = collectionPath(collection);
      if (idempotencyKey !== undefined) checkIdempotencyKey(idempotencyKey);
      const response = await client.request(
        {
          method: 'POST',
          path,
          body: item,
          // With a key, a repeated POST creates nothing new, so it may be retried like a GET.
          ...(idempotencyKey !== undefined && { headers: { 'idempotency-key': idempotencyKey }, idempotent: true }),
        },
        context,
      );
      const location = response.headers.get('location');
      return { item: response.body, ...(location !== null && { location }) };
    },

    async update(collection, id, changes, context) {
      const response = await client.request({ method: 'PATCH', path: itemPath(collection, id), body: changes }, context);
      return response.body;
    },

    async delete(collection, id, context) {
      await client.request({ method: 'DELETE', path: itemPath(collection, id) }, context);
    },
  };
}
