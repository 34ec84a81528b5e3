import type { Client } from '@modelcontextprotocol/client';
import { z } from 'zod';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import type { RunningHttpServer } from '../../src/http/server.js';
import { jsonSchemaConversions, withJsonSchemaOnce } from '../../src/mcp/json-schema-once.js';
import echo from '../../src/tools/echo.js';
import { connectHttpClient, startTestServer } from '../helpers/http-server.js';

const TARGET = { target: 'draft-2020-12' } as const;

describe('JSON Schema of a tool, converted once', () => {
  let server: RunningHttpServer;
  const clients: Client[] = [];
  beforeEach(async () => {
    server = await startTestServer();
  });
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((client) => client.close()));
    await server.close();
  });

  // Every HTTP request gets a fresh MCP server instance: this is the guard that the instances share
  // the conversion instead of each paying for it.
  it('converts a tool input schema once however many requests list and call the tool', async () => {
    for (const era of ['modern', 'legacy'] as const) {
      const client = await connectHttpClient(server, era);
      clients.push(client);
      for (let call = 0; call < 5; call += 1) {
        await client.listTools();
        await client.callTool({ name: 'echo', arguments: { text: `call ${call}` } });
      }
    }
    expect(jsonSchemaConversions(echo.input).input).toBe(1);
  });
});

describe('withJsonSchemaOnce', () => {
  const schema = z.object({ id: z.string().min(3).describe('Record id'), limit: z.number().int().optional() });

  it('gives the same JSON Schema as the schema itself', () => {
    const view = withJsonSchemaOnce(schema);
    expect(view['~standard'].jsonSchema.input(TARGET)).toEqual(schema['~standard'].jsonSchema.input(TARGET));
    expect(view['~standard'].jsonSchema.output(TARGET)).toEqual(schema['~standard'].jsonSchema.output(TARGET));
  });

  it('validates by the schema own rules', async () => {
    const view = withJsonSchemaOnce(schema);
    expect(await view['~standard'].validate({ id: 'abc' })).toEqual({ value: { id: 'abc' } });
    const refused = await view['~standard'].validate({ id: 'a' });
    expect(refused.issues?.[0]?.path).toEqual(['id']);
  });

  it('keeps the schema own properties, such as an object shape', () => {
    expect(Object.keys(withJsonSchemaOnce(schema).shape)).toEqual(['id', 'limit']);
  });

  it('returns one view per schema', () => {
    expect(withJsonSchemaOnce(schema)).toBe(withJsonSchemaOnce(schema));
  });

  it('shares a JSON Schema that nobody can change', () => {
    const json = withJsonSchemaOnce(schema)['~standard'].jsonSchema.input(TARGET) as { properties: Record<string, unknown> };
    expect(() => {
      json.properties.injected = { type: 'string' };
    }).toThrow(TypeError);
    expect(withJsonSchemaOnce(schema)['~standard'].jsonSchema.input(TARGET)).toEqual(schema['~standard'].jsonSchema.input(TARGET));
  });
});
