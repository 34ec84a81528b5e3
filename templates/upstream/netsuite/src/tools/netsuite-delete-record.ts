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
  async handler({ record_type, id }, ctx) {
    await ctx.upstream.records.delete(record_type, id, ctx);
    return { recordType: record_type, id, deleted: true as const };
  },
});
