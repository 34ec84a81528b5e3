import type { NextFunction, Request, Response } from 'express';

import { AuthError } from '../errors.js';
import { JsonBodyErrorType } from './json-body.js';
import { JsonRpcErrorCode, sendJsonRpcError } from './json-rpc-error.js';

/** Shape of the errors Express's JSON body parser raises (it marks them with `type` and `status`). */
interface BodyParserError {
  type: string;
  status: number;
  message: string;
}

function isBodyParserError(error: unknown): error is BodyParserError {
  return typeof error === 'object' && error !== null && typeof (error as BodyParserError).type === 'string' && typeof (error as BodyParserError).status === 'number';
}

/**
 * Last-resort error handler: turns body-parsing failures and authentication refusals into precise
 * answers, and everything else into a 500 that reveals nothing but the request id.
 */
export function errorHandler(maxBodyBytes: number) {
  // Express recognises error handlers by their four parameters, so `next` must stay in the signature.
  return (error: unknown, req: Request, res: Response, next: NextFunction): void => {
    if (res.headersSent) {
      next(error);
      return;
    }
    if (error instanceof AuthError) {
      if (error.wwwAuthenticate !== undefined) res.setHeader('WWW-Authenticate', error.wwwAuthenticate);
      res.status(error.status).json({ error: error.code, error_description: error.message });
      return;
    }
    if (isBodyParserError(error)) {
      if (error.type === 'entity.too.large') {
        sendJsonRpcError(res, 413, JsonRpcErrorCode.ServerError, `Request body exceeds the limit of ${maxBodyBytes} bytes`);
        return;
      }
      if (error.type === 'entity.parse.failed') {
        sendJsonRpcError(res, 400, JsonRpcErrorCode.ParseError, 'Parse error: the request body is not valid JSON');
        return;
      }
      // Raised by json-body.ts; its message names the limit and nothing else.
      if (error.type === JsonBodyErrorType.TooDeep) {
        sendJsonRpcError(res, 400, JsonRpcErrorCode.ParseError, `Parse error: ${error.message}`);
        return;
      }
      // Raised by json-body.ts for UTF-16 and UTF-32, by the body parser for other charsets.
      if (error.type === JsonBodyErrorType.CharsetUnsupported) {
        sendJsonRpcError(res, 415, JsonRpcErrorCode.InvalidRequest, 'Unsupported charset: JSON request bodies must be UTF-8');
        return;
      }
      if (error.status >= 400 && error.status < 500) {
        sendJsonRpcError(res, error.status, JsonRpcErrorCode.InvalidRequest, `Invalid request body (${error.type})`);
        return;
      }
    }
    req.log.error({ err: error }, 'unhandled error in HTTP request');
    sendJsonRpcError(res, 500, JsonRpcErrorCode.InternalError, `Internal server error (request id ${req.requestId})`);
  };
}
