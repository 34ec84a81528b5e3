import { describe, expect, it } from 'vitest';

import { accessOf, scopesLacking, type ToolAccess } from '../helpers/tool-access.js';

/**
 * What each api_* tool asks of its caller and tells clients about its effects. Reads are open to every
 * authenticated caller (the REST API decides what this server's credentials may see); creating and changing
 * items needs api:write, deleting them api:delete. Change a tool's `scopes` and this table together.
 */
const API_TOOLS: Record<string, ToolAccess> = {
  api_get_item: { scopes: [], roles: [], readOnly: true, destructive: undefined, idempotent: true },
  api_list_items: { scopes: [], roles: [], readOnly: true, destructive: undefined, idempotent: true },
  api_create_item: { scopes: ['api:write'], roles: [], readOnly: false, destructive: false, idempotent: false },
  api_update_item: { scopes: ['api:write'], roles: [], readOnly: false, destructive: true, idempotent: false },
  api_delete_item: { scopes: ['api:delete'], roles: [], readOnly: false, destructive: true, idempotent: true },
};

describe('what the REST API tools require of their callers', () => {
  it('is this table: scopes for writing and deleting, none for reading, and truthful hints', () => {
    expect(accessOf(Object.keys(API_TOOLS))).toEqual(API_TOOLS);
  });

  it.each(Object.entries(API_TOOLS))('%s: a caller holding no scope lacks exactly these, one holding them lacks nothing', (name, { scopes }) => {
    expect(scopesLacking(name, [])).toEqual(scopes);
    expect(scopesLacking(name, scopes)).toEqual([]);
  });

  it('keeps deleting apart from writing: api:write alone does not allow api_delete_item', () => {
    expect(scopesLacking('api_delete_item', ['api:write'])).toEqual(['api:delete']);
  });
});
