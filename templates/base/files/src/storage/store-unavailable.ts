import { AppError } from '../errors.js';

/**
 * The store could not be opened at start-up: unreachable, refused, or misconfigured. A backend that
 * can say why in words (naming the variable to fix) throws it itself; start-up reports it as it is.
 */
export class StoreUnavailableError extends AppError {
  constructor(message: string, options?: ErrorOptions) {
    super('STORE_UNAVAILABLE', message, options);
  }
}
