import type { CallToolResult, Tool } from '@modelcontextprotocol/client';
import { AjvJsonSchemaValidator } from '@modelcontextprotocol/client/validators/ajv';

import { TOOL_ERROR_META_KEY, type ToolErrorPayload } from '../../src/mcp/tool-error-result.js';

/** A tool result as the SDK client returns it, or any result shaped like one. */
type ToolResult = Pick<CallToolResult, 'isError' | 'structuredContent' | '_meta'>;

/** The machine-readable error of a failed call, where clients read it; undefined when there is none. */
export function toolErrorOf(result: ToolResult): ToolErrorPayload | undefined {
  return result._meta?.[TOOL_ERROR_META_KEY] as ToolErrorPayload | undefined;
}

// The JSON Schema validator the SDK client itself uses for successful results (Ajv, JSON Schema
// 2020-12 unless a schema names another dialect). The client skips error results, so tests check them.
const validator = new AjvJsonSchemaValidator();

/**
 * Why a validating client (the MCP Inspector, or the SDK client for successful results) would refuse
 * `result` of `tool`, as listed by tools/list: structured content that breaks the advertised output
 * schema, or a successful result without the structured content the schema promises. Undefined when
 * the result keeps the promise, or the tool makes none.
 */
export function outputSchemaViolation(tool: Tool, result: ToolResult): string | undefined {
  if (tool.outputSchema === undefined) return undefined;
  if (result.structuredContent === undefined) {
    return result.isError === true ? undefined : `${tool.name} has an output schema but returned no structured content`;
  }
  const check = validator.getValidator(tool.outputSchema)(result.structuredContent);
  return check.valid ? undefined : `${tool.name}: ${check.errorMessage ?? 'structured content does not match the output schema'}`;
}
