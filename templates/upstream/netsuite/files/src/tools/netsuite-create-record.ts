import { z } from 'zod';

import { defineTool } from '../mcp/define-tool.js';
import { recordTypeInput, recordValuesInput } from '../upstream/netsuite/tool-inputs.js';

export default defineTool({
  name: 'netsuite_create_record',
  title: 'Create a NetSuite record',
  description:
    'Creates one NetSuite record and returns its internal ID. Give at least the fields the record type requires ' +
    '(a customer needs companyName, or firstName and lastName with isPerson true, and subsidiary in OneWorld ' +
    'accounts); NetSuite names any missing or invalid field in the error. Setting "externalId" lets you find the ' +
    'record again later as "eid:<externalId>". The request is sent once and not retried: if it fails with ' +
    'upstream_unavailable the record may still have been created, so check with netsuite_suiteql (e.g. by ' +
    'externalId) before trying again.',
  input: z.object({
    record_type: recordTypeInput,
    values: recordValuesInput,
  }),
  output: z.object({
    recordType: z.string(),
    id: z.string().describe('Internal ID of the new record'),
  }),
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true },
  // Only callers whose token grants netsuite:write may create records (the read tools need no scope). Enforced
  // over HTTP by the token-verifying auth strategies; edit the list to change who may.
  scopes: ['netsuite:write'],
  async handler({ record_type, values }, ctx) {
    const { id } = await ctx.upstream.records.create(record_type, values, ctx);
    return { recordType: record_type, id };
  },
});
