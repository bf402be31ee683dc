import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** An application to НУЦ for an AUTH + SIGN certificate pair. */
@Entity('nuc_applications')
@Index('ix_nuc_applications_status_created', ['status', 'createdAt'])
export class NucApplicationEntity {
  /** 14-digit application number shown to the applicant. */
  @PrimaryColumn({ type: 'char', length: 14 })
  number!: string;

  /** Caller's idempotency key (e.g. the workflow id): a retried create returns the same application. */
  @Column({ name: 'request_id', type: 'varchar', length: 128, unique: true })
  requestId!: string;

  @Column({ name: 'subject_type', type: 'varchar', length: 16 })
  subjectType!: string;

  @Column({ type: 'varchar', length: 128 })
  template!: string;

  @Column({ name: 'key_storage', type: 'varchar', length: 32 })
  keyStorage!: string;

  @Column({ type: 'char', length: 12 })
  iin!: string;

  @Column({ type: 'char', length: 12, nullable: true })
  bin!: string | null;

  /** The verified identity (JSON of VerifiedIdentity). */
  @Column({ type: 'json' })
  identity!: unknown;

  @Column({ name: 'auth_csr_der', type: 'blob' })
  authCsrDer!: Buffer;

  @Column({ name: 'sign_csr_der', type: 'blob' })
  signCsrDer!: Buffer;

  /** Current status code (NucStatus). */
  @Column({ type: 'varchar', length: 32 })
  status!: string;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'datetime', precision: 3 })
  updatedAt!: Date;
}
