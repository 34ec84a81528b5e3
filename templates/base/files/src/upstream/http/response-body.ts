import { UpstreamUnknownError, type FieldProblem, type ParsedUpstreamError } from './errors.js';

/** How upstream answers are read: bodies of successes for the caller, bodies of failures for their error. */

/** A success body: JSON when the upstream says so, the text otherwise, undefined when empty. */
export function successBody(upstream: string, headers: Headers, text: string): unknown {
  if (text === '') return undefined;
  if (!/\bjson\b/i.test(headers.get('content-type') ?? '')) return text;
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new UpstreamUnknownError(`${upstream} answered with malformed JSON`, { upstream }, { cause: error });
  }
}

/** An error body: JSON when it parses (whatever the content type claims), the text otherwise. */
export function errorBody(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

const asString = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

/**
 * Reads the error shapes most JSON APIs use: `{ message, code }`, OAuth-style `{ error, error_description }`,
 * `{ error: { message, code } }`, and field problems in `errors: [{ field | path, message }]`. A body
 * that is not JSON yields nothing: raw upstream text never reaches the client.
 */
export function parseErrorBody(_status: number, body: unknown): ParsedUpstreamError {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return {};
  const record = body as Record<string, unknown>;
  const nested = typeof record.error === 'object' && record.error !== null ? (record.error as Record<string, unknown>) : {};
  const message = asString(record.message) ?? asString(record.error_description) ?? asString(nested.message) ?? asString(record.error);
  const upstreamCode = asString(record.code) ?? asString(nested.code) ?? asString(record.error);
  const fields = fieldProblems(record.errors ?? nested.errors ?? nested.details);
  return {
    ...(message !== undefined && { message }),
    ...(upstreamCode !== undefined && { upstreamCode }),
    ...(fields.length > 0 && { fields }),
  };
}

function fieldProblems(value: unknown): FieldProblem[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((item: unknown) => {
    if (typeof item !== 'object' || item === null) return [];
    const { field, path, target, message } = item as Record<string, unknown>;
    const name = asString(field) ?? asString(target) ?? (Array.isArray(path) ? path.join('.') : asString(path));
    const text = asString(message);
    return name !== undefined && text !== undefined ? [{ field: name, message: text }] : [];
  });
}
