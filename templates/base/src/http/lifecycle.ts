import type { Logger } from '../logger.js';

/**
 * Runs `shutdown` once on SIGTERM (orchestrators) or SIGINT (Ctrl+C), then exits 0. A second signal
 * while shutting down exits immediately with 1, for the impatient operator.
 */
export function exitOnShutdownSignal(shutdown: () => Promise<void>, logger: Logger): void {
  let shuttingDown = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (shuttingDown) {
      logger.warn({ signal }, 'second shutdown signal: exiting immediately');
      process.exit(1);
    }
    shuttingDown = true;
    logger.info({ signal }, 'shutting down');
    shutdown().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
}
