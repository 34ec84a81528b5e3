/**
 * The server's error vocabulary. Every error we raise on purpose carries a stable, machine-readable
 * `code` so logs, alerts and clients can match on it without parsing messages.
 */
export class AppError extends Error {
  readonly code: string;

  constructor(code: string, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
  }
}

/** Start-up configuration is invalid. Lists every problem, not just the first, so one fix cycle suffices. */
export class ConfigError extends AppError {
  readonly problems: readonly string[];

  constructor(problems: readonly string[]) {
    super('CONFIG_INVALID', `Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.problems = problems;
  }
}

/**
 * Facts about a tool failure that a client can act on without parsing the message (which field was
 * refused, when to retry). JSON values only: they are sent to the client as they are.
 */
export type ToolErrorDetails = Readonly<Record<string, unknown>>;

export interface ToolErrorOptions extends ErrorOptions {
  details?: ToolErrorDetails;
}

/**
 * An expected tool failure whose message is safe to show to the client (and the model behind it).
 * Throw it from a tool handler for failures the caller can act on; the message becomes an
 * `isError: true` result, and the code, message and `details` its machine-readable error
 * (src/mcp/tool-error-result.ts). Any other exception is treated as a bug: logged with its stack,
 * and the client only sees a generic message with the request id.
 */
export class ToolError extends AppError {
  readonly details: ToolErrorDetails | undefined;

  constructor(code: string, message: string, options: ToolErrorOptions = {}) {
    const { details, ...errorOptions } = options;
    super(code, message, errorOptions);
    this.details = details;
  }
}

/**
 * The HTTP caller is not authenticated or not allowed. Authenticators throw it; the HTTP layer turns it
 * into `status` with an optional `WWW-Authenticate` challenge, before any MCP processing happens.
 * 400: the credential was presented in a forbidden way (e.g. in the query string); 401: no valid
 * credential; 403: valid but not allowed; 503: the strategy cannot check credentials right now
 * (e.g. the identity provider's keys are unreachable).
 */
export class AuthError extends AppError {
  readonly status: 400 | 401 | 403 | 503;
  readonly wwwAuthenticate: string | undefined;

  constructor(code: string, message: string, options: { status: 400 | 401 | 403 | 503; wwwAuthenticate?: string }) {
    super(code, message);
    this.status = options.status;
    this.wwwAuthenticate = options.wwwAuthenticate;
  }
}
