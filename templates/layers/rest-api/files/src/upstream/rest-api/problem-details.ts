import type { FieldProblem, ParsedUpstreamError } from '../http/errors.js';
import { parseErrorBody } from '../http/upstream-client.js';

type JsonRecord = Record<string, unknown>;

const isRecord = (value: unknown): value is JsonRecord => typeof value === 'object' && value !== null && !Array.isArray(value);
const text = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() !== '' ? value : undefined);

/**
 * Reads a REST API's error body: RFC 9457 problem details (`title`, `detail`, `type`, with field
 * problems in `errors` or `invalid-params`), and otherwise the shapes the base client knows
 * (`{ message, code }`, `{ error: { message, code } }`, OAuth-style errors).
 */
export function parseRestApiError(status: number, body: unknown): ParsedUpstreamError {
  const fallback = parseErrorBody(status, body);
  if (!isRecord(body)) return fallback;

  const message = problemMessage(text(body.title), text(body.detail)) ?? fallback.message;
  const upstreamCode = text(body.code) ?? problemType(body.type) ?? fallback.upstreamCode;
  const fields = [...fieldProblems(body.errors), ...fieldProblems(body['invalid-params'])];
  const allFields = fields.length > 0 ? fields : (fallback.fields ?? []);
  return {
    ...(message !== undefined && { message }),
    ...(upstreamCode !== undefined && { upstreamCode }),
    ...(allFields.length > 0 && { fields: allFields }),
  };
}

/** "Title: detail" when both say something, else whichever does. */
function problemMessage(title: string | undefined, detail: string | undefined): string | undefined {
  if (title !== undefined && detail !== undefined) return detail.startsWith(title) ? detail : `${title}: ${detail}`;
  return detail ?? title;
}

/** The problem type URI identifies the kind of error; `about:blank` says only "see the status". */
function problemType(type: unknown): string | undefined {
  const value = text(type);
  return value === undefined || value === 'about:blank' ? undefined : value;
}

/**
 * Field problems in the shapes APIs use:
 * - `[{ pointer: '#/email', detail }]` (RFC 9457's example), `[{ field | name | path | parameter, message | reason | detail }]`;
 * - `{ email: ['is required'] }` (ASP.NET Core validation problems, Rails).
 */
function fieldProblems(value: unknown): FieldProblem[] {
  if (Array.isArray(value)) return value.flatMap((entry) => (isRecord(entry) ? listedProblem(entry) : []));
  if (isRecord(value)) {
    return Object.entries(value).flatMap(([field, messages]) => {
      const list = Array.isArray(messages) ? messages : [messages];
      return list.flatMap((message) => (text(message) === undefined ? [] : [{ field, message: String(message) }]));
    });
  }
  return [];
}

function listedProblem(entry: JsonRecord): FieldProblem[] {
  const field =
    fieldOfPointer(text(entry.pointer)) ??
    text(entry.field) ??
    text(entry.name) ??
    text(entry.parameter) ??
    (Array.isArray(entry.path) ? entry.path.join('.') : text(entry.path));
  const message = text(entry.message) ?? text(entry.reason) ?? text(entry.detail);
  return field !== undefined && message !== undefined ? [{ field, message }] : [];
}

/** A JSON pointer (RFC 6901), possibly as a URI fragment, as a dotted field path: `#/items/0/sku` -> `items.0.sku`. */
function fieldOfPointer(pointer: string | undefined): string | undefined {
  if (pointer === undefined) return undefined;
  const steps = pointer
    .replace(/^#/, '')
    .split('/')
    .filter((step) => step !== '')
    .map((step) => step.replace(/~1/g, '/').replace(/~0/g, '~'));
  return steps.length > 0 ? steps.join('.') : undefined;
}
