import type { GetPromptResult, McpServer, ServerContext } from '@modelcontextprotocol/server';

import { createRequestContext } from './context.js';
import type { PromptDefinition, PromptOutput } from './define-prompt.js';
import { toProtocolError } from './protocol-error.js';
import type { McpRequestScope } from './request-scope.js';
import type { McpServerDeps } from './server-deps.js';

/**
 * Registers one prompt definition on an SDK server. The SDK validates the arguments against the
 * schema (refusing bad ones with -32602) before `render` runs; render failures follow our error
 * policy (see protocol-error.ts).
 */
export function registerPrompt(server: McpServer, prompt: PromptDefinition, deps: McpServerDeps, scope: McpRequestScope): void {
  server.registerPrompt(
    prompt.name,
    {
      ...(prompt.title !== undefined && { title: prompt.title }),
      description: prompt.description,
      argsSchema: prompt.args,
    },
    async (args: unknown, sdkCtx: ServerContext): Promise<GetPromptResult> => {
      const ctx = createRequestContext(deps, scope, sdkCtx, { prompt: prompt.name });
      try {
        return toGetPromptResult(prompt, await prompt.render(args as never, ctx));
      } catch (error) {
        throw toProtocolError(error, ctx, 'prompt render');
      }
    },
  );
}

function toGetPromptResult(prompt: PromptDefinition, output: PromptOutput): GetPromptResult {
  const messages = typeof output === 'string' ? [{ role: 'user' as const, content: { type: 'text' as const, text: output } }] : [...output];
  return { description: prompt.description, messages };
}
