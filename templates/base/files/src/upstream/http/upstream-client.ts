import { setTimeout as delay } from 'node:timers/promises';

import type { Identity } from '../../auth/types.js';
import type { Logger } from '../../logger.js';
import { CircuitBreaker, type BreakerPolicy } from './circuit-breaker.js';
import { errorForStatus, UpstreamUnavailableError, UpstreamUnknownError, type ParsedUpstreamError, type UnavailableReason, type UpstreamError } from './errors.js';
import { errorBody, parseErrorBody, successBody } from './response-body.js';
import { backoffDelayMs, isIdempotent, isRetryableStatus, retryAfterMs, type RetryPolicy } from './retry.js';
import { parseBaseUrl, resolveBelow, type UpstreamBase } from './safe-path.js';
import type { AccessToken, TokenSource } from './token-source.js';

export type { BreakerPolicy, RetryPolicy };
/** The default `parseError`, for upstream-specific parsers that fall back to it. */
export { parseErrorBody };

export interface UpstreamClientOptions {
  /** Display name in errors and logs ('NetSuite'). */
  upstream: string;
  /** Absolute; requests resolve below it (its origin and path prefix). */
  baseUrl: string;
  /** Absent for an unauthenticated API. */
  tokenSource?: TokenSource;
  /** The headers that present a token. Default: `Authorization: Bearer <token>`. */
  authorization?: (token: AccessToken) => Record<string, string>;
  /** Requests go below token.apiBaseUrl instead of baseUrl when the token names one (Salesforce instance_url). */
  useTokenBaseUrl?: boolean;
  /** Longest wait for one attempt: connecting, the answer and its body. */
  timeoutMs: number;
  retry: RetryPolicy;
  breaker: BreakerPolicy;
  /**
   * Upstream-specific error body parsing; default reads {message|error_description|error, code|error, errors[]}.
   * A parser may also say what the failure means (`meaning`) where the upstream's codes say more than its statuses.
   */
  parseError?: (status: number, body: unknown) => ParsedUpstreamError;
  /** Whether an answer means "this token is no longer valid" (default: status 401). One fresh-token retry follows. */
  isExpiredToken?: (status: number, body: unknown) => boolean;
  logger: Logger;
  /** Waits between retries; tests replace it so nothing waits for real. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  now?: () => number;
  random?: () => number;
}

export interface UpstreamRequest {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /**
   * Relative to the base URL, built with pathOf(...); or an absolute URL the upstream returned (paging
   * links), accepted only on the same origin and below the base path.
   */
  path: string;
  /** Query parameters; undefined values are left out. */
  query?: Record<string, string | number | boolean | undefined>;
  /** Sent JSON-encoded. */
  body?: unknown;
  /** Extra headers, e.g. `{ prefer: 'transient' }` or an idempotency key. */
  headers?: Record<string, string>;
  /** Retry on failure. Default: GET, PUT, DELETE yes; POST, PATCH no (set true when an idempotency key makes it safe). */
  idempotent?: boolean;
}

export interface UpstreamResponse<T = unknown> {
  status: number;
  headers: Headers;
  /** Parsed JSON; the text for other content types; undefined for an empty body (204). */
  body: T;
}

/** What each call needs from its caller. A tool passes its own context, which has all of it. */
export interface UpstreamCallContext {
  readonly identity: Identity;
  /** Aborting it stops the call at once, retries and waits included. */
  readonly signal: AbortSignal;
  /** When given (a tool's logger, tagged with the request id), the call logs through it. */
  readonly logger?: Logger;
}

export interface UpstreamClient {
  /** Sends `request`, retrying and refreshing the token as needed. Throws an UpstreamError for anything but 2xx. */
  request<T = unknown>(request: UpstreamRequest, context: UpstreamCallContext): Promise<UpstreamResponse<T>>;
}

/** One attempt's result: the upstream answered (any status), or it could not be reached in time. */
type Attempt = { answered: true; status: number; headers: Headers; text: string } | { answered: false; reason: UnavailableReason; cause: unknown };

