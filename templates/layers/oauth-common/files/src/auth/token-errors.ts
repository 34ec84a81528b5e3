/** The credentials are not acceptable; `reason` is safe to return to the client (401 invalid_token). */
export class InvalidToken extends Error {
  constructor(readonly reason: string, options?: ErrorOptions) {
    super(reason, options);
  }
}

/**
 * The credentials cannot be checked right now (identity provider unreachable, keys missing, this
 * server's own client credentials refused): the caller is not at fault, so the answer is 503, never 401.
 */
export class VerifierUnavailable extends Error {}

/** Why a token outside its validity window is refused, word for word wherever the window is checked. */
export const TOKEN_EXPIRED = 'The access token has expired';
export const TOKEN_NOT_YET_VALID = 'The access token is not valid yet';
