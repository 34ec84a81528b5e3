import { z } from 'zod';

import { defineTool } from '../mcp/define-tool.js';
import { sObjectInput } from '../upstream/salesforce/tool-inputs.js';

const summary = {
  name: z.string(),
  label: z.string(),
  custom: z.boolean(),
  queryable: z.boolean(),
  createable: z.boolean(),
  updateable: z.boolean(),
  deletable: z.boolean(),
};

const field = z.object({
  name: z.string(),
  label: z.string(),
  type: z.string(),
  required: z.boolean().describe('A new record must set it'),
  createable: z.boolean(),
  updateable: z.boolean(),
  externalId: z.boolean(),
  unique: z.boolean(),
  length: z.number().optional(),
  referenceTo: z.array(z.string()).optional(),
  relationshipName: z.string().optional(),
  picklistValues: z.array(z.string()).optional(),
});

export default defineTool({
  name: 'salesforce_describe',
  title: 'Describe Salesforce objects',
  description:
    'Shows what the Salesforce org holds. Without sobject: lists the objects; orgs have hundreds, so pass filter to narrow them by name or label. ' +
    'With sobject: that object\'s fields (API name, type, whether a new record requires it, picklist values, ' +
    'the objects a lookup points to and its relationship name for SOQL) and its child relationships for subqueries. ' +
    'Use it before writing SOQL or creating records, to get names exactly right.',
  input: z.object({
    sobject: sObjectInput.optional().describe('sObject API name to describe, e.g. Account or Invoice__c; leave it out to list the objects'),
    filter: z.string().min(1).max(100).optional().describe('Without sobject: only objects whose name or label contains this text, e.g. invoice'),
  }),
  output: z.object({
    objects: z.array(z.object(summary)).optional().describe('The objects, when no sobject was given'),
    object: z
      .object({
        ...summary,
        labelPlural: z.string(),
        keyPrefix: z.string().optional(),
        fields: z.array(field),
        childRelationships: z.array(z.object({ relationshipName: z.string(), childSObject: z.string(), field: z.string() })),
      })
      .optional()
      .describe('The object, when sobject was given'),
  }),
  annotations: { readOnlyHint: true, idempotentHint: true, openWorldHint: true },
  async handler({ sobject, filter }, ctx) {
    if (sobject !== undefined) return { object: await ctx.upstream.describe.sobject(sobject, ctx) };
    const needle = filter?.toLowerCase();
    const objects = await ctx.upstream.describe.sobjects(ctx);
    return {
      objects:
        needle === undefined
          ? objects
          : objects.filter((object) => object.name.toLowerCase().includes(needle) || object.label.toLowerCase().includes(needle)),
    };
  },
});