/**
 * The HTTP client of one upstream API. Created once at start-up: its circuit breakers (one per host)
 * are shared by every request.
 *
 * Each request: the URL is checked to stay below the base URL before anything is sent; each attempt
 * has its own timeout; idempotent requests are retried on 429, 502, 503, 504, network errors and
 * timeouts, with capped exponential backoff and full jitter, waiting at least what Retry-After asks;
 * the whole request is bounded by `retry.totalTimeoutMs`. A refused token (401) is replaced once
 * with a fresh one, whatever the method: the upstream did not act on the request. The caller's signal
 * stops everything. Logs name the method, path, status, attempt and duration; never headers, tokens,
 * bodies or query values.
 */
export function createUpstreamClient(options: UpstreamClientOptions): UpstreamClient {
  const { upstream, retry, tokenSource } = options;
  const base = parseBaseUrl(options.baseUrl);
  const now = options.now ?? Date.now;
  const random = options.random ?? Math.random;
  const sleep = options.sleep ?? ((ms: number, signal?: AbortSignal) => delay(ms, undefined, signal === undefined ? {} : { signal }));
  const parseError = options.parseError ?? parseErrorBody;
  const isExpiredToken = options.isExpiredToken ?? ((status: number) => status === 401);
  const authorization = options.authorization ?? ((token: AccessToken) => ({ authorization: `Bearer ${token.value}` }));
  const breakers = new Map<string, CircuitBreaker>();

  const breakerFor = (origin: string): CircuitBreaker => {
    let breaker = breakers.get(origin);
    if (breaker === undefined) {
      breaker = new CircuitBreaker(options.breaker, {
        now,
        onChange: (state) => {
          if (state === 'open') options.logger.warn({ upstream, origin, openMs: options.breaker.openMs }, 'upstream circuit opened: failing fast');
          else if (state === 'closed') options.logger.info({ upstream, origin }, 'upstream circuit closed: calls resumed');
        },
      });
      breakers.set(origin, breaker);
    }
    return breaker;
  };

  /** Where requests go with `token`: below its own API URL when the upstream hands one out, else below baseUrl. */
  const baseFor = (token: AccessToken | undefined): UpstreamBase => {
    if (options.useTokenBaseUrl !== true || token?.apiBaseUrl === undefined) return base;
    try {
      return parseBaseUrl(token.apiBaseUrl);
    } catch (error) {
      throw new UpstreamUnknownError(`${upstream} issued a token for an invalid API address`, { upstream }, { cause: error });
    }
  };

  const urlFor = (request: UpstreamRequest, target: UpstreamBase): URL => {
    const url = resolveBelow(target, request.path);
    for (const [key, value] of Object.entries(request.query ?? {})) {
      if (value !== undefined) url.searchParams.append(key, String(value));
    }
    return url;
  };

  async function send(url: URL, request: UpstreamRequest, token: AccessToken | undefined, timeoutMs: number, signal: AbortSignal): Promise<Attempt> {
    const timeout = AbortSignal.timeout(timeoutMs);
    const headers: Record<string, string> = {
      accept: 'application/json',
      ...(request.body !== undefined && { 'content-type': 'application/json' }),
      ...request.headers,
      ...(token !== undefined && authorization(token)),
    };
    try {
      const response = await fetch(url, {
        method: request.method,
        headers,
        ...(request.body !== undefined && { body: JSON.stringify(request.body) }),
        // A redirect is reported, not followed: it could carry the credentials somewhere else.
        redirect: 'manual',
        signal: AbortSignal.any([signal, timeout]),
      });
      // The body is read under the same timeout: a stalled body is as bad as a stalled answer.
      return { answered: true, status: response.status, headers: response.headers, text: await response.text() };
    } catch (error) {
      signal.throwIfAborted();
      return { answered: false, reason: timeout.aborted ? 'timeout' : 'network', cause: error };
    }
  }

  return {
    async request<T>(request: UpstreamRequest, context: UpstreamCallContext): Promise<UpstreamResponse<T>> {
      const { signal } = context;
      signal.throwIfAborted();
      const logger = (context.logger ?? options.logger).child({ upstream });
      const startedAt = now();
      const deadline = startedAt + retry.totalTimeoutMs;
      const retryable = isIdempotent(request.method, request.idempotent);
      // Refused before anything is sent, the token request included (unless the token decides the host).
      const fixedUrl = options.useTokenBaseUrl === true ? undefined : urlFor(request, base);

      const fetchToken = async (): Promise<AccessToken | undefined> => {
        if (tokenSource === undefined) return undefined;
        try {
          return await tokenSource.getAccessToken({ identity: context.identity, signal });
        } catch (error) {
          if (!signal.aborted) logger.warn({ err: error }, 'cannot obtain an upstream token');
          throw error;
        }
      };
      let token = await fetchToken();
      let url = fixedUrl ?? urlFor(request, baseFor(token));
      let tokenReplaced = false;
      let retries = 0;

      const fields = (attempt: number) => ({ method: request.method, path: url.pathname, attempt, durationMs: now() - startedAt });
      const fail = (error: UpstreamError, attempt: number): UpstreamError => {
        const level = error instanceof UpstreamUnavailableError ? 'warn' : 'info';
        logger[level]({ ...fields(attempt), status: error.details.status, code: error.code, reason: error.details.reason }, 'upstream request failed');
        return error;
      };
      /** Waits before the next retry, or says there is no time (or no retry) left for one. */
      const backOff = async (attempt: number, waitAtLeastMs: number, failure: { status: number } | { reason: UnavailableReason }): Promise<boolean> => {
        if (!retryable || retries >= retry.maxRetries) return false;
        const waitMs = Math.max(backoffDelayMs(retries, retry, random), waitAtLeastMs);
        if (now() + waitMs >= deadline) return false;
        logger.info({ ...fields(attempt), ...failure, delayMs: waitMs }, 'upstream request failed; retrying');
        retries += 1;
        try {
          await sleep(waitMs, signal);
        } catch (error) {
          signal.throwIfAborted();
          throw error;
        }
        return true;
      };

      for (let attempt = 1; ; attempt++) {
        const admission = breakerFor(url.origin).admit();
        if (admission === undefined) {
          throw fail(
            new UpstreamUnavailableError(`${upstream} is failing; calls are paused for a moment to let it recover`, { upstream, reason: 'circuit_open' }),
            attempt,
          );
        }
        const remainingMs = deadline - now();
        if (remainingMs <= 0) {
          admission.done('ignored');
          throw fail(deadlineError(upstream, retry.totalTimeoutMs), attempt);
        }

        let result: Attempt;
        try {
          result = await send(url, request, token, Math.min(options.timeoutMs, remainingMs), signal);
        } catch (error) {
          admission.done('ignored');
          throw error;
        }

        if (!result.answered) {
          admission.done('failure');
          const cutByDeadline = result.reason === 'timeout' && remainingMs < options.timeoutMs;
          const error = cutByDeadline
            ? deadlineError(upstream, retry.totalTimeoutMs, result.cause)
            : new UpstreamUnavailableError(
                result.reason === 'timeout' ? `${upstream} did not answer within ${options.timeoutMs} ms` : `${upstream} cannot be reached`,
                { upstream, reason: result.reason },
                { cause: result.cause },
              );
          if (!cutByDeadline && (await backOff(attempt, 0, { reason: result.reason }))) continue;
          throw fail(error, attempt);
        }

        const { status, headers, text } = result;
        admission.done(status >= 500 ? 'failure' : 'success');
        if (status >= 200 && status < 300) {
          let body: unknown;
          try {
            body = successBody(upstream, headers, text);
          } catch (error) {
            throw fail(error as UpstreamError, attempt);
          }
          logger.debug({ ...fields(attempt), status }, 'upstream request completed');
          return { status, headers, body: body as T };
        }

        const body = errorBody(text);
        if (token !== undefined && tokenSource !== undefined && !tokenReplaced && isExpiredToken(status, body)) {
          tokenReplaced = true;
          tokenSource.invalidate(token);
          const fresh = await fetchToken();
          if (fresh !== undefined && fresh.value !== token.value) {
            logger.info({ ...fields(attempt), status }, 'upstream refused the token; retrying with a fresh one');
            token = fresh;
            url = fixedUrl ?? urlFor(request, baseFor(token));
            continue;
          }
        }

        const retryAfter = retryAfterMs(headers.get('retry-after'), now());
        const error = errorForStatus(upstream, status, parseError(status, body), retryAfter);
        if (isRetryableStatus(status) && (await backOff(attempt, retryAfter ?? 0, { status }))) continue;
        throw fail(error, attempt);
      }
    },
  };
}

function deadlineError(upstream: string, totalTimeoutMs: number, cause?: unknown): UpstreamUnavailableError {
  return new UpstreamUnavailableError(
    `${upstream} did not complete the request within ${totalTimeoutMs} ms`,
    { upstream, reason: 'deadline' },
    cause === undefined ? undefined : { cause },
  );
}
