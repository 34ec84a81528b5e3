import { describe, expect, it } from 'vitest';

import { accessOf, scopesLacking, type ToolAccess } from '../helpers/tool-access.js';

/**
 * What each example tool asks of its caller and tells clients about its effects: they only read or
 * compute, so any caller the auth strategy lets in may use them. Change a tool's `scopes` and this
 * table together.
 */
const EXAMPLE_TOOLS: Record<string, ToolAccess> = {
  echo: { scopes: [], roles: [], readOnly: true, destructive: undefined, idempotent: true },
  long_task: { scopes: [], roles: [], readOnly: true, destructive: undefined, idempotent: true },
  server_info: { scopes: [], roles: [], readOnly: true, destructive: undefined, idempotent: true },
  whoami: { scopes: [], roles: [], readOnly: true, destructive: undefined, idempotent: true },
};

describe('what the example tools require of their callers', () => {
  it('is this table: no scope or role, and read-only hints', () => {
    expect(accessOf(Object.keys(EXAMPLE_TOOLS))).toEqual(EXAMPLE_TOOLS);
  });

  it.each(Object.keys(EXAMPLE_TOOLS))('%s is open to a caller holding no scope', (name) => {
    expect(scopesLacking(name, [])).toEqual([]);
  });
});
