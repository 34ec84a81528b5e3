/** A `tools/call` request in a posted body, as the guards in front of the MCP handler see it. */
export interface PostedToolCall {
  /** The JSON-RPC id to answer a refusal with (null when the message carries none usable). */
  readonly id: string | number | null;
  readonly tool: string;
}

/** The `tools/call` requests of a body: one JSON-RPC message, or a 2025-03-26 batch of them. */
export function toolCallsIn(body: unknown): PostedToolCall[] {
  const messages: unknown[] = Array.isArray(body) ? body : [body];
  return messages.flatMap((message) => {
    if (typeof message !== 'object' || message === null) return [];
    const { method, params, id } = message as { method?: unknown; params?: { name?: unknown }; id?: unknown };
    if (method !== 'tools/call' || typeof params?.name !== 'string') return [];
    return [{ id: typeof id === 'string' || typeof id === 'number' ? id : null, tool: params.name }];
  });
}
