import { missingAccess } from '../../src/auth/access.js';
import type { Identity } from '../../src/auth/types.js';
import type { ToolDefinition } from '../../src/mcp/define-tool.js';
import { tools } from '../../src/tools/index.js';

/** What a tool asks of its caller and tells clients about its effects: one row of a tool's access table. */
export interface ToolAccess {
  /** Scopes the caller's token must grant, every one of them. */
  scopes: readonly string[];
  /** Roles of which the caller needs one (none: no role needed). */
  roles: readonly string[];
  readOnly: boolean | undefined;
  destructive: boolean | undefined;
  idempotent: boolean | undefined;
}

/** The access row of each named tool as the project registers it (src/tools/index.ts). */
export function accessOf(names: readonly string[]): Record<string, ToolAccess> {
  return Object.fromEntries(names.map((name) => [name, rowOf(registered(name))]));
}

/**
 * Scopes a caller holding `scopes` (and no role) still lacks to use the tool: what the server's one
 * access rule (src/auth/access.ts) decides for tools/list and tools/call.
 */
export function scopesLacking(name: string, scopes: readonly string[]): readonly string[] {
  const caller: Identity = { subject: 'caller', scopes, roles: [] };
  return missingAccess(caller, registered(name))?.scopes ?? [];
}

function registered(name: string): ToolDefinition {
  const tool = tools.find((candidate) => candidate.name === name);
  if (tool === undefined) throw new Error(`No tool ${name} in src/tools/index.ts`);
  return tool;
}

function rowOf(tool: ToolDefinition): ToolAccess {
  return {
    scopes: tool.scopes ?? [],
    roles: tool.roles ?? [],
    readOnly: tool.annotations?.readOnlyHint,
    destructive: tool.annotations?.destructiveHint,
    idempotent: tool.annotations?.idempotentHint,
  };
}
