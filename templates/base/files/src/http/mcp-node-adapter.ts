import type { IncomingMessage, ServerResponse } from 'node:http';

import type { McpHandlerRequestOptions, McpHttpHandler } from '@modelcontextprotocol/server';

import { internalErrorResponse } from './json-rpc-error.js';

/** Serves one Node request with the MCP handler; the body comes already parsed, the caller authenticated. */
export type McpNodeHandler = (req: IncomingMessage, res: ServerResponse, exchange: McpHandlerRequestOptions) => Promise<void>;

export interface McpNodeHandlerOptions {
  /** Told when the MCP handler itself throws, before the client gets a 500. */
  onerror?: (error: Error) => void;
}

/**
 * Connects the SDK's web-standard MCP handler to Node's request and response.
 *
 * The web Request carries no body. The JSON parser in front has read, bounded and parsed it, and given
 * `parsedBody` the handler routes and serves from that value without ever reading the Request's body,
 * for either protocol era; serialising it again only to hand the same value over would be wasted work.
 * (A POST that arrives without a parsed body sent none, and the handler sees an empty one.)
 *
 * The Request's signal aborts when the client goes away before its answer is complete, which is what
 * cancels the tool call. A JSON answer is written in one piece with its length; an event stream is
 * passed on chunk by chunk as the handler produces it.
 */
export function createMcpNodeHandler(handler: McpHttpHandler, { onerror }: McpNodeHandlerOptions = {}): McpNodeHandler {
  return async (req, res, exchange) => {
    let answered = false;
    const clientGone = new AbortController();
    res.on('close', () => {
      if (!answered) clientGone.abort();
    });
    if (res.destroyed) clientGone.abort();

    let response: Response;
    try {
      response = await handler.fetch(bodilessRequest(req, clientGone.signal), exchange);
    } catch (error) {
      try {
        onerror?.(error instanceof Error ? error : new Error(String(error)));
      } catch {
        // A failing observer must not keep the client from its answer.
      }
      response = internalErrorResponse(exchange.parsedBody);
    }

    const headers = Object.fromEntries(response.headers);
    if (response.body === null) {
      answered = true;
      res.writeHead(response.status, headers).end();
      return;
    }
    if (!isEventStream(response)) {
      const body = Buffer.from(await response.arrayBuffer());
      answered = true;
      res.writeHead(response.status, { ...headers, 'content-length': String(body.byteLength) }).end(body);
      return;
    }
    res.writeHead(response.status, headers);
    await relayEventStream(response.body, res, clientGone.signal);
    answered = true;
    res.end();
  };
}

/** Headers that describe a body; the Request built here has none. */
const BODY_FRAMING_HEADERS = new Set(['content-length', 'content-encoding', 'transfer-encoding']);

function bodilessRequest(req: IncomingMessage, signal: AbortSignal): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    // HTTP/2 pseudo-headers (":path") are not header names a web Request accepts.
    if (value === undefined || name.startsWith(':') || BODY_FRAMING_HEADERS.has(name)) continue;
    if (Array.isArray(value)) for (const item of value) headers.append(name, item);
    else headers.set(name, value);
  }
  return new Request(`http://${req.headers.host ?? 'localhost'}${req.url ?? '/'}`, { method: req.method ?? 'GET', headers, signal });
}

function isEventStream(response: Response): boolean {
  const contentType = response.headers.get('content-type') ?? '';
  return contentType.split(';', 1)[0]?.trim().toLowerCase() === 'text/event-stream';
}

/**
 * Writes the stream's chunks as they come, waiting whenever the socket's buffer is full, and stops
 * once the client is gone (leaving the loop cancels the stream, which ends the exchange).
 */
async function relayEventStream(body: ReadableStream<Uint8Array>, res: ServerResponse, clientGone: AbortSignal): Promise<void> {
  let stopWaiting: () => void = () => {};
  const gone = new Promise<void>((resolve) => (stopWaiting = resolve));
  clientGone.addEventListener('abort', stopWaiting, { once: true });
  try {
    for await (const chunk of body) {
      if (clientGone.aborted) break;
      if (!res.write(chunk)) await Promise.race([new Promise((resolve) => res.once('drain', resolve)), gone]);
    }
  } catch {
    // The handler's stream failed mid-answer: the status line is sent, so all that is left is to end it.
  } finally {
    // The Request keeps the signal alive until the garbage collector finalises it; a listener left
    // on it would keep this response (and its request) alive that long as well.
    clientGone.removeEventListener('abort', stopWaiting);
  }
}
