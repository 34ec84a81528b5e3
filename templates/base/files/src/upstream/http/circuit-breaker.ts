/** When to stop calling an upstream that keeps failing, and for how long. */
export interface BreakerPolicy {
  /** Consecutive failures (5xx, network errors, timeouts) that open the circuit. */
  failureThreshold: number;
  /** How long an open circuit refuses calls before one probe may test the upstream again. */
  openMs: number;
}

export type BreakerState = 'closed' | 'open' | 'half_open';

/** How an admitted call ended: `ignored` says nothing about the upstream's health (the caller gave up). */
export type CallOutcome = 'success' | 'failure' | 'ignored';

/** A call the breaker let through. */
export interface Admission {
  /** Reports how the call ended; exactly once. */
  done(outcome: CallOutcome): void;
}

/**
 * A circuit breaker: after `failureThreshold` consecutive failures, calls fail at once for `openMs`
 * instead of piling onto an upstream that is down (and making every tool call wait for its timeout).
 * Then one probe is let through: success closes the circuit, failure opens it again.
 */
export class CircuitBreaker {
  readonly #policy: BreakerPolicy;
  readonly #now: () => number;
  readonly #onChange: (state: BreakerState) => void;
  #state: BreakerState = 'closed';
  #failures = 0;
  #openedAt = 0;
  #probing = false;

  constructor(policy: BreakerPolicy, options: { now: () => number; onChange?: (state: BreakerState) => void }) {
    this.#policy = policy;
    this.#now = options.now;
    this.#onChange = options.onChange ?? (() => undefined);
  }

  get state(): BreakerState {
    return this.#state;
  }

  /** Lets a call go ahead now, or refuses it (undefined) while the circuit is open or a probe is under way. */
  admit(): Admission | undefined {
    if (this.#state === 'open') {
      if (this.#now() - this.#openedAt < this.#policy.openMs) return undefined;
      this.#transition('half_open');
    }
    if (this.#state === 'closed') return { done: (outcome) => this.#recordCall(outcome) };
    if (this.#probing) return undefined;
    this.#probing = true;
    return { done: (outcome) => this.#recordProbe(outcome) };
  }

  #recordCall(outcome: CallOutcome): void {
    if (outcome === 'ignored') return;
    if (outcome === 'success') {
      this.#failures = 0;
      return;
    }
    this.#failures += 1;
    // Calls admitted before the circuit opened may still be finishing; they do not reopen it.
    if (this.#state === 'closed' && this.#failures >= this.#policy.failureThreshold) this.#open();
  }

  #recordProbe(outcome: CallOutcome): void {
    this.#probing = false;
    if (outcome === 'success') {
      this.#failures = 0;
      this.#transition('closed');
    } else if (outcome === 'failure') {
      this.#open();
    }
  }

  #open(): void {
    this.#openedAt = this.#now();
    this.#transition('open');
  }

  #transition(state: BreakerState): void {
    this.#state = state;
    this.#onChange(state);
  }
}
