import { z } from 'zod';

import { ToolError } from '../errors.js';
import { defineTool } from '../mcp/define-tool.js';

export default defineTool({
  name: 'salesforce_soql',
  title: 'Query Salesforce (SOQL)',
  description:
    'Runs a read-only SOQL query against Salesforce and returns one page of records. Only a plain SELECT query is accepted: ' +
    'anything else, a semicolon, FOR UPDATE, FOR VIEW, FOR REFERENCE and UPDATE TRACKING/VIEWSTAT are refused with ' +
    'query_not_read_only before anything reaches Salesforce. Example: ' +
    "SELECT Id, Name, Industry FROM Account WHERE Industry = 'Banking' ORDER BY Name LIMIT 50. " +
    'SOQL tips: there is no SELECT * (list the fields, or use FIELDS(STANDARD); FIELDS(ALL) needs LIMIT 200 or less); ' +
    "text values go in single quotes; dates and date literals are unquoted (CreatedDate = LAST_N_DAYS:30, CloseDate > 2025-01-31); " +
    'parent fields use dots (SELECT Name, Account.Name FROM Contact); child records use a subquery on the relationship name ' +
    "(SELECT Name, (SELECT LastName FROM Contacts) FROM Account); LIKE 'Acme%' matches prefixes; COUNT() counts. " +
    'Use salesforce_describe for object and field names. Always add a LIMIT unless you need every record. ' +
    'Pages hold up to 2,000 records: when done is false, call this tool again with cursor set to nextCursor (and no query) for the next page.',
  input: z.object({
    query: z.string().min(1).max(100_000).optional().describe('The SOQL SELECT query, without a semicolon. Leave it out when passing cursor.'),
    cursor: z.string().min(1).max(500).optional().describe('nextCursor of the previous page, to fetch the page after it'),
  }),
  output: z.object({
    totalSize: z.number().int().describe('Records the query matched in total, across all pages'),
    done: z.boolean().describe('True when this is the last page'),
    records: z.array(z.record(z.string(), z.unknown())),
    nextCursor: z.string().optional().describe('Pass as cursor for the next page; absent on the last page'),
  }),
  annotations: { readOnlyHint: true, idempotentHint: true, openWorldHint: true },
  async handler({ query, cursor }, ctx) {
    if ((query === undefined) === (cursor === undefined)) {
      throw new ToolError('invalid_argument', 'Give either query (a new query) or cursor (the next page of a previous one), not both or neither');
    }
    const page = cursor !== undefined ? await ctx.upstream.soql.next(cursor, ctx) : await ctx.upstream.soql.query(query ?? '', ctx);
    return { ...page };
  },
});
