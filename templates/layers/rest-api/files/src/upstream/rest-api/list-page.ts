import { UpstreamUnknownError } from '../http/errors.js';

/** One page of a collection. */
export interface ItemPage {
  readonly items: unknown[];
  /** Items in the whole (filtered) collection, when the API says. */
  readonly total?: number;
  /** The offset of the next page; absent on the last page. */
  readonly nextOffset?: number;
}

type JsonRecord = Record<string, unknown>;

/** Where list answers keep their items: `[...]`, or `{ items | data | results: [...] }`. */
const ITEM_KEYS = ['items', 'data', 'results'] as const;
/** Where they keep the total: the body's `total | total_count | totalCount`, or an `X-Total-Count` header. */
const TOTAL_KEYS = ['total', 'total_count', 'totalCount'] as const;

/**
 * Reads a list answer into a page. Without a total, a full page (as many items as asked for) is taken
 * to mean there may be more; a short one ends the list.
 */
export function readItemPage(upstream: string, body: unknown, headers: Headers, paging: { limit: number; offset: number }): ItemPage {
  const record = typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as JsonRecord) : undefined;
  const items = Array.isArray(body) ? body : ITEM_KEYS.map((key) => record?.[key]).find(Array.isArray);
  if (items === undefined) {
    throw new UpstreamUnknownError(`${upstream} answered a list request with neither a JSON array nor an object holding items, data or results`, { upstream });
  }
  const total = TOTAL_KEYS.map((key) => count(record?.[key])).find((value) => value !== undefined) ?? count(headers.get('x-total-count'));
  const next = paging.offset + items.length;
  const more = total === undefined ? items.length > 0 && items.length >= paging.limit : next < total;
  return { items, ...(total !== undefined && { total }), ...(more && { nextOffset: next }) };
}

function count(value: unknown): number | undefined {
  const number = typeof value === 'string' && /^\d+$/.test(value.trim()) ? Number(value) : value;
  return typeof number === 'number' && Number.isSafeInteger(number) && number >= 0 ? number : undefined;
}
