import { z } from 'zod';

import { defineTool } from '../mcp/define-tool.js';
import { collectionInput, itemIdInput } from '../upstream/rest-api/tool-input.js';

export default defineTool({
  name: 'api_delete_item',
  title: 'Delete an item',
  description: 'Deletes one item from a collection of the REST API by its ID. This cannot be undone; confirm the item with api_get_item first.',
  input: z.object({
    collection: collectionInput,
    id: itemIdInput,
  }),
  output: z.object({
    collection: z.string(),
    id: z.string(),
    deleted: z.literal(true),
  }),
  annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: true },
  // Only callers whose token grants api:delete may delete items (the read tools need no scope). Enforced over
  // HTTP by the token-verifying auth strategies; edit the list to change who may.
  scopes: ['api:delete'],
  async handler({ collection, id }, ctx) {
    await ctx.upstream.rest.delete(collection, id, ctx);
    return { collection, id, deleted: true as const };
  },
});
