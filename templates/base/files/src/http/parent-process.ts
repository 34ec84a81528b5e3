/** How often the parent is checked: often enough that a drain starts promptly, rarely enough to cost nothing. */
const CHECK_INTERVAL_MS = 500;

/**
 * Calls `onExit` once the process `parentPid` stops being this process's parent, which happens when it
 * exits: the operating system hands this process to init or a subreaper. Record `parentPid` early
 * (`process.ppid` at start-up), so a parent that exits during start-up is noticed too. The check never
 * keeps the event loop alive. Windows does not re-parent processes, so there it never fires.
 */
export function watchParentProcess(parentPid: number, onExit: () => void, intervalMs: number = CHECK_INTERVAL_MS): () => void {
  const timer = setInterval(() => {
    if (process.ppid === parentPid) return;
    clearInterval(timer);
    onExit();
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
