import { ToolError } from '../../errors.js';
import { UpstreamUnknownError } from '../http/errors.js';
import { pathOf } from '../http/safe-path.js';
import type { UpstreamCallContext, UpstreamClient } from '../http/upstream-client.js';
import { SALESFORCE } from './errors.js';
import { recordsOf, type SalesforceRecord } from './records.js';
import { assertReadOnlySoql } from './soql-read-only.js';

/** One page of query results. */
export interface QueryPage {
  /** How many records the whole query matched (every page together). */
  readonly totalSize: number;
  /** True on the last page. */
  readonly done: boolean;
  readonly records: SalesforceRecord[];
  /** Pass it to `next` for the following page; absent on the last page. */
  readonly nextCursor?: string;
}

export interface SoqlQueries {
  /**
   * Runs a SOQL query; Salesforce returns up to 2,000 records per page. Anything but a plain SELECT is
   * refused (query_not_read_only) before it is sent.
   */
  query(soql: string, context: UpstreamCallContext): Promise<QueryPage>;
  /** The page after the one whose `nextCursor` this is. */
  next(cursor: string, context: UpstreamCallContext): Promise<QueryPage>;
}

/**
 * A cursor is Salesforce's `nextRecordsUrl` as it was returned: `/services/data/v66.0/query/01g...-2000`.
 * Clients hand it back, so it is input like any other: only a query locator of this API version is
 * accepted, and the request is rebuilt from the locator alone.
 */
function locatorOf(cursor: string, apiVersion: string): string {
  const prefix = `/services/data/v${apiVersion}/query/`;
  const locator = cursor.startsWith(prefix) ? cursor.slice(prefix.length) : '';
  if (!/^[A-Za-z0-9]+-\d+$/.test(locator)) {
    throw new ToolError('invalid_argument', 'The cursor is not one this server returned; pass nextCursor exactly as received, or run the query again');
  }
  return locator;
}

function pageOf(body: unknown): QueryPage {
  if (typeof body !== 'object' || body === null || !('records' in body)) {
    throw new UpstreamUnknownError(`${SALESFORCE} answered the query without records`, { upstream: SALESFORCE });
  }
  const { totalSize, done, records, nextRecordsUrl } = body as { totalSize?: unknown; done?: unknown; records: unknown; nextRecordsUrl?: unknown };
  const page = recordsOf(records);
  const more = done === false && typeof nextRecordsUrl === 'string';
  return {
    totalSize: typeof totalSize === 'number' ? totalSize : page.length,
    done: !more,
    records: page,
    ...(more && { nextCursor: nextRecordsUrl }),
  };
}

export function soqlQueries(client: UpstreamClient, apiVersion: string): SoqlQueries {
  return {
    async query(soql, context) {
      assertReadOnlySoql(soql);
      const { body } = await client.request({ method: 'GET', path: pathOf('query'), query: { q: soql } }, context);
      return pageOf(body);
    },
    async next(cursor, context) {
      const { body } = await client.request({ method: 'GET', path: pathOf('query', locatorOf(cursor, apiVersion)) }, context);
      return pageOf(body);
    },
  };
}
