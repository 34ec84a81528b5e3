import type { CallToolResult, McpServer, ServerContext } from '@modelcontextprotocol/server';

import { ToolError } from '../errors.js';
import { rateLimitCaller } from '../rate-limit/caller.js';
import { rateLimitDetails, rateLimitMessage, retryAfterMs } from '../rate-limit/rate-limiter.js';
import { createRequestContext } from './context.js';
import type { ToolContext, ToolDefinition } from './define-tool.js';
import { withJsonSchemaOnce } from './json-schema-once.js';
import type { McpRequestScope } from './request-scope.js';
import type { McpServerDeps } from './server-deps.js';
import { internalErrorResult, toolErrorResult } from './tool-error-result.js';

/**
 * Registers one tool definition on an SDK server, wrapping its handler with our context, progress
 * reporting and error policy: expected failures (ToolError) reach the client with their message,
 * code and details; anything else is a bug, logged with its stack server-side and reported to the
 * client generically. tool-error-result.ts says how either is shaped.
 */
export function registerTool(server: McpServer, tool: ToolDefinition, deps: McpServerDeps, scope: McpRequestScope): void {
  server.registerTool(
    tool.name,
    {
      ...(tool.title !== undefined && { title: tool.title }),
      description: tool.description,
      inputSchema: withJsonSchemaOnce(tool.input),
      ...(tool.output !== undefined && { outputSchema: withJsonSchemaOnce(tool.output) }),
      ...(tool.annotations !== undefined && { annotations: tool.annotations }),
    },
    async (input: unknown, sdkCtx: ServerContext): Promise<CallToolResult> => {
      // Object.assign, not a spread: a spread would read the context's lazily made logger.
      const ctx: ToolContext = Object.assign(createRequestContext(deps, scope, sdkCtx, { tool: tool.name }), {
        reportProgress: progressReporter(sdkCtx),
      });
      const { requestId } = ctx;
      try {
        await checkToolCallLimit(deps, scope, tool);
        const output = await tool.handler(input as never, ctx);
        return toCallToolResult(tool, output);
      } catch (error) {
        const { logger } = ctx;
        if (sdkCtx.mcpReq.signal.aborted) {
          // The client cancelled or went away; the SDK discards whatever we return.
          logger.info({ reason: String(sdkCtx.mcpReq.signal.reason) }, 'tool call cancelled');
        } else if (error instanceof ToolError) {
          logger.info({ code: error.code, message: error.message }, 'tool call failed');
        } else {
          logger.error({ err: error }, 'tool call crashed');
        }
        return error instanceof ToolError ? toolErrorResult(tool, error) : internalErrorResult(requestId);
      }
    },
  );
}

/** Throws the `rate_limited` tool error when the caller is over its limit for `tool` (stdio; see McpServerDeps). */
async function checkToolCallLimit(deps: McpServerDeps, scope: McpRequestScope, tool: ToolDefinition): Promise<void> {
  if (deps.toolCallLimiter === undefined) return;
  // The caller over stdio is the local process: there is no client address to tell others apart by.
  const decision = await deps.toolCallLimiter.countToolCall(rateLimitCaller(scope.identity, undefined), tool.name);
  if (decision === undefined || decision.allowed) return;
  const waitMs = retryAfterMs(decision, Date.now());
  throw new ToolError('rate_limited', rateLimitMessage(decision, waitMs), { details: rateLimitDetails(decision, waitMs) });
}

function progressReporter(sdkCtx: ServerContext): ToolContext['reportProgress'] {
  const progressToken = sdkCtx.mcpReq._meta?.progressToken;
  return async (progress, total, message) => {
    if (progressToken === undefined || sdkCtx.mcpReq.signal.aborted) return;
    await sdkCtx.mcpReq.notify({
      method: 'notifications/progress',
      params: {
        progressToken,
        progress,
        ...(total !== undefined && { total }),
        ...(message !== undefined && { message }),
      },
    });
  };
}

function toCallToolResult(tool: ToolDefinition, output: unknown): CallToolResult {
  if (tool.output !== undefined) {
    const structured = output as Record<string, unknown>;
    return { content: [{ type: 'text', text: JSON.stringify(structured, null, 2) }], structuredContent: structured };
  }
  if (typeof output === 'string') return { content: [{ type: 'text', text: output }] };
  return { content: output as CallToolResult['content'] };
}
