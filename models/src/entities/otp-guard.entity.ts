import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/**
 * Per-IIN one-time-password state. Limits live here, not in an application, so starting
 * another application can neither reset the attempt counter nor flood the phone.
 * The code itself is never stored: only its keyed hash.
 */
@Entity({ name: 'otp_guards' })
export class OtpGuard {
  @PrimaryColumn({ type: 'char', length: 12 })
  iin!: string;

  @Column({ name: 'failed_attempts', type: 'int', default: 0 })
  failedAttempts!: number;

  @Column({ name: 'blocked_until', type: 'datetime', precision: 3, nullable: true })
  blockedUntil!: Date | null;

  /** The end of the latest block, kept after it passed: no new block within the grace after it. */
  @Column({ name: 'last_blocked_until', type: 'datetime', precision: 3, nullable: true })
  lastBlockedUntil!: Date | null;

  @Column({ name: 'last_sent_at', type: 'datetime', precision: 3, nullable: true })
  lastSentAt!: Date | null;

  /** Idempotency key of the last send (application + send number): a retried activity does not send twice. */
  @Column({ name: 'send_key', type: 'varchar', length: 100, nullable: true })
  sendKey!: string | null;

  @Column({ name: 'application_id', type: 'char', length: 36, nullable: true })
  applicationId!: string | null;

  @Column({ name: 'code_hash', type: 'binary', length: 32, nullable: true })
  codeHash!: Buffer | null;

  @Column({ name: 'code_expires_at', type: 'datetime', precision: 3, nullable: true })
  codeExpiresAt!: Date | null;

  @Column({ type: 'boolean', default: false })
  delivered!: boolean;

  @UpdateDateColumn({ name: 'updated_at', type: 'datetime', precision: 3 })
  updatedAt!: Date;
}
