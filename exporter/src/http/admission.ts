import { ApiHttpError } from './errors';

/**
 * Bounds the writes waiting for the database. When all slots are busy and the waiting room is full,
 * a write is refused at once with 503 + Retry-After instead of joining an unbounded queue.
 */
export class WriteGate {
  private active = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(
    private readonly maxActive: number,
    private readonly maxWaiting: number,
    private readonly retryAfterSeconds = 1,
  ) {}

  get inFlight(): number {
    return this.active + this.waiting.length;
  }

  async run<T>(fn: () => Promise<T>): Promise<T> {
    if (this.active >= this.maxActive) {
      if (this.waiting.length >= this.maxWaiting)
        throw new ApiHttpError(503, 'the database is saturated; retry later', undefined, {
          'retry-after': String(this.retryAfterSeconds),
        });
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else this.active++;
    try {
      return await fn();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.active--;
    }
  }

  /** Resolves once nothing is running or waiting (graceful shutdown). */
  async drain(pollMs = 20): Promise<void> {
    while (this.inFlight > 0) await new Promise((r) => setTimeout(r, pollMs));
  }
}
