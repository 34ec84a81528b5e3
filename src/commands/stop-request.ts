import { EXIT_CANCELLED } from '../errors.js';
import { stdoutClosed } from '../ui/output.js';

/** Why a run ends before its last step: Ctrl-C, or nobody reads its output any more. */
export type StopReason = 'interrupted' | 'output-closed';

export interface StopRequest {
  /** Aborted by Ctrl-C: stops a running install or git command. */
  readonly signal: AbortSignal;
  /** Why the run should stop, once it should. Async: a lost write is only reported a tick later. */
  reason(): Promise<StopReason | undefined>;
  dispose(): void;
}

/**
 * Listens, while a project is written and set up, for the two ways a run is asked to end early.
 * Neither ends the process on the spot, which could leave a staging directory or a half-made commit
 * behind: the run checks `reason()` between its steps, so the project is written whole or not at all
 * and the commands still to run can be printed. A second Ctrl-C leaves at once.
 */
export function listenForStop(): StopRequest {
  const controller = new AbortController();
  const onInterrupt = (): void => {
    if (controller.signal.aborted) process.exit(EXIT_CANCELLED);
    controller.abort();
  };
  process.on('SIGINT', onInterrupt);
  return {
    signal: controller.signal,
    reason: async () => {
      await new Promise((resolve) => setImmediate(resolve));
      return controller.signal.aborted ? 'interrupted' : stdoutClosed() ? 'output-closed' : undefined;
    },
    dispose: () => {
      process.off('SIGINT', onInterrupt);
    },
  };
}
