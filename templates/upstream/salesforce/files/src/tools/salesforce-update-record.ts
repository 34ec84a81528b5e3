import { z } from 'zod';

import { defineTool } from '../mcp/define-tool.js';
import { fieldValuesInput, recordIdInput, sObjectInput } from '../upstream/salesforce/tool-inputs.js';

export default defineTool({
  name: 'salesforce_update_record',
  title: 'Update a Salesforce record',
  description:
    'Changes fields of an existing Salesforce record; fields not given keep their values. ' +
    'Validation rules, triggers and flows of the org run as for any edit, and their messages come back as errors naming the fields.',
  input: z.object({
    sobject: sObjectInput,
    id: recordIdInput,
    fields: fieldValuesInput,
  }),
  output: z.object({
    sobject: z.string(),
    id: z.string(),
    updated: z.array(z.string()).describe('The fields that were set'),
  }),
  annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: true },
  // Only callers whose token grants salesforce:write may change records (the read tools need no scope). Enforced
  // over HTTP by the token-verifying auth strategies; edit the list to change who may.
  scopes: ['salesforce:write'],
  async handler({ sobject, id, fields }, ctx) {
    await ctx.upstream.sobjects.update({ sobject, id, values: fields }, ctx);
    return { sobject, id, updated: Object.keys(fields) };
  },
});
