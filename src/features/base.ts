import type { BaseFeature } from './types.js';

/** What every generated project has, whatever the options. */
export const baseFeature = {
  overlay: 'base',
  dependencies: [
    '@modelcontextprotocol/express',
    '@modelcontextprotocol/node',
    '@modelcontextprotocol/server',
    'express',
    'pino',
    'zod',
  ],
  devDependencies: ['@modelcontextprotocol/client', '@types/express', '@types/node', 'tsx', 'typescript', 'vitest'],
  envVars: [
    {
      name: 'NODE_ENV',
      description: 'Runtime mode: development, test or production.',
      example: 'development',
      required: false,
      secret: false,
    },
    {
      name: 'LOG_LEVEL',
      description: 'pino log level: fatal, error, warn, info, debug, trace or silent. Logs go to stderr as JSON.',
      example: 'info',
      required: false,
      secret: false,
    },
    {
      name: 'MCP_TRANSPORT',
      description: 'http serves Streamable HTTP on /mcp; stdio serves one client on stdin/stdout (same as --stdio).',
      example: 'http',
      required: false,
      secret: false,
    },
    {
      name: 'HOST',
      description: 'Interface to bind. 127.0.0.1 for local use; the Docker image sets 0.0.0.0.',
      example: '127.0.0.1',
      required: false,
      secret: false,
    },
    { name: 'PORT', description: 'TCP port to listen on.', example: '3000', required: false, secret: false },
    {
      name: 'PUBLIC_URL',
      description: 'The canonical external URL of this server (e.g. https://mcp.example.com). Its host is allowed automatically.',
      example: '',
      required: false,
      secret: false,
    },
    {
      name: 'ALLOWED_HOSTS',
      description: 'Comma-separated Host header names accepted on every request (DNS-rebinding protection). Defaults to loopback names plus the host of PUBLIC_URL.',
      example: 'localhost,127.0.0.1,[::1]',
      required: false,
      secret: false,
    },
    {
      name: 'ALLOWED_ORIGINS',
      description: 'Comma-separated browser origins allowed to call /mcp. Requests without an Origin header (non-browser clients) always pass.',
      example: '',
      required: false,
      secret: false,
    },
    {
      name: 'MAX_BODY_BYTES',
      description: 'Largest accepted request body in bytes; bigger requests get 413.',
      example: '1048576',
      required: false,
      secret: false,
    },
    {
      name: 'SHUTDOWN_TIMEOUT_MS',
      description: 'On SIGTERM/SIGINT, how long in-flight requests may finish before the process exits.',
      example: '10000',
      required: false,
      secret: false,
    },
  ],
  readme: [],
} as const satisfies BaseFeature;
