import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** The Digital ID PIN of an application: only its argon2id hash, and the wrong tries at consent. */
@Entity({ name: 'digital_id_pins' })
export class DigitalIdPin {
  @PrimaryColumn({ name: 'application_id', type: 'char', length: 36 })
  applicationId!: string;

  @Column({ name: 'pin_hash', type: 'varchar', length: 255 })
  pinHash!: string;

  @Column({ name: 'failed_attempts', type: 'int', default: 0 })
  failedAttempts!: number;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'datetime', precision: 3 })
  updatedAt!: Date;
}

/** Projection of moderation cases for the queue (the case itself is a workflow). */
@Entity({ name: 'moderation_cases' })
@Index('idx_moderation_cases_status', ['status', 'openedAt'])
@Index('idx_moderation_cases_template', ['template', 'openedAt'])
export class ModerationCaseRow {
  @PrimaryColumn({ name: 'case_id', type: 'varchar', length: 64 })
  caseId!: string;

  @Column({ name: 'application_id', type: 'char', length: 36 })
  applicationId!: string;

  @Column({ type: 'varchar', length: 32 })
  template!: string;

  /** Comma-separated ModerationReason codes. */
  @Column({ type: 'varchar', length: 255 })
  reasons!: string;

  /** The case's own status: open, escalated or decided (the queue shows `claimed` while the lease is live). */
  @Column({ type: 'varchar', length: 16 })
  status!: string;

  @Column({ type: 'varchar', length: 16, nullable: true })
  decision!: string | null;

  @Column({ name: 'opened_at', type: 'datetime', precision: 3 })
  openedAt!: Date;

  @Column({ name: 'updated_at', type: 'datetime', precision: 3 })
  updatedAt!: Date;

  /** The case workflow's count of writes: an older write arriving late changes nothing. */
  @Column({ type: 'int', default: 0 })
  version!: number;

  @Column({ name: 'escalated_at', type: 'datetime', precision: 3, nullable: true })
  escalatedAt!: Date | null;

  /** The last claim: live while lease_expires_at is ahead. */
  @Column({ name: 'claimed_by_staff_id', type: 'varchar', length: 64, nullable: true })
  claimedByStaffId!: string | null;

  @Column({ name: 'claimed_by', type: 'varchar', length: 100, nullable: true })
  claimedBy!: string | null;

  @Column({ name: 'lease_expires_at', type: 'datetime', precision: 3, nullable: true })
  leaseExpiresAt!: Date | null;

  @Column({ name: 'decided_by', type: 'varchar', length: 100, nullable: true })
  decidedBy!: string | null;

  @Column({ name: 'decided_at', type: 'datetime', precision: 3, nullable: true })
  decidedAt!: Date | null;
}

/** One SMS per event: the key is reserved before sending, `delivered` set after. */
@Entity({ name: 'sms_notifications' })
export class SmsNotification {
  @PrimaryColumn({ name: 'notification_key', type: 'varchar', length: 160 })
  key!: string;

  @Column({ name: 'application_id', type: 'char', length: 36 })
  applicationId!: string;

  @Column({ type: 'boolean', default: false })
  delivered!: boolean;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt!: Date;
}

/** The outcome of one code check, by the workflow's attempt key: a retried activity gets the same answer, never a second count. */
@Entity({ name: 'otp_verify_attempts' })
export class OtpVerifyAttempt {
  @PrimaryColumn({ name: 'attempt_key', type: 'varchar', length: 100 })
  attemptKey!: string;

  /** JSON of the VerifyOutcome. */
  @Column({ type: 'varchar', length: 255 })
  outcome!: string;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt!: Date;
}
