import type { CallToolResult } from '@modelcontextprotocol/server';

import type { ToolError } from '../errors.js';
import type { ToolDefinition } from './define-tool.js';

/**
 * Where an error result carries its machine-readable error: `result._meta["enterprise-mcp/error"]`.
 * The MCP spec leaves `_meta` open to implementations under a prefix of their own (labels of letters,
 * digits and hyphens, then `/`); prefixes whose second label is `mcp` or `modelcontextprotocol` are
 * reserved for the protocol, so this one-label prefix is free to use. Clients match on this key:
 * keep it stable once they do.
 */
export const TOOL_ERROR_META_KEY = 'enterprise-mcp/error';

/** The error of a failed tool call as clients read it: a stable code, the message, and the details. */
export interface ToolErrorPayload {
  readonly code: string;
  readonly message: string;
  readonly [detail: string]: unknown;
}

/**
 * The result of a failed call. The text content is what the model reads; the code and details ride in
 * `_meta` (TOOL_ERROR_META_KEY), where every client can branch on them (`upstream_rate_limited` with
 * `retryAfterMs`) without parsing prose.
 *
 * `structuredContent` is another matter: a tool with an output schema promises that whatever it puts
 * there conforms to that schema (MCP 2025-11-25 and 2026-07-28 make no exception for `isError`), and
 * validating clients such as the MCP Inspector refuse a result that breaks the promise, hiding the
 * message behind a validation failure. Such tools therefore send no structured content with an error.
 * A tool without an output schema promises no shape, so it also sends the error there
 * (`structuredContent.error`), as clients that only read structured content expect.
 */
export function toolErrorResult(tool: ToolDefinition, error: ToolError): CallToolResult {
  const { code, message } = error;
  // Code and message come first for whoever reads the JSON, and details never override them.
  const payload: ToolErrorPayload = Object.assign({ code, message }, error.details, { code, message });
  return {
    content: [{ type: 'text', text: message }],
    ...(tool.output === undefined && { structuredContent: { error: payload } }),
    _meta: { [TOOL_ERROR_META_KEY]: payload },
    isError: true,
  };
}

/**
 * The result of a call that failed for a reason the client must not see (a bug, an unexpected
 * exception): a generic message naming the request id, which is also in the server's log line.
 */
export function internalErrorResult(requestId: string): CallToolResult {
  const message = `The tool failed unexpectedly. Reference request id ${requestId} when reporting this problem.`;
  const payload: ToolErrorPayload = { code: 'internal_error', message, requestId };
  return { content: [{ type: 'text', text: message }], _meta: { [TOOL_ERROR_META_KEY]: payload }, isError: true };
}
