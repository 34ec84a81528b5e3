import { pathOf } from '../http/safe-path.js';
import type { UpstreamCallContext, UpstreamClient } from '../http/upstream-client.js';
import { collectionPage, withoutLinks, type CollectionPage } from './collection-page.js';
import { checkPage, type PageRequest } from './paging.js';
import { assertReadOnlySuiteQl } from './suiteql-read-only.js';

/** One result row, keyed by the column names NetSuite returns (lower case). */
export type SuiteQlRow = Record<string, unknown>;

export type SuiteQlPage = CollectionPage<SuiteQlRow>;

/** SuiteQL over REST (/services/rest/query/v1/suiteql): read-only SQL over NetSuite's analytics data source. */
export interface NetSuiteSuiteQl {
  /** Runs one SELECT statement; anything else is refused (query_not_read_only) before it is sent. */
  query(q: string, context: UpstreamCallContext, page?: PageRequest): Promise<SuiteQlPage>;
}

/**
 * A query only reads, so a failed one is sent again like a GET. `Prefer: transient` is what NetSuite
 * requires on this endpoint: the results are not kept as a resource.
 */
export function netSuiteSuiteQl(client: UpstreamClient): NetSuiteSuiteQl {
  return {
    async query(q, context, page = {}) {
      assertReadOnlySuiteQl(q);
      const { limit, offset } = checkPage(page);
      const response = await client.request(
        {
          method: 'POST',
          path: pathOf('query', 'v1', 'suiteql'),
          query: { limit, offset },
          body: { q },
          headers: { prefer: 'transient' },
          idempotent: true,
        },
        context,
      );
      return collectionPage(response.body, (row) => withoutLinks(row) as SuiteQlRow);
    },
  };
}
