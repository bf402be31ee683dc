import type { ThrottlerStorage } from '@nestjs/throttler';

/** What the throttler's guard reads back from its storage (the package does not export the type by name). */
export type ThrottlerStorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

/** One counter as stored: hits in the current window, and a block when the limit has one. */
export interface RateLimitWindow {
  hits: number;
  windowEndsAt: Date;
  blockedUntil: Date | null;
}

/**
 * Counts one request against a fixed window of `ttlMs` holding at most `limit` requests. A refused
 * request is not counted (a client that keeps knocking does not push its own wait further). With
 * `blockMs` > 0, going over the limit blocks for that long; otherwise the wait is the rest of the window.
 * Pure: the storage persists `next`.
 */
export function countRequest(window: RateLimitWindow, now: Date, ttlMs: number, limit: number, blockMs: number): { next: RateLimitWindow; record: ThrottlerStorageRecord } {
  const at = now.getTime();
  const seconds = (until: Date) => Math.max(1, Math.ceil((until.getTime() - at) / 1000));
  if (window.blockedUntil && window.blockedUntil.getTime() > at) {
    return { next: window, record: { totalHits: window.hits, timeToExpire: seconds(window.windowEndsAt), isBlocked: true, timeToBlockExpire: seconds(window.blockedUntil) } };
  }
  const current = window.windowEndsAt.getTime() > at && !window.blockedUntil ? window : { hits: 0, windowEndsAt: new Date(at + ttlMs), blockedUntil: null };
  if (current.hits >= limit) {
    const blockedUntil = blockMs > 0 ? new Date(at + blockMs) : null;
    const waitUntil = blockedUntil ?? current.windowEndsAt;
    return {
      next: { ...current, blockedUntil },
      record: { totalHits: current.hits + 1, timeToExpire: seconds(current.windowEndsAt), isBlocked: true, timeToBlockExpire: seconds(waitUntil) },
    };
  }
  const next = { ...current, hits: current.hits + 1 };
  return { next, record: { totalHits: next.hits, timeToExpire: seconds(next.windowEndsAt), isBlocked: false, timeToBlockExpire: 0 } };
}
