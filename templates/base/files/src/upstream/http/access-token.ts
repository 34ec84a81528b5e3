/** A credential for the upstream API. Never logged, never part of an error message. */
export interface AccessToken {
  readonly value: string;
  /** When the token stops working (epoch milliseconds); absent when the issuer did not say. */
  readonly expiresAt?: number;
  /** Where the API for this token lives, when the issuer names it (Salesforce `instance_url`). */
  readonly apiBaseUrl?: string;
}

/** A token with the moment it is replaced, by this process and every replica sharing it. */
export interface CachedToken {
  readonly token: AccessToken;
  /** From when on a new token is fetched instead (epoch ms; Infinity for a token without expiry). */
  readonly refreshAt: number;
}
