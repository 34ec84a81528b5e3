import {
  createMcpHandler,
  isLegacyRequest,
  WebStandardStreamableHTTPServerTransport,
  type McpHandlerRequestOptions,
  type McpHttpHandler,
  type McpServerFactory,
} from '@modelcontextprotocol/server';

import { internalErrorResponse } from './json-rpc-error.js';

export interface LegacyJsonAnswersOptions {
  maxRequestBodySize: number;
  onerror: (error: Error) => void;
}

/**
 * 2025-era clients are served statelessly, one server instance per POST. The SDK's own legacy leg
 * always answers such a POST as an event stream, even when the answer is a single message; streaming
 * costs a web stream, SSE framing and a client-side parser for nothing. This is the SDK handler over
 * `factory`, except that a legacy POST that asked for no progress is answered as plain JSON. Everything
 * else (current clients, legacy calls that want progress notifications, GET and DELETE, bodies the JSON
 * parser did not accept) is served by the SDK handler unchanged.
 */
export function createMcpHandlerWithLegacyJsonAnswers(factory: McpServerFactory, options: LegacyJsonAnswersOptions): McpHttpHandler {
  const { maxRequestBodySize, onerror } = options;
  const handler = createMcpHandler(factory, { maxRequestBodySize, onerror });
  const fetch = async (request: Request, exchange?: McpHandlerRequestOptions): Promise<Response> => {
    const parsedBody = exchange?.parsedBody;
    if (request.method !== 'POST' || parsedBody === undefined || asksForProgress(parsedBody)) return handler.fetch(request, exchange);
    if (!(await isLegacyRequest(request, parsedBody, { maxRequestBodySize }))) return handler.fetch(request, exchange);
    return answerAsJson(request, factory, exchange ?? {}, onerror);
  };
  return { ...handler, fetch };
}

async function answerAsJson(request: Request, factory: McpServerFactory, exchange: McpHandlerRequestOptions, onerror: (error: Error) => void): Promise<Response> {
  const { authInfo, parsedBody } = exchange;
  try {
    const server = await factory({ era: 'legacy', ...(authInfo !== undefined && { authInfo }), requestInfo: request });
    const transport = new WebStandardStreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true });
    await server.connect(transport);
    // Closing the transport aborts the handlers still running: a client that hangs up cancels its call.
    const close = () => {
      transport.close().catch(() => undefined);
      server.close().catch(() => undefined);
    };
    request.signal.addEventListener('abort', close, { once: true });
    try {
      return await transport.handleRequest(request, { ...(authInfo !== undefined && { authInfo }), parsedBody });
    } finally {
      request.signal.removeEventListener('abort', close);
      close();
    }
  } catch (error) {
    onerror(error instanceof Error ? error : new Error(String(error)));
    return internalErrorResponse(parsedBody);
  }
}

/** Progress needs the event stream: a message that carries a progress token keeps the SDK's streaming answer. */
function asksForProgress(body: unknown): boolean {
  const messages: unknown[] = Array.isArray(body) ? body : [body];
  return messages.some((message) => {
    const meta = (message as { params?: { _meta?: { progressToken?: unknown } } } | null)?.params?._meta;
    return meta?.progressToken !== undefined;
  });
}
