import { performance } from 'node:perf_hooks';

import type { Logger } from '../logger.js';
import { watchParentProcess } from './parent-process.js';

/** Exit statuses of the server process. */
export const ExitCode = {
  Stopped: 0,
  Failed: 1,
  /** The configuration is invalid (EX_CONFIG in sysexits.h): fix the settings, do not just restart. */
  ConfigInvalid: 78,
} as const;

/**
 * A shutdown signal arriving this soon after the first is the same request delivered twice, not an
 * operator insisting: Ctrl+C in a terminal signals every process in the foreground group, and npm (where
 * its shell hands over to the server) or dev mode passes the same signal on once more.
 */
const REPEATED_DELIVERY_MS = 1_000;

export interface ShutdownTriggerOptions {
  /**
   * Also shut down when this process, the parent at start-up, exits (`--exit-with-parent`). Package
   * managers run scripts through a shell that dies on SIGTERM without passing it on; without this the
   * server would keep serving, orphaned, and never drain.
   */
  parentPid?: number;
}

/**
 * Runs `shutdown` once on SIGTERM (orchestrators), SIGINT (Ctrl+C) or the exit of the parent process
 * (when asked to), then exits 0, or 1 if shutdown failed. A signal arriving later than a moment after
 * the first exits at once with 1, for the impatient operator.
 */
export function exitOnShutdownRequest(shutdown: () => Promise<void>, logger: Logger, options: ShutdownTriggerOptions = {}): void {
  let shutdownStartedAt: number | undefined;

  const beginShutdown = (cause: Record<string, unknown>) => {
    shutdownStartedAt = performance.now();
    logger.info(cause, 'shutting down');
    shutdown().then(
      () => process.exit(ExitCode.Stopped),
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(ExitCode.Failed);
      },
    );
  };

  const onSignal = (signal: NodeJS.Signals) => {
    if (shutdownStartedAt === undefined) {
      beginShutdown({ signal });
      return;
    }
    if (performance.now() - shutdownStartedAt < REPEATED_DELIVERY_MS) {
      logger.debug({ signal }, 'shutdown signal delivered again; still draining');
      return;
    }
    logger.warn({ signal }, 'second shutdown signal: exiting immediately');
    process.exit(ExitCode.Failed);
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);

  const { parentPid } = options;
  if (parentPid !== undefined) {
    watchParentProcess(parentPid, () => {
      if (shutdownStartedAt === undefined) beginShutdown({ parentPid, reason: 'the parent process exited' });
    });
  }
}
