import { UpstreamUnknownError } from '../http/errors.js';
import { NETSUITE } from './error-body.js';

/** One page of a NetSuite collection (a record list or SuiteQL rows), without its navigation links. */
export interface CollectionPage<T> {
  readonly items: T[];
  /** Items on this page. */
  readonly count: number;
  /** Whether a later page exists: ask again with `offset + count`. */
  readonly hasMore: boolean;
  readonly offset: number;
  /** Items in the whole collection. */
  readonly totalResults: number;
}

/** Largest page NetSuite serves. */
export const MAX_PAGE_SIZE = 1000;

/**
 * Reads a collection answer: `{ links, count, hasMore, items, offset, totalResults }`. NetSuite leaves
 * out `hasMore` and `count` on some collections; they follow from the rest.
 */
export function collectionPage<T>(body: unknown, item: (value: Record<string, unknown>) => T): CollectionPage<T> {
  if (typeof body !== 'object' || body === null || !Array.isArray((body as { items?: unknown }).items)) {
    throw new UpstreamUnknownError(`${NETSUITE} answered with something other than a collection`, { upstream: NETSUITE });
  }
  const page = body as { items: unknown[]; count?: unknown; hasMore?: unknown; offset?: unknown; totalResults?: unknown };
  const items = page.items.filter((value): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value)).map(item);
  const offset = typeof page.offset === 'number' ? page.offset : 0;
  const totalResults = typeof page.totalResults === 'number' ? page.totalResults : offset + items.length;
  return {
    items,
    count: typeof page.count === 'number' ? page.count : items.length,
    hasMore: typeof page.hasMore === 'boolean' ? page.hasMore : offset + items.length < totalResults,
    offset,
    totalResults,
  };
}

/**
 * A NetSuite answer without its HATEOAS `links` (at every depth): they point at URLs a caller of this
 * server cannot use, and they take up a model's context for nothing.
 */
export function withoutLinks(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutLinks);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(Object.entries(value).filter(([key]) => key !== 'links').map(([key, nested]) => [key, withoutLinks(nested)]));
}
