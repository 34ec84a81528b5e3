import { pino, type Bindings, type DestinationStream, type Logger, type LevelWithSilent } from 'pino';

import { redactSecrets } from './log-redaction.js';

export type { Logger } from 'pino';

export interface LoggerOptions {
  level: LevelWithSilent;
  name: string;
}

/** Log "err" / "error" properties with their stack and cause chain, then redact what the error carried. */
const serializeError = (error: unknown) => redactSecrets(pino.stdSerializers.errWithCause(error as Error), 2);
const serializers = { err: serializeError, error: serializeError };
/** Pino serialises these keys after the log formatter has run, so they are redacted in serializeError instead. */
const serializedKeys: ReadonlySet<string> = new Set(Object.keys(serializers));

const redactFields = <T extends object>(fields: T): T => redactSecrets(fields, 1, serializedKeys);

/**
 * JSON logs on stderr. stdout is reserved: over stdio it *is* the MCP protocol channel, and one stray
 * line there corrupts the session. Writes are synchronous so nothing is lost when the process exits.
 *
 * Credentials are redacted here rather than with pino's `redact` option: that one walks every wildcard
 * path over every line and every child's bindings, which under load cost more than the rest of logging.
 */
export function createLogger(options: LoggerOptions, destination: DestinationStream = pino.destination({ fd: 2, sync: true })): Logger {
  const logger = pino(
    {
      name: options.name,
      level: options.level,
      serializers,
      formatters: { log: redactFields },
      hooks: { logMethod: redactInterpolatedValues },
    },
    destination,
  );
  return redactBindings(logger);
}

/**
 * Values formatted into the message (`logger.info('%j', value)`) get the same redaction as an entry. The
 * first argument is left to the log formatter; the ones after it are the message and its values.
 */
function redactInterpolatedValues(this: Logger, args: Parameters<Logger['info']>, log: Logger['info']): void {
  for (let index = 1; index < args.length; index++) args[index] = redactSecrets(args[index]);
  log.apply(this, args);
}

/**
 * Pino resets `formatters.bindings` for child loggers, so bindings are redacted where they enter: in
 * `child` and `setBindings`. Children inherit both from this logger.
 */
function redactBindings(logger: Logger): Logger {
  const { child, setBindings } = logger;
  logger.child = function (this: Logger, bindings: Bindings, childOptions) {
    return child.call(this, redactFields(bindings), childOptions);
  } as Logger['child'];
  logger.setBindings = function (this: Logger, bindings: Bindings) {
    setBindings.call(this, redactFields(bindings));
  };
  return logger;
}
