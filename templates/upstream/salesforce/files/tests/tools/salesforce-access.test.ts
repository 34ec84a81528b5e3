import { describe, expect, it } from 'vitest';

import { accessOf, scopesLacking, type ToolAccess } from '../helpers/tool-access.js';

/**
 * What each Salesforce tool asks of its caller and tells clients about its effects. Reads are open to every
 * authenticated caller (the integration user's permissions bound what they see); creating and changing
 * records needs salesforce:write, deleting them salesforce:delete. Change a tool's `scopes` and this table together.
 */
const SALESFORCE_TOOLS: Record<string, ToolAccess> = {
  salesforce_get_record: { scopes: [], roles: [], readOnly: true, destructive: undefined, idempotent: true },
  salesforce_soql: { scopes: [], roles: [], readOnly: true, destructive: undefined, idempotent: true },
  salesforce_describe: { scopes: [], roles: [], readOnly: true, destructive: undefined, idempotent: true },
  salesforce_create_record: { scopes: ['salesforce:write'], roles: [], readOnly: false, destructive: false, idempotent: false },
  salesforce_update_record: { scopes: ['salesforce:write'], roles: [], readOnly: false, destructive: true, idempotent: true },
  salesforce_delete_record: { scopes: ['salesforce:delete'], roles: [], readOnly: false, destructive: true, idempotent: true },
};

describe('what the Salesforce tools require of their callers', () => {
  it('is this table: scopes for writing and deleting, none for reading, and truthful hints', () => {
    expect(accessOf(Object.keys(SALESFORCE_TOOLS))).toEqual(SALESFORCE_TOOLS);
  });

  it.each(Object.entries(SALESFORCE_TOOLS))('%s: a caller holding no scope lacks exactly these, one holding them lacks nothing', (name, { scopes }) => {
    expect(scopesLacking(name, [])).toEqual(scopes);
    expect(scopesLacking(name, scopes)).toEqual([]);
  });

  it('keeps deleting apart from writing: salesforce:write alone does not allow salesforce_delete_record', () => {
    expect(scopesLacking('salesforce_delete_record', ['salesforce:write'])).toEqual(['salesforce:delete']);
  });
});
