import type { FieldProblem, ParsedUpstreamError } from '../http/errors.js';

/** How errors and logs name the upstream: `details.upstream` of every NetSuite tool error. */
export const NETSUITE = 'NetSuite';

/**
 * Reads NetSuite's REST error body (RFC 7807 style):
 * `{ type, title, status, "o:errorDetails": [{ detail, "o:errorPath"?, "o:errorCode" }] }`.
 * The details' texts make the message, the first error code the upstream code, and every detail
 * that names a field (`o:errorPath`) a field problem the caller can fix. Anything else says nothing.
 */
export function parseNetSuiteError(_status: number, body: unknown): ParsedUpstreamError {
  if (!isObject(body)) return {};
  const details = Array.isArray(body['o:errorDetails']) ? body['o:errorDetails'].filter(isObject) : [];
  const texts = details.map((detail) => text(detail.detail)).filter((detail): detail is string => detail !== undefined);
  const message = texts.length > 0 ? [...new Set(texts)].join(' ') : text(body.title);
  const upstreamCode = details.map((detail) => text(detail['o:errorCode'])).find((code) => code !== undefined);
  const fields = details.flatMap((detail): FieldProblem[] => {
    const field = text(detail['o:errorPath']);
    const problem = text(detail.detail);
    return field !== undefined && problem !== undefined ? [{ field, message: problem }] : [];
  });
  return {
    ...(message !== undefined && { message }),
    ...(upstreamCode !== undefined && { upstreamCode }),
    ...(fields.length > 0 && { fields }),
  };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}
