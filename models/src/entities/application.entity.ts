import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { ApplicationStatus, CertificateTemplate, NextStep, SubjectType } from '@app/contracts';

/**
 * One onboarding application. The API creates the row (with the hash of the applicant's bearer
 * token) before starting its workflow; from then on only workflow activities change it.
 */
@Entity({ name: 'applications' })
@Index('ix_applications_iin_status', ['iin', 'status'])
export class Application {
  @PrimaryColumn({ type: 'char', length: 36 })
  id!: string;

  @Column({ name: 'subject_type', type: 'varchar', length: 16 })
  subjectType!: SubjectType;

  @Column({ type: 'varchar', length: 32 })
  template!: CertificateTemplate;

  @Column({ type: 'char', length: 12 })
  iin!: string;

  @Column({ type: 'char', length: 12, nullable: true })
  bin!: string | null;

  @Column({ name: 'access_token_hash', type: 'binary', length: 32 })
  accessTokenHash!: Buffer;

  @Column({ type: 'varchar', length: 32 })
  status!: ApplicationStatus;

  @Column({ name: 'next_step', type: 'varchar', length: 40 })
  nextStep!: NextStep;

  @Column({ name: 'superseded_by', type: 'char', length: 36, nullable: true })
  supersededBy!: string | null;

  /** The НУЦ application made from this one (seed 002 step 26), once submitted. */
  @Column({ name: 'nuc_application_number', type: 'char', length: 14, nullable: true })
  nucApplicationNumber!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'datetime', precision: 3 })
  updatedAt!: Date;
}
