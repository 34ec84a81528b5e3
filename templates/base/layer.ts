import { optionalSecret, optionalSetting, type Layer } from '../../src/features/unit.js';

/** What every generated project has, whatever the options: the layer every unit goes on. */
export default {
  folder: 'base',
  seams: {
    'tests/helpers/auth-settings.ts': 'placeholder settings the tests give the auth strategy: a strategy with required settings of its own replaces it',
    'tests/helpers/storage-settings.ts': 'settings giving each store a test opens data of its own: a backend keeping data in local files or on a server replaces it',
  },
  dependencies: [
    '@modelcontextprotocol/server',
    'express',
    'pino',
    'zod',
  ],
  devDependencies: ['@modelcontextprotocol/client', '@types/express', '@types/node', 'tsx', 'typescript', 'vitest'],
  envVars: [
    optionalSetting('NODE_ENV', 'Runtime mode: development, production or test.', 'development'),
    optionalSetting('LOG_LEVEL', 'Log verbosity: fatal, error, warn, info, debug, trace or silent. Logs are JSON lines on stderr.', 'info'),
    optionalSetting('MCP_TRANSPORT', 'Transport: http (Streamable HTTP on HOST:PORT) or stdio. The --stdio flag overrides it.', 'http'),
    optionalSetting('HOST', 'Address the HTTP server binds to. Keep 127.0.0.1 unless other machines must reach the server.', '127.0.0.1'),
    optionalSetting('PORT', 'TCP port of the HTTP server (0 picks a free port).', '3000'),
    optionalSetting('PUBLIC_URL', 'Canonical external URL of the server, e.g. behind a reverse proxy. Its host is accepted in the Host header and its origin in the Origin header.', 'https://mcp.example.com'),
    optionalSetting('ALLOWED_HOSTS', 'Comma-separated extra host names accepted in the Host header. Loopback names and the host of PUBLIC_URL are always accepted.', 'mcp.internal.example.com'),
    optionalSetting('ALLOWED_ORIGINS', 'Comma-separated browser origins allowed to call the server. Requests without an Origin header and same-origin requests always pass.', 'https://app.example.com'),
    optionalSetting('MAX_BODY_BYTES', 'Largest accepted request body in bytes; larger requests are refused with 413.', '1048576'),
    optionalSetting('MAX_JSON_DEPTH', "Deepest nesting of arrays and objects accepted in a request body (at least 8; a tool call's arguments start at level 3); deeper bodies are refused with 400 before they are parsed.", '64'),
    optionalSetting('SHUTDOWN_TIMEOUT_MS', 'On SIGTERM/SIGINT, how long to let in-flight requests finish before closing them, in milliseconds.', '10000'),
    optionalSetting('HTTP_HEADERS_TIMEOUT_MS', 'Longest time a client may take to send the request headers, in milliseconds; slower clients get 408 and are disconnected. At most HTTP_REQUEST_TIMEOUT_MS.', '10000'),
    optionalSetting('HTTP_REQUEST_TIMEOUT_MS', 'Longest time a client may take to send the whole request (headers and body), in milliseconds. It does not limit the answer: a long tool call may take as long as it needs.', '30000'),
    optionalSetting('HTTP_KEEP_ALIVE_TIMEOUT_MS', 'How long an idle keep-alive connection stays open, in milliseconds. Keep it above the idle timeout of the load balancer in front (60 s on AWS ALB and nginx; 600 s on Google Cloud: use 620000) so the balancer, not the server, closes idle connections.', '65000'),
    optionalSetting('HTTP_MAX_CONNECTIONS', 'Most simultaneous connections the HTTP server accepts; further connections are closed at once. Unset: no limit of its own.', '1000'),
    optionalSetting(
      'TRUST_PROXY',
      'Reverse proxies whose X-Forwarded-For names the client address (which rate-limits callers without authentication): a number of hops, e.g. 1 behind one load balancer, or comma-separated proxy addresses and subnets (10.0.0.0/8, loopback, uniquelocal). Unset: the address is the TCP peer, and every caller behind a proxy shares its limit.',
      '1',
    ),
    optionalSetting('RATE_LIMIT_WINDOW_SECONDS', 'Length of one rate-limit window, in seconds. Limits count per caller (the authenticated subject, or the client address without authentication) in fixed windows kept in the store, so replicas on a shared store share them.', '60'),
    optionalSetting('RATE_LIMIT_REQUESTS', 'Requests to /mcp one caller may send per window, whatever they carry (listings and notifications count too); more get 429 with Retry-After. 0 switches the limit off.', '1200'),
    optionalSetting('RATE_LIMIT_TOOL_CALLS', 'Calls of one tool one caller may make per window; more get 429 over HTTP and a rate_limited tool error over stdio. 0 switches the limit off.', '300'),
    optionalSetting('UPSTREAM_TIMEOUT_MS', 'Longest wait for one attempt of an upstream API call (connecting, the answer and its body), in milliseconds.', '10000'),
    optionalSetting('UPSTREAM_MAX_RETRIES', 'Retries of a failed upstream call (429, 502, 503, 504, network errors, timeouts). Only idempotent calls are retried.', '3'),
    optionalSetting('UPSTREAM_RETRY_BASE_MS', 'First backoff step between retries, in milliseconds; it doubles each retry, with random jitter.', '200'),
    optionalSetting('UPSTREAM_RETRY_MAX_MS', 'Longest backoff between two retries, in milliseconds (a longer Retry-After from the upstream is still honoured).', '5000'),
    optionalSetting('UPSTREAM_TOTAL_TIMEOUT_MS', 'Longest time one upstream call may take, retries and waits included, in milliseconds.', '30000'),
    optionalSetting('UPSTREAM_BREAKER_FAILURES', 'Consecutive upstream failures (5xx, network errors, timeouts) after which calls fail fast for a while.', '5'),
    optionalSetting('UPSTREAM_BREAKER_OPEN_MS', 'How long calls fail fast once the upstream keeps failing, before one call probes it again, in milliseconds.', '30000'),
    optionalSecret(
      'STORE_SEALING_KEYS',
      "Keys that encrypt stored secrets (upstream tokens, grants) at rest: comma-separated id:key pairs, the first sealing new values, the others only opening what they sealed (rotation). Each key is 32 random bytes in base64url: node -e \"console.log('k1:' + require('node:crypto').randomBytes(32).toString('base64url'))\". Required in production with a durable store; unset elsewhere, a key is made up per process.",
    ),
    optionalSetting('UPSTREAM_TOKEN_REFRESH_BEFORE_SECONDS', "How long before expiry this server's own upstream token is replaced, in seconds.", '60'),
  ],
} as const satisfies Layer;
