import { z } from 'zod';

import { defineTool } from '../mcp/define-tool.js';
import { FIELD_NAME } from '../upstream/salesforce/names.js';
import { fieldValuesInput, sObjectInput } from '../upstream/salesforce/tool-inputs.js';

export default defineTool({
  name: 'salesforce_create_record',
  title: 'Create a Salesforce record',
  description:
    'Creates a Salesforce record (Account, Contact, Lead, Opportunity, Case, custom objects...) and returns its ID. ' +
    'Give every required field (salesforce_describe lists them with required: true). ' +
    'To make the call safe to repeat, give external_id: the record with that external ID value is created, or updated ' +
    'if it already exists, so a retry never creates a duplicate.',
  input: z.object({
    sobject: sObjectInput,
    fields: fieldValuesInput,
    external_id: z
      .object({
        field: z.string().regex(FIELD_NAME, 'expected a field API name, e.g. External_Id__c').describe('API name of a field marked "External ID", e.g. External_Id__c'),
        value: z.string().min(1).max(255).describe('The value that identifies this record in the other system'),
      })
      .optional()
      .describe('Creates or updates by this external ID (upsert) instead of always creating a new record'),
  }),
  output: z.object({
    sobject: z.string(),
    id: z.string().describe('ID of the record'),
    created: z.boolean().describe('False when external_id matched an existing record, which was updated instead'),
  }),
  // external_id plays the part of an idempotency key: it names the record this call creates, so a
  // repeated call finds that record again instead of creating another. Nothing is removed or replaced
  // beyond the fields given, hence not destructive.
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true },
  // Only callers whose token grants salesforce:write may create (or upsert) records (the read tools need no
  // scope). Enforced over HTTP by the token-verifying auth strategies; edit the list to change who may.
  scopes: ['salesforce:write'],
  async handler({ sobject, fields, external_id: externalId }, ctx) {
    if (externalId === undefined) {
      const { id } = await ctx.upstream.sobjects.create({ sobject, values: fields }, ctx);
      return { sobject, id, created: true };
    }
    const { id, created } = await ctx.upstream.sobjects.upsert({ sobject, field: externalId.field, value: externalId.value, values: fields }, ctx);
    return { sobject, id, created };
  },
});
