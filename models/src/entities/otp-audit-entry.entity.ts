import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export type OtpFailureReason = 'wrong_code' | 'expired_code' | 'blocked' | 'no_active_code';

/** The journal of failed one-time-password attempts the seed requires («заносятся в журнал»). IIN masked. */
@Entity({ name: 'otp_audit_journal' })
@Index('ix_otp_audit_application', ['applicationId'])
export class OtpAuditEntry {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ name: 'application_id', type: 'char', length: 36 })
  applicationId!: string;

  @Column({ name: 'iin_masked', type: 'varchar', length: 16 })
  iinMasked!: string;

  @Column({ type: 'varchar', length: 32 })
  reason!: OtpFailureReason;

  @Column({ name: 'client_address', type: 'varchar', length: 64 })
  clientAddress!: string;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt!: Date;
}
