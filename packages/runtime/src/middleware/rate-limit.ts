/**
 * A token bucket. Written here rather than taken from a library because it is
 * a dozen lines, needs an injectable clock for tests, and must answer "how long
 * until the next token" so the model can be told when to retry.
 */
import type { RateLimit } from '../definitions.js';

export class TokenBucket {
  private tokens: number;
  private updatedAt: number;
  private readonly capacity: number;
  private readonly perMs: number;

  constructor(
    limit: RateLimit,
    private readonly now: () => number = () => performance.now(),
  ) {
    if (!(limit.perSecond > 0)) throw new RangeError(`rate limit perSecond must be > 0, got ${limit.perSecond}`);
    this.capacity = Math.max(1, limit.burst ?? Math.ceil(limit.perSecond));
    this.perMs = limit.perSecond / 1000;
    this.tokens = this.capacity;
    this.updatedAt = this.now();
  }

  /** Takes a token; returns 0 on success or the milliseconds until one is available. */
  take(): number {
    const now = this.now();
    this.tokens = Math.min(this.capacity, this.tokens + (now - this.updatedAt) * this.perMs);
    this.updatedAt = now;
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return 0;
    }
    return Math.ceil((1 - this.tokens) / this.perMs);
  }
}
