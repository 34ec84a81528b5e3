import { z } from 'zod';

import { defineTool } from '../mcp/define-tool.js';
import { recordIdInput, recordTypeInput } from '../upstream/netsuite/tool-inputs.js';

export default defineTool({
  name: 'netsuite_delete_record',
  title: 'Delete a NetSuite record',
  description:
    'Deletes one NetSuite record permanently. NetSuite refuses when other records still depend on it (e.g. a ' +
    'customer with transactions); the error says so. Confirm the record type and ID with the user before calling.',
  input: z.object({
    record_type: recordTypeInput,
    id: recordIdInput,
  }),
  output: z.object({
    recordType: z.string(),
    id: z.string(),
    deleted: z.literal(true),
  }),
  annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: true },
  // Only callers whose token grants netsuite:delete may delete records (the read tools need no scope). Enforced
  // over HTTP by the token-verifying auth strategies; edit the list to change who may.
  scopes: ['netsuite:delete'],
  async handler({ record_type, id }, ctx) {
    await ctx.upstream.records.delete(record_type, id, ctx);
    return { recordType: record_type, id, deleted: true as const };
  },
});
