import type { Tool } from '@modelcontextprotocol/client';
import type { z } from 'zod';

import type { ToolDefinition } from '../../src/mcp/define-tool.js';

type JsonSchema = Record<string, unknown>;
type Arguments = Record<string, unknown>;

/**
 * Values tried for text inputs, in order: between them they satisfy the identifier rules of the
 * shipped tools (record and item IDs, record types, sObject and collection names, queries). Add one
 * when a tool of yours takes text none of them fits.
 */
const TEXT_SAMPLES = ['1', 'customer', 'Account', 'orders', '001000000000001AAA', 'SELECT id FROM customer', 'sample text'];
const KEY_SAMPLES = ['name', 'Name', 'companyName', 'status'];
/** Values of every JSON type: for each input, one of them is of the wrong type. */
const WRONG_VALUES: readonly unknown[] = [12_345, 'not what was asked for', { unexpected: true }, [], null];

/**
 * Arguments the tool's own input schema accepts, built from what tools/list advertises and checked
 * with the tool's zod schema (as the SDK checks them), so a call with them reaches the handler.
 * Required inputs only. Undefined when no sample fits some required input.
 */
export function acceptedArguments(definition: ToolDefinition, listed: Tool): Arguments | undefined {
  const shape = definition.input.shape as Record<string, z.ZodType>;
  const properties = (listed.inputSchema.properties ?? {}) as Record<string, JsonSchema>;
  const args: Arguments = {};
  for (const name of listed.inputSchema.required ?? []) {
    const field = shape[name];
    const schema = properties[name];
    if (field === undefined || schema === undefined) return undefined;
    const value = samplesFor(schema).find((candidate) => field.safeParse(candidate).success);
    if (value === undefined) return undefined;
    args[name] = value;
  }
  return definition.input.safeParse(args).success ? args : undefined;
}

/**
 * Arguments the tool's input schema refuses: `accepted` with one input of the wrong type. Undefined when
 * every input takes any value (or there are none), so no call can be refused for its input.
 */
export function refusedArguments(definition: ToolDefinition, accepted: Arguments): Arguments | undefined {
  for (const name of Object.keys(definition.input.shape)) {
    for (const wrong of WRONG_VALUES) {
      const args = { ...accepted, [name]: wrong };
      if (!definition.input.safeParse(args).success) return args;
    }
  }
  return undefined;
}

/** Candidate values for one input, most likely to fit first. */
function samplesFor(schema: JsonSchema): unknown[] {
  if ('const' in schema) return [schema.const];
  if (Array.isArray(schema.enum)) return schema.enum;
  const alternatives = (schema.anyOf ?? schema.oneOf) as JsonSchema[] | undefined;
  if (alternatives !== undefined) return alternatives.flatMap(samplesFor);
  const preset = 'default' in schema ? [schema.default] : [];
  switch (schema.type) {
    case 'string':
      return [...preset, ...TEXT_SAMPLES];
    case 'integer':
    case 'number':
      return [...preset, 1, ...(typeof schema.minimum === 'number' ? [schema.minimum] : [])];
    case 'boolean':
      return [...preset, true];
    case 'array':
      return [...preset, ...samplesFor((schema.items ?? {}) as JsonSchema).slice(0, 3).map((item) => [item]), []];
    case 'object':
      return [...preset, ...objectSamples(schema)];
    default:
      return [...preset, 'sample text'];
  }
}

/** An object with its required properties filled in, or a map with one entry (`z.record`). */
function objectSamples(schema: JsonSchema): unknown[] {
  const properties = schema.properties as Record<string, JsonSchema> | undefined;
  if (properties !== undefined) {
    const object: Arguments = {};
    for (const name of (schema.required ?? []) as string[]) object[name] = samplesFor(properties[name] ?? {})[0];
    return [object];
  }
  const values = typeof schema.additionalProperties === 'object' ? samplesFor(schema.additionalProperties as JsonSchema) : ['Acme'];
  return [...KEY_SAMPLES.flatMap((key) => values.slice(0, 2).map((value) => ({ [key]: value }))), {}];
}
