import { z } from 'zod';

import { defineTool } from '../mcp/define-tool.js';
import { recordIdInput, recordTypeInput, recordValuesInput } from '../upstream/netsuite/tool-inputs.js';

export default defineTool({
  name: 'netsuite_update_record',
  title: 'Update a NetSuite record',
  description:
    'Changes fields of one existing NetSuite record; fields you leave out keep their values. Sublist lines you ' +
    'send are added to or matched with the existing lines, not a replacement of the list. Read the record with ' +
    'netsuite_get_record first when the change depends on current values. Overwritten values cannot be restored.',
  input: z.object({
    record_type: recordTypeInput,
    id: recordIdInput,
    values: recordValuesInput,
  }),
  output: z.object({
    recordType: z.string(),
    id: z.string(),
    updatedFields: z.array(z.string()).describe('Field IDs that were sent'),
  }),
  annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: false, openWorldHint: true },
  // Only callers whose token grants netsuite:write may change records (the read tools need no scope). Enforced
  // over HTTP by the token-verifying auth strategies; edit the list to change who may.
  scopes: ['netsuite:write'],
  async handler({ record_type, id, values }, ctx) {
    await ctx.upstream.records.update(record_type, id, values, ctx);
    return { recordType: record_type, id, updatedFields: Object.keys(values) };
  },
});
