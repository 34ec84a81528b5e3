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
