/** A named dependency check for /readyz: resolves true when healthy; a rejection counts as unhealthy. */
export type ReadinessCheck = () => Promise<boolean>;

export interface ReadinessReport {
  status: 'ready' | 'not_ready' | 'draining';
  checks: Record<string, boolean>;
}

/**
 * Tracks whether this instance should receive traffic: not while shutting down, nor while a
 * dependency (storage, the auth strategy's key material) is unavailable.
 */
export class Readiness {
  readonly #checks: Record<string, ReadinessCheck>;
  #draining = false;

  constructor(checks: Record<string, ReadinessCheck>) {
    this.#checks = checks;
  }

  get draining(): boolean {
    return this.#draining;
  }

  beginDrain(): void {
    this.#draining = true;
  }

  async report(): Promise<ReadinessReport> {
    const entries = await Promise.all(
      Object.entries(this.#checks).map(async ([name, check]) => [name, await check().catch(() => false)] as const),
    );
    const checks = Object.fromEntries(entries);
    if (this.#draining) return { status: 'draining', checks };
    return { status: entries.every(([, healthy]) => healthy) ? 'ready' : 'not_ready', checks };
  }
}
