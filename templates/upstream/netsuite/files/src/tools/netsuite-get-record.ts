import { z } from 'zod';

import { defineTool } from '../mcp/define-tool.js';
import { fieldIdInput, recordIdInput, recordTypeInput } from '../upstream/netsuite/tool-inputs.js';

export default defineTool({
  name: 'netsuite_get_record',
  title: 'Get a NetSuite record',
  description:
    'Reads one NetSuite record by record type and ID. Returns its body fields keyed by field ID; select fields ' +
    'come back as references ({"id", "refName"}). Ask for just the fields you need with `fields`; sublists and ' +
    'subrecords are left out unless `expand_sub_resources` is true. To find records by name, date or any other ' +
    'criteria, query with netsuite_suiteql first, then read the full record here.',
  input: z.object({
    record_type: recordTypeInput,
    id: recordIdInput,
    fields: z.array(fieldIdInput).min(1).max(200).optional().describe('Only these field IDs (e.g. ["companyName", "email", "balance"]); all body fields when omitted'),
    expand_sub_resources: z.boolean().optional().describe('Include sublists (e.g. addressBook, item lines) and subrecords in full; larger answers'),
  }),
  output: z.object({
    recordType: z.string(),
    id: z.string(),
    record: z.record(z.string(), z.unknown()).describe('The record as NetSuite returns it, without navigation links'),
  }),
  annotations: { readOnlyHint: true, idempotentHint: true, openWorldHint: true },
  async handler({ record_type, id, fields, expand_sub_resources }, ctx) {
    const record = await ctx.upstream.records.get(record_type, id, ctx, {
      ...(fields !== undefined && { fields }),
      ...(expand_sub_resources !== undefined && { expandSubResources: expand_sub_resources }),
    });
    return { recordType: record_type, id, record };
  },
});
