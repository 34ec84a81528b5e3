import { describe, expect, it } from 'vitest';

import { createRateLimiter } from '../../src/rate-limit/rate-limiter.js';
import { testConfig } from '../helpers/config.js';
import { connectInProcess } from '../helpers/in-process-client.js';
import { captureLogs } from '../helpers/logs.js';
import { isolatedStore } from '../helpers/test-store.js';
import { toolErrorOf } from '../helpers/tool-results.js';

/**
 * Over stdio no HTTP layer stands in front of the MCP server, so the server counts tool calls itself
 * (the stdio entry gives it the limiter, as these connections do) and answers a tool error.
 */
describe('per-tool rate limit inside the MCP server (stdio)', () => {
  it('answers a call over the limit with a rate_limited tool error saying when to retry', async () => {
    const config = testConfig({ RATE_LIMIT_TOOL_CALLS: '2', RATE_LIMIT_WINDOW_SECONDS: '60' });
    const connection = await connectInProcess('modern', { toolCallLimiter: createRateLimiter(isolatedStore(), config, captureLogs().logger) });
    try {
      const call = () => connection.client.callTool({ name: 'echo', arguments: { text: 'again' } });
      const results = [await call(), await call(), await call()];
      expect(results.map((result) => result.isError ?? false)).toEqual([false, false, true]);
      const refused = results[2];
      if (refused === undefined) throw new Error('expected three results');
      expect(toolErrorOf(refused)).toEqual({
        code: 'rate_limited',
        message: expect.stringMatching(/^Rate limit reached: at most 2 calls of the tool "echo" per 60 s for each caller; retry in \d+ s$/),
        policy: 'tool_calls',
        tool: 'echo',
        limit: 2,
        windowSeconds: 60,
        retryAfterMs: expect.any(Number),
      });
      expect(toolErrorOf(refused)?.retryAfterMs).toBeLessThanOrEqual(60_000);
      // Another tool keeps an allowance of its own.
      expect((await connection.client.callTool({ name: 'whoami', arguments: {} })).isError ?? false).toBe(false);
    } finally {
      await connection.close();
    }
  });
});
