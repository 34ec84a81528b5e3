/** How persistently one request is retried. */
export interface RetryPolicy {
  /** Retries after the first attempt; 0 disables retrying. */
  maxRetries: number;
  baseDelayMs: number;
  /** Cap of one backoff delay (not of a Retry-After the upstream asks for). */
  maxDelayMs: number;
  /** Bound on the whole request: every attempt and every wait in between. */
  totalTimeoutMs: number;
}

/**
 * Answers that mean "not now" rather than "no": rate limited, or a gateway that could not reach or
 * wait for the upstream. A plain 500 is left alone: it usually fails the same way again.
 */
const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([429, 502, 503, 504]);

export function isRetryableStatus(status: number): boolean {
  return RETRYABLE_STATUSES.has(status);
}

/** Methods whose repetition has the effect of one request (RFC 9110 section 9.2.2), so a failed attempt may be sent again. */
const IDEMPOTENT_METHODS: ReadonlySet<string> = new Set(['GET', 'PUT', 'DELETE']);

/**
 * Whether a request may be sent again after a failure whose effect is unknown. POST and PATCH may
 * have been acted on before the connection broke; they are retried only when the caller says so
 * (typically because an idempotency key makes a repetition harmless).
 */
export function isIdempotent(method: string, declared: boolean | undefined): boolean {
  return declared ?? IDEMPOTENT_METHODS.has(method);
}

/**
 * The wait before retry number `retry` (0 for the first): capped exponential backoff with full jitter
 * (a random point between 0 and the cap), so clients that failed together do not retry together.
 */
export function backoffDelayMs(retry: number, policy: Pick<RetryPolicy, 'baseDelayMs' | 'maxDelayMs'>, random: () => number): number {
  const cap = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** retry);
  return Math.round(random() * cap);
}

/** A `Retry-After` header (delay in seconds, or an HTTP date) as milliseconds from `now`; undefined when absent or unreadable. */
export function retryAfterMs(header: string | null, now: number): number | undefined {
  if (header === null) return undefined;
  const value = header.trim();
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  // Anything else must be a date (which names a weekday or month); Date.parse would read "-5" as a year.
  const date = /[a-z]/i.test(value) ? Date.parse(value) : Number.NaN;
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
