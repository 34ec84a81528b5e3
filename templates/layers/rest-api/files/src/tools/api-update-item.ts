import { z } from 'zod';

import { defineTool } from '../mcp/define-tool.js';
import { collectionInput, itemFieldsInput, itemIdInput } from '../upstream/rest-api/tool-input.js';

export default defineTool({
  name: 'api_update_item',
  title: 'Update an item',
  description:
    'Changes fields of one item in a collection of the REST API (HTTP PATCH): fields given are set, fields left out keep their value. ' +
    'Returns the updated item when the API sends it back. Read the item with api_get_item first to change only what is meant to change.',
  input: z.object({
    collection: collectionInput,
    id: itemIdInput,
    changes: itemFieldsInput.describe('The fields to change and their new values, as a JSON object, e.g. {"status": "shipped"}'),
  }),
  output: z.object({
    collection: z.string(),
    id: z.string(),
    item: z.unknown().optional().describe('The item after the change, when the API returned it'),
  }),
  annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: false, openWorldHint: true },
  // Only callers whose token grants api:write may change items (the read tools need no scope). Enforced over
  // HTTP by the token-verifying auth strategies; edit the list to change who may.
  scopes: ['api:write'],
  async handler({ collection, id, changes }, ctx) {
    const item = await ctx.upstream.rest.update(collection, id, changes, ctx);
    return { collection, id, ...(item !== undefined && { item }) };
  },
});
