import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import type { RateLimiter } from '../rate-limit/rate-limiter.js';
import type { Store } from '../storage/store.js';
import type { UpstreamApi } from '../upstream/index.js';

/** Long-lived dependencies, created once at start-up and shared by every request. */
export interface McpServerDeps {
  config: Config;
  logger: Logger;
  store: Store;
  /** The upstream's API clients; their token caches and circuit breakers are shared by every request. */
  upstream: UpstreamApi;
  /**
   * Counts tool calls against the per-tool rate limit, answering a `rate_limited` tool error over it.
   * Given over stdio; over HTTP the app counts calls before the MCP handler, where a refusal is a 429.
   */
  toolCallLimiter?: RateLimiter;
}
