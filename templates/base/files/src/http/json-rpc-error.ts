import type { Response } from 'express';

/** JSON-RPC error codes used outside the MCP handler (see the JSON-RPC 2.0 specification). */
export const JsonRpcErrorCode = {
  ParseError: -32700,
  InvalidRequest: -32600,
  InternalError: -32603,
  /** Implementation-defined server error: used for transport-level refusals (403, 413, 503). */
  ServerError: -32000,
} as const;

/**
 * Answers with a JSON-RPC error envelope. MCP clients parse error bodies as JSON-RPC, so refusals made
 * before the MCP handler runs use the same shape and stay readable to them.
 */
export function sendJsonRpcError(res: Response, status: number, code: number, message: string): void {
  res.status(status).json({ jsonrpc: '2.0', error: { code, message }, id: null });
}

/**
 * The answer when the MCP handler failed without one: a JSON-RPC internal error, echoing the id of a
 * single request (a batch, a notification or a response gets `null`, as the SDK's own answers do).
 */
export function internalErrorResponse(body: unknown): globalThis.Response {
  return globalThis.Response.json({ jsonrpc: '2.0', error: { code: JsonRpcErrorCode.InternalError, message: 'Internal server error' }, id: echoableRequestId(body) }, { status: 500 });
}

function echoableRequestId(body: unknown): string | number | null {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return null;
  const { method, id } = body as { method?: unknown; id?: unknown };
  if (typeof method !== 'string') return null;
  return typeof id === 'string' || typeof id === 'number' ? id : null;
}
