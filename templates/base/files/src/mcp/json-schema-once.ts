import type { StandardSchemaWithJSON } from '@modelcontextprotocol/server';

import { deepFreeze } from '../deep-freeze.js';

type Direction = 'input' | 'output';
type ConversionOptions = Parameters<StandardSchemaWithJSON['~standard']['jsonSchema']['input']>[0];

/**
 * The SDK turns a tool's or prompt's schema into JSON Schema on every server instance that needs it:
 * `tools/list`, and every `tools/call` (it scans the input schema for header declarations). Each HTTP
 * request gets its own instance, so without this the same zod schema would be converted again on
 * every call. `withJsonSchemaOnce` hands the SDK a view of the schema whose JSON Schema is computed
 * once per direction and target and then shared; validation is still the schema's own.
 *
 * The shared JSON Schema is deeply frozen: a consumer that tried to change it would otherwise change
 * it for every later request.
 */
export function withJsonSchemaOnce<S extends StandardSchemaWithJSON>(schema: S): S {
  const known = views.get(schema);
  if (known !== undefined) return known as S;
  const view = createView(schema);
  views.set(schema, view);
  return view;
}

/** How many times a schema was actually converted, per direction (tests check that calls reuse the result). */
export function jsonSchemaConversions(schema: StandardSchemaWithJSON): Readonly<Record<Direction, number>> {
  return { ...(conversions.get(schema) ?? { input: 0, output: 0 }) };
}

const views = new WeakMap<StandardSchemaWithJSON, StandardSchemaWithJSON>();
const conversions = new WeakMap<StandardSchemaWithJSON, Record<Direction, number>>();

function createView<S extends StandardSchemaWithJSON>(schema: S): S {
  const standard = schema['~standard'];
  const counts = { input: 0, output: 0 };
  conversions.set(schema, counts);
  const converted = new Map<string, Record<string, unknown>>();
  const convertOnce =
    (direction: Direction) =>
    (options: ConversionOptions): Record<string, unknown> => {
      const key = `${direction} ${options.target}`;
      let json = converted.get(key);
      if (json === undefined) {
        counts[direction] += 1;
        json = deepFreeze(standard.jsonSchema[direction](options));
        converted.set(key, json);
      }
      return json;
    };
  const props: StandardSchemaWithJSON['~standard'] = {
    version: standard.version,
    vendor: standard.vendor,
    validate: (value) => standard.validate(value),
    jsonSchema: { input: convertOnce('input'), output: convertOnce('output') },
  };
  // Everything else (zod's own properties and methods) is inherited from the schema itself.
  return Object.create(schema, { '~standard': { value: props, enumerable: true } }) as S;
}
