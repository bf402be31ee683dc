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

  @Column({ type: 'varchar', length: 16 })
  status!: string;

  @Column({ type: 'varchar', length: 16, nullable: true })
  decision!: string | null;

  @Column({ name: 'opened_at', type: 'datetime', precision: 3 })
  openedAt!: Date;

  @Column({ name: 'updated_at', type: 'datetime', precision: 3 })
  updatedAt!: Date;
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
