import { ProtocolError, ProtocolErrorCode } from '@modelcontextprotocol/server';

import type { RequestContext } from './context.js';

/**
 * The error policy of resource reads and prompt renders, which have no `isError` result channel:
 * a ProtocolError (including ResourceNotFoundError) is deliberate and reaches the client as is;
 * anything else is a bug, logged with its stack and reported as a generic internal error that
 * names the request id, so no internal detail leaks to the client.
 */
export function toProtocolError(error: unknown, ctx: RequestContext, what: string): ProtocolError {
  if (ProtocolError.isInstance(error)) {
    ctx.logger.info({ code: error.code, message: error.message }, `${what} refused`);
    return error;
  }
  if (ctx.signal.aborted) {
    ctx.logger.info({ reason: String(ctx.signal.reason) }, `${what} cancelled`);
  } else {
    ctx.logger.error({ err: error }, `${what} crashed`);
  }
  return new ProtocolError(
    ProtocolErrorCode.InternalError,
    `The server failed unexpectedly. Reference request id ${ctx.requestId} when reporting this problem.`,
  );
}
