import { z } from 'zod';

import { defineTool } from '../mcp/define-tool.js';
import { recordIdInput, sObjectInput } from '../upstream/salesforce/tool-inputs.js';

export default defineTool({
  name: 'salesforce_delete_record',
  title: 'Delete a Salesforce record',
  description:
    'Deletes a Salesforce record by its ID. It goes to the recycle bin, where an administrator can restore it for a limited time; ' +
    'related records may be deleted with it (e.g. an Account takes its Contacts and Opportunities). Confirm the record first with salesforce_get_record.',
  input: z.object({
    sobject: sObjectInput,
    id: recordIdInput,
  }),
  output: z.object({
    sobject: z.string(),
    id: z.string(),
    deleted: z.literal(true),
  }),
  annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: true },
  // Only callers whose token grants salesforce:delete may delete records (the read tools need no scope).
  // Enforced over HTTP by the token-verifying auth strategies; edit the list to change who may.
  scopes: ['salesforce:delete'],
  async handler({ sobject, id }, ctx) {
    await ctx.upstream.sobjects.delete({ sobject, id }, ctx);
    return { sobject, id, deleted: true as const };
  },
});
