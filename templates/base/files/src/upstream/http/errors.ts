import { ToolError } from '../../errors.js';

/**
 * What went wrong with a call to the upstream API, in the terms a client can act on. These are
 * ToolErrors, so a tool can let them propagate: the client gets the message plus the code and
 * details (src/mcp/tool-error-result.ts).
 */
export type UpstreamErrorCode =
  | 'upstream_auth'
  | 'upstream_permission'
  | 'upstream_not_found'
  | 'upstream_validation'
  | 'upstream_conflict'
  | 'upstream_rate_limited'
  | 'upstream_unavailable'
  | 'upstream_unknown';

/** One input the upstream refused, as it named it. */
export interface FieldProblem {
  field: string;
  message: string;
}

/** Why the upstream could not be used (UpstreamUnavailableError). */
export type UnavailableReason = 'timeout' | 'network' | 'circuit_open' | 'status' | 'deadline';

export type UpstreamErrorDetails = {
  /** Display name of the upstream ('NetSuite'). */
  upstream: string;
  /** HTTP status of the upstream's answer, when there was one. */
  status?: number;
  /** The upstream's own error code, e.g. `INVALID_FIELD`. */
  upstreamCode?: string;
  fields?: FieldProblem[];
  /** How long the upstream asked us to wait before trying again. */
  retryAfterMs?: number;
  reason?: UnavailableReason;
};

export class UpstreamError extends ToolError {
  declare readonly code: UpstreamErrorCode;
  declare readonly details: UpstreamErrorDetails;

  constructor(code: UpstreamErrorCode, message: string, details: UpstreamErrorDetails, options?: ErrorOptions) {
    super(code, message, { ...options, details });
  }
}

/** The upstream refused this server's credentials (401), or its token endpoint did. */
export class UpstreamAuthError extends UpstreamError {
  constructor(message: string, details: UpstreamErrorDetails, options?: ErrorOptions) {
    super('upstream_auth', message, details, options);
  }
}

/** The credentials are valid but may not do this (403). */
export class UpstreamPermissionError extends UpstreamError {
  constructor(message: string, details: UpstreamErrorDetails, options?: ErrorOptions) {
    super('upstream_permission', message, details, options);
  }
}

export class UpstreamNotFoundError extends UpstreamError {
  constructor(message: string, details: UpstreamErrorDetails, options?: ErrorOptions) {
    super('upstream_not_found', message, details, options);
  }
}

/** The upstream refused the request's content (400, 422); `details.fields` names the inputs when it says which. */
export class UpstreamValidationError extends UpstreamError {
  constructor(message: string, details: UpstreamErrorDetails, options?: ErrorOptions) {
    super('upstream_validation', message, details, options);
  }
}

/** The request contradicts the upstream's current state (409), or a precondition no longer holds (412). */
export class UpstreamConflictError extends UpstreamError {
  constructor(message: string, details: UpstreamErrorDetails, options?: ErrorOptions) {
    super('upstream_conflict', message, details, options);
  }
}

/** Still rate limited (429) once the retries allowed were spent. */
export class UpstreamRateLimitedError extends UpstreamError {
  constructor(message: string, details: UpstreamErrorDetails, options?: ErrorOptions) {
    super('upstream_rate_limited', message, details, options);
  }
}

/** The upstream cannot be used right now (5xx, network, timeout, circuit open): worth retrying later. */
export class UpstreamUnavailableError extends UpstreamError {
  constructor(message: string, details: UpstreamErrorDetails, options?: ErrorOptions) {
    super('upstream_unavailable', message, details, options);
  }
}

export class UpstreamUnknownError extends UpstreamError {
  constructor(message: string, details: UpstreamErrorDetails, options?: ErrorOptions) {
    super('upstream_unknown', message, details, options);
  }
}

/** What an upstream's error body says, once read by its parser. */
export interface ParsedUpstreamError {
  message?: string;
  upstreamCode?: string;
  fields?: FieldProblem[];
  /**
   * What the failure means, when the upstream says so in its body: it decides the error over the HTTP
   * status, for APIs whose codes say more than their statuses (a used-up quota answered with 403).
   * Whether the request is retried still follows the status.
   */
  meaning?: UpstreamErrorCode;
  /**
   * How the message describes the failure ("<upstream> <summary> (HTTP <status>)"), when the
   * upstream's terms say it better than the meaning's general words. Written by the parser, never
   * taken from the body.
   */
  summary?: string;
}

