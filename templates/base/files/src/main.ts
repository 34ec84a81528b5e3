import { parseArgs } from 'node:util';

import { AppError, ConfigError } from './errors.js';
import { ExitCode, exitOnShutdownRequest } from './http/lifecycle.js';
import { startHttpServer } from './http/server.js';
import { loadConfig } from './load-config.js';
import { createLogger } from './logger.js';
import { packageInfo } from './package-info.js';
import { startStdioServer } from './stdio.js';

/** Read before anything slow, so a parent that exits while the server starts is still noticed. */
const parentPidAtStart = process.ppid;

/**
 * Entry point. `--stdio` (or MCP_TRANSPORT=stdio) serves one client over stdin/stdout; otherwise the
 * server listens for Streamable HTTP on HOST:PORT. `--exit-with-parent` (used by the package scripts)
 * also shuts down gracefully when the process that started this one exits.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      stdio: { type: 'boolean', default: false },
      'exit-with-parent': { type: 'boolean', default: false },
    },
    strict: true,
  });
  const config = loadConfig(values.stdio ? { MCP_TRANSPORT: 'stdio' } : {});
  const logger = createLogger({ level: config.LOG_LEVEL, name: packageInfo.name });
  const shutdownOptions = values['exit-with-parent'] ? { parentPid: parentPidAtStart } : {};

  try {
    if (config.MCP_TRANSPORT === 'stdio') {
      const close = await startStdioServer(config, logger);
      exitOnShutdownRequest(close, logger, shutdownOptions);
      return;
    }
    const server = await startHttpServer(config, { logger });
    exitOnShutdownRequest(server.close, logger, shutdownOptions);
  } catch (error) {
    // Once the logger exists, a failed start is one fatal log line: what went wrong, in words.
    if (error instanceof AppError && !(error instanceof ConfigError)) {
      logger.fatal({ code: error.code }, `Failed to start: ${error.message}`);
      process.exit(ExitCode.Failed);
    }
    throw error;
  }
}

main().catch((error: unknown) => {
  // stderr only: stdout may be an MCP stdio channel.
  if (error instanceof ConfigError) {
    process.stderr.write(`${error.message}\nFix them in the environment or in .env (.env.example documents every variable).\n`);
    process.exit(ExitCode.ConfigInvalid);
  }
  const message = error instanceof Error ? error.message : String(error);
  // The message first, where a person reads it; the stack after it, for a bug report.
  process.stderr.write(`Failed to start: ${message}\n${error instanceof Error && error.stack !== undefined ? `${error.stack}\n` : ''}`);
  process.exit(ExitCode.Failed);
});
