import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { PortalLanguage, PortalRights, SubjectType } from '@app/contracts';

/**
 * An e-government portal account (seeds 000/001): signed into with its ИИН/БИН and a password
 * (argon2id hash only). A temporary account's life (notice, deletion) is its Temporal workflow's.
 */
@Entity({ name: 'portal_accounts' })
export class PortalAccount {
  @PrimaryColumn({ type: 'char', length: 36 })
  id!: string;

  @Column({ name: 'subject_type', type: 'varchar', length: 16 })
  subjectType!: SubjectType;

  /** The ИИН (individual) or БИН (legal entity) the person signs in with. */
  @Column({ type: 'char', length: 12, unique: true })
  login!: string;

  @Column({ type: 'varchar', length: 254, nullable: true })
  email!: string | null;

  /** The language of the e-mails. */
  @Column({ type: 'varchar', length: 2 })
  language!: PortalLanguage;

  @Column({ name: 'password_hash', type: 'varchar', length: 255 })
  passwordHash!: string;

  @Column({ type: 'varchar', length: 16 })
  rights!: PortalRights;

  /** When the account was activated by its e-mail link. */
  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt!: Date;

  @Column({ name: 'last_sign_in_at', type: 'datetime', precision: 3, nullable: true })
  lastSignInAt!: Date | null;

  /** The deletion notice of the current stretch without a sign-in, once sent. */
  @Column({ name: 'deletion_notice_sent_at', type: 'datetime', precision: 3, nullable: true })
  deletionNoticeSentAt!: Date | null;

  @Column({ name: 'password_changed_at', type: 'datetime', precision: 3, nullable: true })
  passwordChangedAt!: Date | null;

  @Column({ name: 'updated_at', type: 'datetime', precision: 3 })
  updatedAt!: Date;
}

export type PortalRegistrationStage = 'checked' | 'awaiting_activation';

/**
 * A registration between its steps. Without a signature: `checked` once ГБД ФЛ confirmed the person
 * (step 1, «Найти»), `awaiting_activation` once the password and e-mail are in and the link is out
 * (step 2). With a signature: `awaiting_activation` at once, with full rights. The account itself
 * exists only after the link is followed; the row is then deleted.
 */
@Entity({ name: 'portal_registrations' })
@Index('ix_portal_registrations_login', ['login'])
@Index('ix_portal_registrations_expires', ['expiresAt'])
export class PortalRegistration {
  @PrimaryColumn({ type: 'char', length: 36 })
  id!: string;

  /** The ИИН, or the БИН of a legal entity registering with a signature. */
  @Column({ type: 'char', length: 12 })
  login!: string;

  @Column({ name: 'subject_type', type: 'varchar', length: 16 })
  subjectType!: SubjectType;

  /** What the account gets at activation: temporary without a signature, full with one. */
  @Column({ type: 'varchar', length: 16 })
  rights!: PortalRights;

  @Column({ type: 'varchar', length: 24 })
  stage!: PortalRegistrationStage;

  /** Keyed hash of the step-1 ticket, then of the e-mailed link's token: the token itself is never stored. */
  @Column({ name: 'token_hash', type: 'binary', length: 32 })
  tokenHash!: Buffer;

  @Column({ type: 'varchar', length: 254, nullable: true })
  email!: string | null;

  @Column({ type: 'varchar', length: 2, nullable: true })
  language!: PortalLanguage | null;

  @Column({ name: 'password_hash', type: 'varchar', length: 255, nullable: true })
  passwordHash!: string | null;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt!: Date;

  @Column({ name: 'expires_at', type: 'datetime', precision: 3 })
  expiresAt!: Date;
}

export type PortalAttemptPurpose = 'registration' | 'sign_in' | 'recovery';

/** Failed tries in a row per ИИН/БИН and purpose (seed 000: three, then 15 minutes «Вы заблокированы!»). */
@Entity({ name: 'portal_attempt_guards' })
export class PortalAttemptGuard {
  @PrimaryColumn({ type: 'varchar', length: 16 })
  purpose!: PortalAttemptPurpose;

  /** The ИИН or БИН tried, whether or not anyone has it: an unknown login is counted like a known one. */
  @PrimaryColumn({ type: 'char', length: 12 })
  subject!: string;

  @Column({ type: 'int', default: 0 })
  failures!: number;

  @Column({ name: 'blocked_until', type: 'datetime', precision: 3, nullable: true })
  blockedUntil!: Date | null;

  @Column({ name: 'updated_at', type: 'datetime', precision: 3 })
  updatedAt!: Date;
}
