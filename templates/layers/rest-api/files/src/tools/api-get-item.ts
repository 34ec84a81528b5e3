import { z } from 'zod';

import { defineTool } from '../mcp/define-tool.js';
import { collectionInput, itemIdInput } from '../upstream/rest-api/tool-input.js';

export default defineTool({
  name: 'api_get_item',
  title: 'Get an item',
  description:
    'Reads one item of a collection in the REST API by its ID and returns it as JSON. ' +
    'Use api_list_items first when the ID is not known.',
  input: z.object({
    collection: collectionInput,
    id: itemIdInput,
  }),
  output: z.object({
    collection: z.string(),
    id: z.string(),
    item: z.unknown().describe('The item as the API returned it'),
  }),
  annotations: { readOnlyHint: true, idempotentHint: true, openWorldHint: true },
  async handler({ collection, id }, ctx) {
    const item = await ctx.upstream.rest.get(collection, id, ctx);
    return { collection, id, item };
  },
});
