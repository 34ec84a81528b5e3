import { parseArgs } from 'node:util';

import { loadConfig } from './config.js';
import { ConfigError } from './errors.js';
import { exitOnShutdownSignal } from './http/lifecycle.js';
import { startHttpServer } from './http/server.js';
import { createLogger } from './logger.js';
import { packageInfo } from './package-info.js';
import { startStdioServer } from './stdio.js';

/**
 * Entry point. `--stdio` (or MCP_TRANSPORT=stdio) serves one client over stdin/stdout; otherwise the
 * server listens for Streamable HTTP on HOST:PORT.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({ options: { stdio: { type: 'boolean', default: false } }, strict: true });
  const config = loadConfig(values.stdio ? { MCP_TRANSPORT: 'stdio' } : {});
  const logger = createLogger({ level: config.LOG_LEVEL, name: packageInfo.name });

  if (config.MCP_TRANSPORT === 'stdio') {
    const close = await startStdioServer(config, logger);
    exitOnShutdownSignal(close, logger);
    return;
  }
  const server = await startHttpServer(config, { logger });
  exitOnShutdownSignal(server.close, logger);
}

main().catch((error: unknown) => {
  // stderr only: stdout may be an MCP stdio channel.
  if (error instanceof ConfigError) {
    process.stderr.write(`${error.message}\n`);
  } else {
    process.stderr.write(`Failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  }
  process.exit(1);
});
