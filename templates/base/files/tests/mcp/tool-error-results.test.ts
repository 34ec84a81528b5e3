import type { CallToolResult, Tool } from '@modelcontextprotocol/client';
import { z } from 'zod';
import { afterEach, describe, expect, it } from 'vitest';

import { ToolError } from '../../src/errors.js';
import type { ToolDefinition } from '../../src/mcp/define-tool.js';
import { tools as registeredTools } from '../../src/tools/index.js';
import { connectInProcess, ERAS, type InProcessConnection } from '../helpers/in-process-client.js';
import { acceptedArguments, refusedArguments } from '../helpers/tool-arguments.js';
import { outputSchemaViolation, toolErrorOf } from '../helpers/tool-results.js';

/**
 * A tool with an output schema promises structured content of that shape, error results included;
 * validating clients (the MCP Inspector) refuse a result that breaks it and show the caller a
 * validation failure instead of the tool's message. These specifications walk every served tool, so
 * tools added later are held to the same promise.
 */
describe.each(ERAS)('error results of every served tool, against the output schema it advertises (%s era)', (era) => {
  let connection: InProcessConnection;
  afterEach(async () => {
    await connection.close();
  });

  const definitionOf = (name: string): ToolDefinition => {
    const definition = registeredTools.find((tool) => tool.name === name);
    if (definition === undefined) throw new Error(`${name} is served but not in src/tools/index.ts`);
    return definition;
  };

  it('a failure the tool reports (ToolError) keeps to the schema and carries its code and details', async () => {
    // Every registered tool as clients see it (schemas, annotations), its handler failing on purpose.
    const failing = registeredTools.map((tool) => ({
      ...tool,
      input: z.looseObject({}),
      async handler(): Promise<never> {
        throw new ToolError('sample_failure', `${tool.name} failed on purpose`, { details: { retryAfterMs: 1_000 } });
      },
    }));
    connection = await connectInProcess(era, { tools: failing });
    const { tools } = await connection.client.listTools();
    expect(tools.map((tool) => tool.name).sort()).toEqual(registeredTools.map((tool) => tool.name).sort());

    for (const tool of tools) {
      const result = await connection.client.callTool({ name: tool.name, arguments: {} });
      expect(result.isError, tool.name).toBe(true);
      expect(outputSchemaViolation(tool, result), tool.name).toBeUndefined();
      expect(result.content, tool.name).toEqual([{ type: 'text', text: `${tool.name} failed on purpose` }]);
      expect(toolErrorOf(result), tool.name).toEqual({ code: 'sample_failure', message: `${tool.name} failed on purpose`, retryAfterMs: 1_000 });
    }
  });

  it('an unexpected failure keeps to the schema and names the request id in the code internal_error', async () => {
    const crashing = registeredTools.map((tool) => ({
      ...tool,
      input: z.looseObject({}),
      async handler(): Promise<never> {
        throw new Error('connection refused by db.internal:5432');
      },
    }));
    connection = await connectInProcess(era, { tools: crashing });
    for (const tool of (await connection.client.listTools()).tools) {
      const result = await connection.client.callTool({ name: tool.name, arguments: {} });
      expect(outputSchemaViolation(tool, result), tool.name).toBeUndefined();
      expect(result.structuredContent, tool.name).toBeUndefined();
      expect(toolErrorOf(result), tool.name).toEqual({ code: 'internal_error', message: expect.stringContaining('failed unexpectedly'), requestId: expect.any(String) });
      expect(JSON.stringify(result), tool.name).not.toContain('db.internal');
    }
  });

  it('every tool answers within its schema, called with input it accepts (its handler runs) and input it refuses', async () => {
    // The project's own registry without upstream settings: upstream tools fail as they would on a
    // fresh deployment (upstream_not_configured), tools that need nothing answer.
    connection = await connectInProcess(era);
    const { tools } = await connection.client.listTools();
    const answers: Array<{ tool: Tool; result: CallToolResult; accepted: boolean }> = [];
    for (const tool of tools) {
      const definition = definitionOf(tool.name);
      const accepted = acceptedArguments(definition, tool);
      if (accepted !== undefined) {
        answers.push({ tool, accepted: true, result: await connection.client.callTool({ name: tool.name, arguments: accepted }) });
      }
      const refused = refusedArguments(definition, accepted ?? {});
      if (refused !== undefined) {
        answers.push({ tool, accepted: false, result: await connection.client.callTool({ name: tool.name, arguments: refused }) });
      }
    }

    for (const { tool, result, accepted } of answers) {
      expect(outputSchemaViolation(tool, result), tool.name).toBeUndefined();
      // A refusal the handler itself reports says why in a code; input the SDK refuses never reaches it.
      if (accepted && result.isError === true) expect(toolErrorOf(result)?.code, tool.name).toEqual(expect.any(String));
      if (!accepted) expect(result.isError, tool.name).toBe(true);
    }
  });
});
