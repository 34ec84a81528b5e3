import { AppError, ToolError } from '../../errors.js';

/** Why a sign-in at the upstream did not complete. */
export type SignInErrorCode =
  /** The user declined, or the upstream refused the request (error=access_denied and the like). */
  | 'sign_in_refused'
  /** The callback carries no state, or one that was never issued, has expired or was already used. */
  | 'sign_in_expired'
  /** The callback is not a valid answer to our request (wrong issuer, no code...). */
  | 'invalid_callback'
  /** The upstream's token endpoint refused to exchange the code. */
  | 'code_exchange_refused'
  /** The upstream cannot be reached or answered out of protocol. */
  | 'upstream_unavailable';

/**
 * A sign-in that cannot complete. The message is written for the person signing in (it is safe to
 * show on a page: no token, code or secret); `interactionUid` is set once the callback is tied to
 * the sign-in it answers, so that sign-in can be ended with an error rather than left hanging.
 */
export class SignInError extends AppError {
  declare readonly code: SignInErrorCode;
  readonly interactionUid: string | undefined;
  /** The OAuth error the upstream answered with (access_denied, invalid_grant...), when it did. */
  readonly upstreamError: string | undefined;

  constructor(code: SignInErrorCode, message: string, options: ErrorOptions & { interactionUid?: string; upstreamError?: string } = {}) {
    const { interactionUid, upstreamError, ...errorOptions } = options;
    super(code, message, errorOptions);
    this.interactionUid = interactionUid;
    this.upstreamError = upstreamError;
  }
}

export const SIGN_IN_AGAIN = 'sign_in_again';

/**
 * What a tool call gets when the user's upstream sign-in is over (refused, revoked, expired): the
 * only way on is to sign in again, which an MCP client does when it connects anew.
 */
export function signInAgainError(upstream: string): ToolError {
  return new ToolError(
    SIGN_IN_AGAIN,
    `Your ${upstream} sign-in has ended (it expired or was revoked). Sign in again: reconnect this server in your MCP client, then retry.`,
    { details: { upstream } },
  );
}

/** The upstream answered within the protocol, but with something this server cannot accept (an ID token of an unknown issuer, no user). */
export class UnacceptableAnswerError extends Error {}

/**
 * A stand-in for an error of the OAuth library or the network, to chain as a `cause`: its message
 * (and its own cause's, for network failures), nothing else. The library's errors carry what the
 * upstream sent (callback parameters with the code, token responses with the tokens), which must
 * not reach a log line through the cause chain.
 */
export function safeCause(error: unknown): Error {
  if (!(error instanceof Error)) return new Error(String(error));
  const inner = error.cause instanceof Error ? `: ${error.cause.message}` : '';
  const standIn = new Error(`${error.message}${inner}`);
  standIn.name = error.name;
  return standIn;
}
