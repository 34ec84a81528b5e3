/**
 * A clock and a sleep for code that waits (backoff, token expiry, circuit breakers): sleeping
 * advances the clock at once and records the delay, so tests assert the waits without waiting.
 */
export class VirtualTime {
  /** Delays asked of `sleep`, in order. */
  readonly sleeps: number[] = [];
  #now = Date.UTC(2030, 0, 1);

  readonly now = (): number => this.#now;

  readonly sleep = async (ms: number, signal?: AbortSignal): Promise<void> => {
    signal?.throwIfAborted();
    this.sleeps.push(ms);
    this.#now += ms;
  };

  advance(ms: number): void {
    this.#now += ms;
  }
}
