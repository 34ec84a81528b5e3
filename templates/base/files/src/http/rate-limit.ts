import type { NextFunction, Request, Response } from 'express';

import type { Identity } from '../auth/types.js';
import type { ToolDefinition } from '../mcp/define-tool.js';
import { rateLimitCaller } from '../rate-limit/caller.js';
import { rateLimitDetails, rateLimitMessage, retryAfterMs, type RateLimitDecision, type RateLimiter } from '../rate-limit/rate-limiter.js';
import { JsonRpcErrorCode } from './json-rpc-error.js';
import { toolCallsIn } from './tool-calls.js';

type LimitedRequest = Request & { identity?: Identity; rateLimit?: RateLimitDecision };

/**
 * Counts every request to /mcp against the caller's request limit, before its body is read. Placed
 * after authentication: the caller is the authenticated subject, or the client address without
 * authentication (see rateLimitCaller).
 */
export function requestRateLimit(limiter: RateLimiter, now: () => number = Date.now) {
  return async (req: LimitedRequest, res: Response, next: NextFunction): Promise<void> => {
    if (req.identity === undefined) throw new Error('The request rate limit runs after authentication');
    const caller = rateLimitCaller(req.identity, req.ip);
    const decision = await limiter.countRequest(caller);
    if (decision !== undefined && !decision.allowed) {
      refuse(req, res, decision, { id: null, caller }, now());
      return;
    }
    if (decision !== undefined) {
      req.rateLimit = decision;
      setRateLimitFields(res, decision, now());
    }
    next();
  };
}

/**
 * Counts each `tools/call` of a known tool in the body against the caller's limit for that tool, and
 * refuses the request with 429 when one is over it. Calls of unknown tools are not counted (the MCP
 * handler refuses them), so made-up names cannot fill the store with counters.
 */
export function toolCallRateLimit(limiter: RateLimiter, tools: readonly ToolDefinition[], now: () => number = Date.now) {
  const known = new Set(tools.map((tool) => tool.name));
  return async (req: LimitedRequest, res: Response, next: NextFunction): Promise<void> => {
    if (req.identity === undefined) throw new Error('The tool call rate limit runs after authentication');
    const caller = rateLimitCaller(req.identity, req.ip);
    let closest = req.rateLimit;
    for (const call of toolCallsIn(req.body)) {
      if (!known.has(call.tool)) continue;
      const decision = await limiter.countToolCall(caller, call.tool);
      if (decision === undefined) continue;
      if (!decision.allowed) {
        refuse(req, res, decision, { id: call.id, caller }, now());
        return;
      }
      if (closest === undefined || decision.remaining < closest.remaining) closest = decision;
    }
    // The fields describe the limit closest to refusing, as the RateLimit fields draft asks with several.
    if (closest !== undefined) setRateLimitFields(res, closest, now());
    next();
  };
}

/**
 * The RateLimit-Limit, RateLimit-Remaining and RateLimit-Reset fields of
 * draft-ietf-httpapi-ratelimit-headers-06 (the form clients and proxies read today): the window's
 * limit, what is left of it, and the seconds until it resets.
 */
function setRateLimitFields(res: Response, decision: RateLimitDecision, now: number): void {
  res.setHeader('RateLimit-Limit', String(decision.limit));
  res.setHeader('RateLimit-Remaining', String(decision.remaining));
  res.setHeader('RateLimit-Reset', String(Math.ceil(retryAfterMs(decision, now) / 1000)));
}

/** 429 with Retry-After and the RateLimit fields, and a JSON-RPC error MCP clients can read. */
function refuse(req: Request, res: Response, decision: RateLimitDecision, { id, caller }: { id: string | number | null; caller: string }, now: number): void {
  const waitMs = retryAfterMs(decision, now);
  req.log.info({ caller, policy: decision.policy, tool: decision.tool, limit: decision.limit, retryAfterMs: waitMs }, 'refused a request: rate limit reached');
  setRateLimitFields(res, decision, now);
  res.setHeader('Retry-After', String(Math.max(1, Math.ceil(waitMs / 1000))));
  res.status(429).json({
    jsonrpc: '2.0',
    error: { code: JsonRpcErrorCode.ServerError, message: rateLimitMessage(decision, waitMs), data: { code: 'rate_limited', ...rateLimitDetails(decision, waitMs) } },
    id,
  });
}
