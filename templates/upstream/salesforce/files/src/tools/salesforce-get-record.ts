import { z } from 'zod';

import { defineTool } from '../mcp/define-tool.js';
import { fieldListInput, recordIdInput, sObjectInput } from '../upstream/salesforce/tool-inputs.js';

export default defineTool({
  name: 'salesforce_get_record',
  title: 'Get a Salesforce record',
  description:
    'Reads one Salesforce record by its ID, e.g. an Account, Contact, Opportunity or Case. Name the fields you need: ' +
    'records can have hundreds of fields. To find records by other criteria (name, email, dates), use salesforce_soql; ' +
    'to learn which fields an object has, use salesforce_describe.',
  input: z.object({
    sobject: sObjectInput,
    id: recordIdInput,
    fields: fieldListInput.optional(),
  }),
  output: z.object({
    sobject: z.string(),
    id: z.string(),
    record: z.record(z.string(), z.unknown()).describe('Field API names to values'),
  }),
  annotations: { readOnlyHint: true, idempotentHint: true, openWorldHint: true },
  async handler({ sobject, id, fields }, ctx) {
    const record = await ctx.upstream.sobjects.get({ sobject, id, ...(fields !== undefined && { fields }) }, ctx);
    return { sobject, id, record };
  },
});
