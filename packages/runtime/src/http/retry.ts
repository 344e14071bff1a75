/**
 * When to try again and how long to wait. Hand-written rather than taken from
 * a retry library (p-retry, async-retry): the waits come from the upstream's
 * own headers (`Retry-After`, GitHub's `x-ratelimit-*`), the decision depends
 * on the HTTP method, and every wait must end early on the call's signal —
 * together that is less code than adapting a general-purpose library.
 */
import type { HttpMethod } from './types.js';

/**
 * The longest a call waits in place for an upstream (or the client-side pace)
 * before answering `rate_limited` with `retryAfterSeconds` instead. Kept well
 * under the default 30 s time limit of a tool call, so a long wait ends in a
 * message telling the model when to come back, not in a timeout.
 */
export const MAX_IN_CALL_WAIT_MS = 10_000;

const BACKOFF_BASE_MS = 250;
const BACKOFF_CAP_MS = 4_000;

/** Methods safe to send twice (RFC 9110 §9.2.2). */
const IDEMPOTENT = new Set<HttpMethod>(['get', 'head', 'put', 'delete', 'options', 'trace']);

export function isIdempotent(method: HttpMethod): boolean {
  return IDEMPOTENT.has(method);
}

/** Exponential backoff with jitter: the n-th retry (1-based) waits between half and all of 250 ms × 2^(n-1), at most 4 s. */
export function backoffMs(retry: number, random: () => number = Math.random): number {
  const ceiling = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** (retry - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/**
 * The wait an upstream asked for, in ms: `Retry-After` (seconds or an HTTP
 * date), else GitHub's `x-ratelimit-reset` (epoch seconds) when
 * `x-ratelimit-remaining` is 0. Undefined when it asked for none.
 */
export function requestedWaitMs(headers: Headers, now: number = Date.now()): number | undefined {
  const retryAfter = headers.get('retry-after')?.trim();
  if (retryAfter) {
    if (/^\d+$/.test(retryAfter)) return Number(retryAfter) * 1000;
    const date = Date.parse(retryAfter);
    if (!Number.isNaN(date)) return Math.max(0, date - now);
  }
  if (isRateLimitExhausted(headers)) {
    const reset = headers.get('x-ratelimit-reset')?.trim();
    if (reset && /^\d+$/.test(reset)) return Math.max(0, Number(reset) * 1000 - now);
  }
  return undefined;
}

/** GitHub (and others copying it) say the quota is spent with `x-ratelimit-remaining: 0`. */
export function isRateLimitExhausted(headers: Headers): boolean {
  return headers.get('x-ratelimit-remaining')?.trim() === '0';
}

/** Waits `ms`, or rejects with the signal's reason as soon as it aborts. */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
