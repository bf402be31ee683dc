import { Column, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

/** A flat JSON object (what sessions and journal entries carry). */
export type JsonFields = Record<string, string | number | boolean | null | string[]>;

export type StaffRole = 'moderator' | 'mcdb_operator' | 'administrator';
export const STAFF_ROLES: readonly StaffRole[] = ['moderator', 'mcdb_operator', 'administrator'];

/** A staff member: a password (argon2id hash only), a TOTP second factor (secret sealed), roles. */
@Entity({ name: 'staff_accounts' })
export class StaffAccount {
  @PrimaryColumn({ type: 'char', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 64, unique: true })
  username!: string;

  @Column({ name: 'display_name', type: 'varchar', length: 200 })
  displayName!: string;

  /** Comma-separated StaffRole values. */
  @Column({ type: 'varchar', length: 200 })
  roles!: string;

  @Column({ name: 'password_hash', type: 'varchar', length: 255 })
  passwordHash!: string;

  /** The TOTP secret (base32), sealed with STAFF_SECRETS_KEY; null until a second factor is enrolled. */
  @Column({ name: 'totp_secret_sealed', type: 'varbinary', length: 255, nullable: true })
  totpSecretSealed!: Buffer | null;

  /** The last TOTP time step accepted: a code is good once (RFC 6238 §5.2). */
  @Column({ name: 'totp_last_step', type: 'bigint', nullable: true })
  totpLastStep!: string | null;

  @Column({ name: 'failed_sign_ins', type: 'int', default: 0 })
  failedSignIns!: number;

  @Column({ name: 'locked_until', type: 'datetime', precision: 3, nullable: true })
  lockedUntil!: Date | null;

  @Column({ name: 'disabled_at', type: 'datetime', precision: 3, nullable: true })
  disabledAt!: Date | null;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'datetime', precision: 3 })
  updatedAt!: Date;
}

export type SessionKind = 'staff' | 'first_head' | 'citizen';

/** A server-side session (staff, first head, or a citizen signed into the portal): the bearer token is shown once and kept as a keyed hash. */
@Entity({ name: 'auth_sessions' })
@Index('ix_auth_sessions_subject', ['kind', 'subjectId'])
export class AuthSession {
  @PrimaryColumn({ type: 'char', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 16 })
  kind!: SessionKind;

  /** The staff account id, the first head's `iin:bin`, or the portal account id. */
  @Column({ name: 'subject_id', type: 'varchar', length: 64 })
  subjectId!: string;

  @Column({ name: 'token_hash', type: 'binary', length: 32 })
  tokenHash!: Buffer;

  /** What the principal carries besides the subject (JSON): e.g. the first head's certificate serial. */
  @Column({ type: 'json', nullable: true })
  data!: JsonFields | null;

  @Column({ name: 'client_address', type: 'varchar', length: 64 })
  clientAddress!: string;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt!: Date;

  /** Absolute end; an idle session ends earlier (last_seen_at + idle timeout). */
  @Column({ name: 'expires_at', type: 'datetime', precision: 3 })
  expiresAt!: Date;

  @Column({ name: 'last_seen_at', type: 'datetime', precision: 3 })
  lastSeenAt!: Date;

  @Column({ name: 'revoked_at', type: 'datetime', precision: 3, nullable: true })
  revokedAt!: Date | null;
}

/** Who did what, when, from where: staff sign-ins and actions, first-head decisions, evidence views. */
@Entity({ name: 'audit_journal' })
@Index('ix_audit_journal_actor', ['actorKind', 'actorId', 'at'])
@Index('ix_audit_journal_target', ['target', 'at'])
export class AuditJournalEntry {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ type: 'datetime', precision: 3 })
  at!: Date;

  /** staff, first_head, applicant, system, anonymous */
  @Column({ name: 'actor_kind', type: 'varchar', length: 16 })
  actorKind!: string;

  /** The staff account id, the first head's masked IIN and BIN, the application id; null for anonymous. */
  @Column({ name: 'actor_id', type: 'varchar', length: 64, nullable: true })
  actorId!: string | null;

  /** e.g. staff.sign_in, staff.sign_in_failed, moderation.claim, moderation.evidence_viewed */
  @Column({ type: 'varchar', length: 64 })
  action!: string;

  /** What was acted on: a case id, an application number, a username. */
  @Column({ type: 'varchar', length: 128, nullable: true })
  target!: string | null;

  /** Never secrets or full personal data. */
  @Column({ type: 'json', nullable: true })
  detail!: JsonFields | null;

  @Column({ name: 'client_address', type: 'varchar', length: 64, nullable: true })
  clientAddress!: string | null;
}
