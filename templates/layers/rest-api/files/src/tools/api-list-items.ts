import { z } from 'zod';

import { defineTool } from '../mcp/define-tool.js';
import { collectionInput, filtersInput } from '../upstream/rest-api/tool-input.js';

export default defineTool({
  name: 'api_list_items',
  title: 'List items',
  description:
    'Lists items of a collection in the REST API, one page at a time, optionally filtered by field values. ' +
    'Returns the items as JSON, the total when the API reports it, and nextOffset when more items follow: ' +
    'call again with offset set to nextOffset for the next page.',
  input: z.object({
    collection: collectionInput,
    limit: z.number().int().min(1).max(100).default(20).describe('Items per page (1 to 100)'),
    offset: z.number().int().min(0).default(0).describe('How many items to skip: 0 for the first page, then nextOffset'),
    filters: filtersInput.optional(),
  }),
  output: z.object({
    collection: z.string(),
    items: z.array(z.unknown()),
    offset: z.number().int(),
    total: z.number().int().optional().describe('Items matching the filters in the whole collection, when the API reports it'),
    nextOffset: z.number().int().optional().describe('Offset of the next page; absent on the last page'),
  }),
  annotations: { readOnlyHint: true, idempotentHint: true, openWorldHint: true },
  async handler({ collection, limit, offset, filters }, ctx) {
    const page = await ctx.upstream.rest.list(collection, { limit, offset, ...(filters !== undefined && { filters }) }, ctx);
    return {
      collection,
      items: page.items,
      offset,
      ...(page.total !== undefined && { total: page.total }),
      ...(page.nextOffset !== undefined && { nextOffset: page.nextOffset }),
    };
  },
});
