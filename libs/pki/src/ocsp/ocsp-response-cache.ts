/** A signed OCSP response and when it stops being served. */
export interface CachedOcspResponse {
  der: Buffer;
  producedAt: Date;
  /** nextUpdate of its single responses (none for "unknown"). */
  nextUpdate: Date | null;
  /** After this the response is signed again, shortly before clients would see it expire. */
  refreshAt: Date;
}

interface Entry {
  /** The statuses the response states; a change (a revocation) makes the entry useless at once. */
  statusKey: string;
  response: CachedOcspResponse;
}

/**
 * Signed OCSP responses by request (its CertIDs) and the statuses they state, least recently used
 * dropped first. Lookups give the status read now, so a response is only reused while it still tells
 * the truth; a status change signs a new one on the next request, in every process.
 */
export class OcspResponseCache {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly maxEntries: number) {}

  get size(): number {
    return this.entries.size;
  }

  clear(): void {
    this.entries.clear();
  }

  get(key: string, statusKey: string, now: Date): CachedOcspResponse | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.statusKey !== statusKey || now >= entry.response.refreshAt) {
      this.entries.delete(key);
      return undefined;
    }
    // Map keeps insertion order: re-inserting marks the entry as most recently used.
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry.response;
  }

  set(key: string, statusKey: string, response: CachedOcspResponse): void {
    this.entries.delete(key);
    this.entries.set(key, { statusKey, response });
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
  }
}

/** A token bucket: at most `perSecond` signatures a second (bursts of as many), none when it is 0. */
export class SigningBudget {
  private tokens: number;
  private last = 0;

  constructor(private readonly perSecond: number) {
    this.tokens = perSecond;
  }

  take(now: Date): boolean {
    if (this.perSecond <= 0) return false;
    const t = now.getTime();
    this.tokens = Math.min(this.perSecond, this.tokens + (Math.max(0, t - this.last) / 1000) * this.perSecond);
    this.last = Math.max(this.last, t);
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}
