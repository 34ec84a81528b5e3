import { createHash } from 'node:crypto';

import type { Logger } from '../logger.js';
import type { Store } from '../storage/store.js';
import type { RateLimitConfig } from './settings.js';

/** Where a caller stands against one limit, once a request or a tool call is counted. */
export interface RateLimitDecision {
  readonly allowed: boolean;
  /** Which limit: every request to /mcp, or the calls of one tool. */
  readonly policy: 'requests' | 'tool_calls';
  /** The tool, for the tool_calls limit. */
  readonly tool?: string;
  /** How many the window admits. */
  readonly limit: number;
  /** How many more this window still admits. */
  readonly remaining: number;
  /** When the window ends and the count starts again, in epoch milliseconds. */
  readonly resetsAt: number;
  readonly windowSeconds: number;
}

export interface RateLimiter {
  /**
   * Counts one request to /mcp by `caller` (see rateLimitCaller). Undefined when the limit is off, or
   * when the store fails: the request then passes.
   */
  countRequest(caller: string): Promise<RateLimitDecision | undefined>;
  /** Counts one call of `tool` by `caller`, likewise. */
  countToolCall(caller: string, tool: string): Promise<RateLimitDecision | undefined>;
}

/**
 * Fixed-window limits counted in `store` (see store.increment), so every replica on a shared backend
 * counts into the same windows. Callers are stored by the hash of their name, so the store holds no
 * subject or address.
 *
 * A store that fails lets the request through (fail open) and logs one warning per outage: a limit
 * protects the server from floods, and refusing every caller while the store is down would turn a
 * storage hiccup into a full outage, which is worse than an unmetered minute.
 */
export function createRateLimiter(store: Store, config: RateLimitConfig, logger: Logger): RateLimiter {
  const windowSeconds = config.RATE_LIMIT_WINDOW_SECONDS;
  let outage = false;

  const count = async (key: string, limit: number, policy: RateLimitDecision['policy'], tool?: string): Promise<RateLimitDecision | undefined> => {
    if (limit === 0) return undefined;
    try {
      const { count: used, resetsAt } = await store.increment(key, windowSeconds);
      outage = false;
      return { allowed: used <= limit, policy, ...(tool !== undefined && { tool }), limit, remaining: Math.max(0, limit - used), resetsAt, windowSeconds };
    } catch (error) {
      if (!outage) logger.warn({ err: error }, 'the store is unavailable; requests pass without rate limits until it answers again');
      outage = true;
      return undefined;
    }
  };

  return {
    countRequest: (caller) => count(`requests:${hashed(caller)}`, config.RATE_LIMIT_REQUESTS, 'requests'),
    countToolCall: (caller, tool) => count(`tool:${tool}:${hashed(caller)}`, config.RATE_LIMIT_TOOL_CALLS, 'tool_calls', tool),
  };
}

function hashed(caller: string): string {
  return createHash('sha256').update(caller).digest('base64url');
}

/** Milliseconds until the window of `decision` ends: when a refused caller may try again. */
export function retryAfterMs(decision: RateLimitDecision, now: number): number {
  return Math.min(decision.windowSeconds * 1000, Math.max(0, decision.resetsAt - now));
}

/** What a refused caller is told, naming the limit and when to retry. */
export function rateLimitMessage(decision: RateLimitDecision, waitMs: number): string {
  const what = decision.policy === 'requests' ? 'requests' : `calls of the tool "${decision.tool ?? ''}"`;
  return `Rate limit reached: at most ${decision.limit} ${what} per ${decision.windowSeconds} s for each caller; retry in ${Math.max(1, Math.ceil(waitMs / 1000))} s`;
}

/** The machine-readable facts of a refusal, the same over HTTP (JSON-RPC error data) and stdio (tool error details). */
export function rateLimitDetails(decision: RateLimitDecision, waitMs: number): Record<string, string | number> {
  return {
    policy: decision.policy,
    ...(decision.tool !== undefined && { tool: decision.tool }),
    limit: decision.limit,
    windowSeconds: decision.windowSeconds,
    retryAfterMs: waitMs,
  };
}
