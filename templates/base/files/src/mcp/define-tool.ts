import type { CallToolResult, ToolAnnotations } from '@modelcontextprotocol/server';
import type { z } from 'zod';

import type { RequestContext } from './context.js';

/** What a tool handler may use besides its input: the request context plus progress reporting. */
export interface ToolContext extends RequestContext {
  /**
   * Sends a progress notification. `progress` must increase with every call. Does nothing when the
   * client did not ask for progress, so tools can call it unconditionally.
   */
  reportProgress(progress: number, total?: number, message?: string): Promise<void>;
}

type ObjectSchema = z.ZodObject;

/** With an output schema the handler returns that object (sent as structuredContent plus a JSON text copy). */
export type ToolOutput<O extends ObjectSchema | undefined> = O extends ObjectSchema
  ? z.output<O>
  : string | CallToolResult['content'];

export interface ToolSpec<I extends ObjectSchema, O extends ObjectSchema | undefined> {
  /** MCP tool name: snake_case, unique within the server. */
  name: string;
  /** Human-friendly display name for clients. */
  title?: string;
  /** What the tool does and when to use it. This is all the model reads: be specific. */
  description: string;
  input: I;
  output?: O;
  /** Behaviour hints for clients (read-only, destructive, idempotent, open-world). */
  annotations?: ToolAnnotations;
  /** OAuth scopes a caller needs. Recorded now, enforced by authenticating strategies. */
  scopes?: readonly string[];
  /** Roles a caller needs (any of). Recorded now, enforced by authenticating strategies. */
  roles?: readonly string[];
  handler(input: z.output<I>, ctx: ToolContext): Promise<ToolOutput<O>>;
}

const TOOL_BRAND: unique symbol = Symbol.for('enterprise-mcp.tool-definition');

export type ToolDefinition<I extends ObjectSchema = ObjectSchema, O extends ObjectSchema | undefined = ObjectSchema | undefined> = Readonly<
  ToolSpec<I, O>
> & { readonly [TOOL_BRAND]: true };

const TOOL_NAME = /^[a-z][a-z0-9]*(_[a-z0-9]+)*$/;

/**
 * Declares a tool. Each file in src/tools/ default-exports one `defineTool(...)`; the registry
 * (src/tools/index.ts) is generated from those files.
 */
export function defineTool<I extends ObjectSchema, O extends ObjectSchema | undefined = undefined>(spec: ToolSpec<I, O>): ToolDefinition<I, O> {
  if (!TOOL_NAME.test(spec.name)) throw new Error(`Tool name "${spec.name}" must be snake_case (e.g. "list_invoices")`);
  if (spec.description.trim() === '') throw new Error(`Tool "${spec.name}" needs a description`);
  return Object.freeze({ ...spec, [TOOL_BRAND]: true as const });
}

/** True for values produced by defineTool (checked by the registry sync script). */
export function isToolDefinition(value: unknown): value is ToolDefinition {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[TOOL_BRAND] === true;
}
