import { z } from 'zod';

import { defineTool } from '../mcp/define-tool.js';
import { collectionInput, idempotencyKeyInput, itemFieldsInput } from '../upstream/rest-api/tool-input.js';

export default defineTool({
  name: 'api_create_item',
  title: 'Create an item',
  description:
    'Creates an item in a collection of the REST API from the given fields and returns the item as the API stored it ' +
    '(with its new ID). Pass an idempotency_key to make retrying a failed or timed-out call safe.',
  input: z.object({
    collection: collectionInput,
    fields: itemFieldsInput.describe('Fields of the new item, as a JSON object, e.g. {"customer": "c-42", "total": 99.5}'),
    idempotency_key: idempotencyKeyInput.optional(),
  }),
  output: z.object({
    collection: z.string(),
    item: z.unknown().describe('The created item as the API returned it'),
    location: z.string().optional().describe('URL of the new item, when the API gives one'),
  }),
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true },
  // Only callers whose token grants api:write may create items (the read tools need no scope). Enforced over
  // HTTP by the token-verifying auth strategies; edit the list to change who may.
  scopes: ['api:write'],
  async handler({ collection, fields, idempotency_key: idempotencyKey }, ctx) {
    const created = await ctx.upstream.rest.create(collection, fields, idempotencyKey === undefined ? {} : { idempotencyKey }, ctx);
    return { collection, item: created.item, ...(created.location !== undefined && { location: created.location }) };
  },
});
