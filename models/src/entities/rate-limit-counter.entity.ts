import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * One rate-limit window of the public endpoints (per client address or per IIN), shared by every
 * API process. The key is a keyed hash of the limit's name and what it counts: no IIN or address
 * is stored.
 */
@Entity({ name: 'rate_limit_counters' })
export class RateLimitCounter {
  @PrimaryColumn({ name: 'counter_key', type: 'binary', length: 32 })
  counterKey!: Buffer;

  @Column({ type: 'int' })
  hits!: number;

  @Column({ name: 'window_ends_at', type: 'datetime', precision: 3 })
  windowEndsAt!: Date;

  /** Set when the limit has a block duration of its own and was exceeded. */
  @Column({ name: 'blocked_until', type: 'datetime', precision: 3, nullable: true })
  blockedUntil!: Date | null;
}
