import type { FieldProblem, ParsedUpstreamError, UpstreamErrorCode } from '../http/errors.js';
import { parseErrorBody } from '../http/response-body.js';

/**
 * Salesforce's REST API answers errors with a list: `[{ "message", "errorCode", "fields": [...] }]`.
 * Its `errorCode` says more than the HTTP status (the daily API limit arrives as a 403, a record the
 * user may not edit as a 400), so the parser gives the code's meaning and the client reports that.
 */

/** How errors and logs name the upstream: `details.upstream` of every Salesforce tool error. */
export const SALESFORCE = 'Salesforce';

interface SalesforceApiError {
  message?: unknown;
  errorCode?: unknown;
  fields?: unknown;
}

const text = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() !== '' ? value : undefined);

function apiErrorsIn(body: unknown): SalesforceApiError[] {
  if (!Array.isArray(body)) return [];
  return body.filter((item): item is SalesforceApiError => typeof item === 'object' && item !== null);
}

/** The error codes of an answer, in order. */
export function errorCodesOf(body: unknown): string[] {
  return apiErrorsIn(body).flatMap((error) => text(error.errorCode) ?? []);
}

/**
 * An upsert whose external ID value matches several records answers 300 with their URLs: nothing
 * was saved, and only the record's ID can say which one was meant.
 */
const AMBIGUOUS_UPSERT: ParsedUpstreamError = {
  meaning: 'upstream_conflict',
  summary: 'has more than one record with this external ID value, so update the record by its ID instead',
};

/** Reads Salesforce's error list (other shapes, such as OAuth errors, the generic way), with what its first error code means. */
export function parseSalesforceError(status: number, body: unknown): ParsedUpstreamError {
  if (status === 300) return AMBIGUOUS_UPSERT;
  const errors = apiErrorsIn(body);
  if (errors.length === 0) return parseErrorBody(status, body);
  const upstreamCode = errorCodesOf(body)[0];
  return { ...whatErrorsSay(errors), ...(upstreamCode !== undefined && { upstreamCode, ...whatCodeMeans(upstreamCode) }) };
}

/** The errors' messages (each once) and the fields they name, each with its error's message. */
function whatErrorsSay(errors: SalesforceApiError[]): Pick<ParsedUpstreamError, 'message' | 'fields'> {
  const messages = [...new Set(errors.flatMap((error) => text(error.message) ?? []))];
  const fields: FieldProblem[] = errors.flatMap((error) => {
    const message = text(error.message) ?? text(error.errorCode) ?? 'refused';
    return Array.isArray(error.fields) ? error.fields.flatMap((field) => (text(field) === undefined ? [] : [{ field: field as string, message }])) : [];
  });
  return {
    ...(messages.length > 0 && { message: messages.join('; ') }),
    ...(fields.length > 0 && { fields }),
  };
}

/** A session Salesforce no longer accepts (expired, logged out, revoked): worth one fresh session. */
export function isExpiredSession(status: number, body: unknown): boolean {
  return status === 401 && errorCodesOf(body).includes('INVALID_SESSION_ID');
}

/** What an error code means, where the HTTP status alone would say otherwise or nothing. */
const MEANING_OF_CODE: Readonly<Record<string, UpstreamErrorCode>> = {
  INVALID_SESSION_ID: 'upstream_auth',
  INVALID_AUTH_HEADER: 'upstream_auth',
  API_DISABLED_FOR_ORG: 'upstream_permission',
  API_CURRENTLY_DISABLED: 'upstream_permission',
  NOT_FOUND: 'upstream_not_found',
  ENTITY_IS_DELETED: 'upstream_not_found',
  REQUEST_LIMIT_EXCEEDED: 'upstream_rate_limited',
  DUPLICATE_VALUE: 'upstream_conflict',
  DUPLICATES_DETECTED: 'upstream_conflict',
  ENTITY_IS_LOCKED: 'upstream_conflict',
  UNABLE_TO_LOCK_ROW: 'upstream_conflict',
  REQUIRED_FIELD_MISSING: 'upstream_validation',
  INVALID_FIELD: 'upstream_validation',
  INVALID_FIELD_FOR_INSERT_UPDATE: 'upstream_validation',
  INVALID_TYPE: 'upstream_validation',
  INVALID_TYPE_ON_FIELD_IN_RECORD: 'upstream_validation',
  MALFORMED_ID: 'upstream_validation',
  MALFORMED_QUERY: 'upstream_validation',
  INVALID_QUERY_LOCATOR: 'upstream_validation',
  INVALID_CROSS_REFERENCE_KEY: 'upstream_validation',
  FIELD_CUSTOM_VALIDATION_EXCEPTION: 'upstream_validation',
  FIELD_INTEGRITY_EXCEPTION: 'upstream_validation',
  STRING_TOO_LONG: 'upstream_validation',
  NUMBER_OUTSIDE_VALID_RANGE: 'upstream_validation',
  INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST: 'upstream_validation',
  JSON_PARSER_ERROR: 'upstream_validation',
};

/**
 * How a message describes what a code says, where the meaning's general words would mislead: the
 * org's API allowance is counted over 24 hours, so it is not the brief throttling "rate limiting"
 * suggests.
 */
const SUMMARY_OF_CODE: Readonly<Record<string, string>> = {
  REQUEST_LIMIT_EXCEEDED: "reports that the org's API request limit is used up",
};

/** What a code means and, where Salesforce's terms say it better, how to describe it; nothing for codes the status explains. */
function whatCodeMeans(code: string): Pick<ParsedUpstreamError, 'meaning' | 'summary'> {
  // INSUFFICIENT_ACCESS, INSUFFICIENT_ACCESS_OR_READONLY, INSUFFICIENT_ACCESS_ON_CROSS_REFERENCE_ENTITY, ...
  const meaning = code.startsWith('INSUFFICIENT_ACCESS') ? 'upstream_permission' : ownEntry(MEANING_OF_CODE, code);
  const summary = ownEntry(SUMMARY_OF_CODE, code);
  return {
    ...(meaning !== undefined && { meaning }),
    ...(summary !== undefined && { summary }),
  };
}

/** A table's entry for a code; codes come from the upstream, so one named like `constructor` must not reach Object.prototype. */
function ownEntry<T>(table: Readonly<Record<string, T>>, code: string): T | undefined {
  return Object.hasOwn(table, code) ? table[code] : undefined;
}
