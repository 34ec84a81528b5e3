import { z } from 'zod';

import { defineTool } from '../mcp/define-tool.js';

const DEFAULT_LIMIT = 100;

export default defineTool({
  name: 'netsuite_suiteql',
  title: 'Query NetSuite with SuiteQL',
  description:
    'Runs a read-only SuiteQL query (SQL over NetSuite records) and returns one page of rows. Only a single SELECT ' +
    'statement (or WITH ... SELECT) is accepted: INSERT, UPDATE, DELETE, other statements and semicolons are refused ' +
    'with query_not_read_only before anything reaches NetSuite. Tables are record ' +
    'types (customer, contact, vendor, employee, item, account, subsidiary, transaction, transactionline, ' +
    'customrecord_<id>); columns are field IDs. Column names come back lower case; select and list fields hold ' +
    'internal IDs, so use BUILTIN.DF(column) for their display text. Transactions share one table: filter with ' +
    "type = 'SalesOrd', 'CustInvc', 'PurchOrd', 'VendBill', ... Dates: TO_DATE('2024-01-31', 'YYYY-MM-DD'). " +
    "Booleans are 'T' or 'F'. Example: SELECT id, entityid, companyname, BUILTIN.DF(subsidiary) AS subsidiary " +
    "FROM customer WHERE isinactive = 'F' AND LOWER(email) LIKE '%@acme.com' ORDER BY id. " +
    'Page with limit and offset instead of limiting rows in the query; ORDER BY a unique column (such as id) so ' +
    'pages do not overlap, and when hasMore is true call again with the same query and limit and offset = ' +
    'nextOffset. Only rows the integration role may see are returned.',
  input: z.object({
    query: z.string().min(1).max(100_000).describe('One SuiteQL SELECT statement, without a trailing semicolon'),
    limit: z.number().int().min(1).max(1000).default(DEFAULT_LIMIT).describe(`Rows per page, 1 to 1000 (default ${DEFAULT_LIMIT})`),
    offset: z.number().int().min(0).default(0).describe('Rows to skip: 0 for the first page, then nextOffset of the previous page'),
  }),
  output: z.object({
    items: z.array(z.record(z.string(), z.unknown())).describe('The rows of this page'),
    count: z.number().int().describe('Rows on this page'),
    hasMore: z.boolean(),
    offset: z.number().int(),
    totalResults: z.number().int().describe('Rows the whole query returns'),
    nextOffset: z.number().int().optional().describe('Offset of the next page, when hasMore is true'),
  }),
  annotations: { readOnlyHint: true, idempotentHint: true, openWorldHint: true },
  async handler({ query, limit, offset }, ctx) {
    const page = await ctx.upstream.suiteql.query(query, ctx, { limit, offset });
    return { ...page, ...(page.hasMore && { nextOffset: page.offset + page.count }) };
  },
});
