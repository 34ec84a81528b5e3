import { createLogger, type Logger } from '../../src/logger.js';

export interface CapturedLogs {
  logger: Logger;
  /** Every log line written so far, parsed. */
  entries(): Array<Record<string, unknown>>;
}

/** A real logger whose JSON lines are kept in memory, so tests can assert on what was logged. */
export function captureLogs(level: 'info' | 'debug' = 'info'): CapturedLogs {
  const lines: string[] = [];
  const logger = createLogger({ level, name: 'test' }, { write: (line: string) => void lines.push(line) });
  return { logger, entries: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>) };
}
