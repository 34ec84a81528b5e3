import { describe, expect, it } from 'vitest';

import { accessOf, scopesLacking, type ToolAccess } from '../helpers/tool-access.js';

/**
 * What each NetSuite tool asks of its caller and tells clients about its effects. Reads are open to every
 * authenticated caller (the NetSuite role of the integration bounds what they see); creating and changing
 * records needs netsuite:write, deleting them netsuite:delete. Change a tool's `scopes` and this table together.
 */
const NETSUITE_TOOLS: Record<string, ToolAccess> = {
  netsuite_get_record: { scopes: [], roles: [], readOnly: true, destructive: undefined, idempotent: true },
  netsuite_suiteql: { scopes: [], roles: [], readOnly: true, destructive: undefined, idempotent: true },
  netsuite_create_record: { scopes: ['netsuite:write'], roles: [], readOnly: false, destructive: false, idempotent: false },
  netsuite_update_record: { scopes: ['netsuite:write'], roles: [], readOnly: false, destructive: true, idempotent: false },
  netsuite_delete_record: { scopes: ['netsuite:delete'], roles: [], readOnly: false, destructive: true, idempotent: true },
};

describe('what the NetSuite tools require of their callers', () => {
  it('is this table: scopes for writing and deleting, none for reading, and truthful hints', () => {
    expect(accessOf(Object.keys(NETSUITE_TOOLS))).toEqual(NETSUITE_TOOLS);
  });

  it.each(Object.entries(NETSUITE_TOOLS))('%s: a caller holding no scope lacks exactly these, one holding them lacks nothing', (name, { scopes }) => {
    expect(scopesLacking(name, [])).toEqual(scopes);
    expect(scopesLacking(name, scopes)).toEqual([]);
  });

  it('keeps deleting apart from writing: netsuite:write alone does not allow netsuite_delete_record', () => {
    expect(scopesLacking('netsuite_delete_record', ['netsuite:write'])).toEqual(['netsuite:delete']);
  });
});
