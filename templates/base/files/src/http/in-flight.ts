import type { NextFunction, Request, Response } from 'express';

/** Counts MCP requests still being answered, so shutdown can wait for them to finish. */
export class InFlightRequests {
  #count = 0;
  #waiters: Array<() => void> = [];

  get count(): number {
    return this.#count;
  }

  readonly middleware = (_req: Request, res: Response, next: NextFunction): void => {
    this.#count++;
    // 'close' fires once per response, whether it completed or the client went away.
    res.once('close', () => {
      this.#count--;
      if (this.#count === 0) for (const resolve of this.#waiters.splice(0)) resolve();
    });
    next();
  };

  /** Resolves once no MCP request is in flight. */
  idle(): Promise<void> {
    if (this.#count === 0) return Promise.resolve();
    return new Promise((resolve) => this.#waiters.push(resolve));
  }
}
