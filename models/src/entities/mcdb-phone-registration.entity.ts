import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

export type McdbRegistrationStatus = 'code_sent' | 'registered' | 'attempts_exhausted' | 'expired';

/**
 * A БМГ operator registering (or re-registering) an applicant's phone after the video call (seed 002
 * step 5): a code goes to that phone by SMS, the applicant dictates it, the operator types it. The
 * code is kept only as a keyed hash; the number itself only until the registration ends.
 */
@Entity({ name: 'mcdb_phone_registrations' })
@Index('ix_mcdb_phone_registrations_iin', ['iin'])
export class McdbPhoneRegistration {
  @PrimaryColumn({ type: 'char', length: 36 })
  id!: string;

  @Column({ type: 'char', length: 12 })
  iin!: string;

  /** E.164; erased when the registration ends (the register holds it from then on). */
  @Column({ type: 'varchar', length: 16, nullable: true })
  phone!: string | null;

  @Column({ name: 'phone_masked', type: 'varchar', length: 16 })
  phoneMasked!: string;

  /** The staff account of the operator on the call: only they can enter the code. */
  @Column({ name: 'operator_id', type: 'char', length: 36 })
  operatorId!: string;

  /** The IIN had another phone in БМГ when the registration started. */
  @Column({ type: 'boolean' })
  reregistration!: boolean;

  @Column({ name: 'code_hash', type: 'binary', length: 32, nullable: true })
  codeHash!: Buffer | null;

  @Column({ name: 'code_expires_at', type: 'datetime', precision: 3 })
  codeExpiresAt!: Date;

  @Column({ name: 'failed_attempts', type: 'int', default: 0 })
  failedAttempts!: number;

  @Column({ type: 'varchar', length: 24 })
  status!: McdbRegistrationStatus;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt!: Date;

  @Column({ name: 'completed_at', type: 'datetime', precision: 3, nullable: true })
  completedAt!: Date | null;
}