/**
 * Upstream messages reach the client and the model behind it: one line, of bounded length, so a
 * misbehaving upstream cannot flood a conversation.
 */
const MAX_MESSAGE_LENGTH = 300;

export function boundedMessage(message: string): string {
  const line = message.replace(/\s+/g, ' ').trim();
  return line.length > MAX_MESSAGE_LENGTH ? `${line.slice(0, MAX_MESSAGE_LENGTH - 1)}…` : line;
}

type UpstreamErrorClass = new (message: string, details: UpstreamErrorDetails, options?: ErrorOptions) => UpstreamError;

/** The error type of each meaning, and how its message describes the failure. */
const ERROR_OF_MEANING: Readonly<Record<UpstreamErrorCode, { ErrorClass: UpstreamErrorClass; summary: string }>> = {
  upstream_auth: { ErrorClass: UpstreamAuthError, summary: "refused this server's credentials" },
  upstream_permission: { ErrorClass: UpstreamPermissionError, summary: 'does not allow this operation' },
  upstream_not_found: { ErrorClass: UpstreamNotFoundError, summary: 'has no such resource' },
  upstream_validation: { ErrorClass: UpstreamValidationError, summary: 'refused the request' },
  upstream_conflict: { ErrorClass: UpstreamConflictError, summary: 'reported a conflict with its current state' },
  upstream_rate_limited: { ErrorClass: UpstreamRateLimitedError, summary: 'is rate limiting requests' },
  upstream_unavailable: { ErrorClass: UpstreamUnavailableError, summary: 'is unavailable' },
  upstream_unknown: { ErrorClass: UpstreamUnknownError, summary: 'answered unexpectedly' },
};

/** What a non-success HTTP status means when the upstream's body says nothing more precise. */
function meaningOfStatus(status: number): UpstreamErrorCode {
  if (status === 401) return 'upstream_auth';
  if (status === 403) return 'upstream_permission';
  if (status === 404 || status === 410) return 'upstream_not_found';
  if (status === 400 || status === 422) return 'upstream_validation';
  if (status === 409 || status === 412) return 'upstream_conflict';
  if (status === 429) return 'upstream_rate_limited';
  if (status >= 500) return 'upstream_unavailable';
  return 'upstream_unknown';
}

/**
 * The error a non-success answer of the upstream stands for: what its parser says the failure means,
 * or else what its HTTP status means. The message reads "<upstream> <summary> (HTTP <status>): <what
 * the upstream said>", followed by the refused fields of a validation error or the wait of a rate limit.
 */
export function errorForStatus(upstream: string, status: number, parsed: ParsedUpstreamError, retryAfterMs?: number): UpstreamError {
  const meaning = parsed.meaning ?? meaningOfStatus(status);
  const { ErrorClass, summary } = ERROR_OF_MEANING[meaning];
  const details: UpstreamErrorDetails = {
    upstream,
    status,
    ...(parsed.upstreamCode !== undefined && { upstreamCode: parsed.upstreamCode }),
    ...(parsed.fields !== undefined && parsed.fields.length > 0 && { fields: parsed.fields }),
    ...(retryAfterMs !== undefined && { retryAfterMs }),
    ...(meaning === 'upstream_unavailable' && { reason: 'status' as const }),
  };
  const said = parsed.message === undefined || parsed.message.trim() === '' ? '' : `: ${boundedMessage(parsed.message)}`;
  return new ErrorClass(`${upstream} ${parsed.summary ?? summary} (HTTP ${status})${said}${afterword(meaning, details)}`, details);
}

/** What a message adds after the upstream's words: the fields a validation error names, the wait a rate limit asks for. */
function afterword(meaning: UpstreamErrorCode, details: UpstreamErrorDetails): string {
  if (meaning === 'upstream_validation' && details.fields !== undefined) {
    return ` [${boundedMessage(details.fields.map((problem) => `${problem.field}: ${problem.message}`).join('; '))}]`;
  }
  if (meaning === 'upstream_rate_limited') {
    return details.retryAfterMs === undefined ? '; try again later' : `; try again in ${Math.ceil(details.retryAfterMs / 1000)} s`;
  }
  return '';
}
