import express, { type Request, type RequestHandler } from 'express';

import { exceedsJsonDepth } from './json-nesting.js';

/** Body-parser error types this parser raises, matched by the error handler. */
export const JsonBodyErrorType = {
  TooDeep: 'entity.too.deep',
  CharsetUnsupported: 'charset.unsupported',
} as const;

/**
 * Refusal raised while the body is checked. Express's body parser keeps `status` and `type` when it
 * passes the error on, so the error handler answers it like the parser's own errors.
 */
class JsonBodyRefusal extends Error {
  constructor(
    readonly status: 400 | 415,
    readonly type: string,
    message: string,
  ) {
    super(message);
  }
}

export interface JsonBodyOptions {
  /** Largest accepted body in bytes (after decompression). */
  maxBytes: number;
  /** Deepest accepted nesting of arrays and objects. */
  maxDepth: number;
}

/**
 * Parses `application/json` bodies into `req.body`, keeping the exact bytes received in `req.rawBody`
 * for strategies whose proof covers them (see Authenticator.verifyBody). Before parsing it refuses
 * bodies that are not UTF-8 (RFC 8259 requires it between systems, and the depth check reads UTF-8)
 * and bodies nested deeper than `maxDepth`, which would otherwise overflow the stack of whatever
 * walks the parsed value recursively and end as a 500.
 */
export function jsonBody({ maxBytes, maxDepth }: JsonBodyOptions): RequestHandler {
  return express.json({
    limit: maxBytes,
    verify: (req: Request & { rawBody?: Buffer }, _res, bytes, encoding) => {
      if (encoding !== 'utf-8') {
        throw new JsonBodyRefusal(415, JsonBodyErrorType.CharsetUnsupported, `request body in ${encoding}, not UTF-8`);
      }
      if (exceedsJsonDepth(bytes, maxDepth)) {
        throw new JsonBodyRefusal(400, JsonBodyErrorType.TooDeep, `JSON nested deeper than ${maxDepth} levels`);
      }
      req.rawBody = bytes;
    },
  });
}
