import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/** An end-entity certificate our issuing CA signed, with its revocation state. */
@Entity('ca_certificates')
@Index('uq_ca_certificates_application_kind', ['applicationNumber', 'kind'], { unique: true })
export class CaCertificateEntity {
  /** Serial number, lower-case hex without leading zero bytes. */
  @PrimaryColumn({ type: 'varchar', length: 40 })
  serial!: string;

  @Column({ name: 'application_number', type: 'char', length: 14, nullable: true })
  applicationNumber!: string | null;

  /** 'AUTH' or 'SIGN'. */
  @Column({ type: 'varchar', length: 8 })
  kind!: string;

  @Column({ type: 'varchar', length: 512 })
  subject!: string;

  /** Subject key identifier (hex), for CMS signers identified by key id. */
  @Index('ix_ca_certificates_subject_key_id')
  @Column({ name: 'subject_key_id', type: 'char', length: 40 })
  subjectKeyId!: string;

  @Column({ name: 'certificate_der', type: 'blob' })
  certificateDer!: Buffer;

  @Column({ name: 'not_before', type: 'datetime', precision: 3 })
  notBefore!: Date;

  @Column({ name: 'not_after', type: 'datetime', precision: 3 })
  notAfter!: Date;

  @Column({ name: 'revoked_at', type: 'datetime', precision: 3, nullable: true })
  revokedAt!: Date | null;

  /** RFC 5280 CRLReason code. */
  @Column({ name: 'revocation_reason', type: 'tinyint', nullable: true })
  revocationReason!: number | null;

  @CreateDateColumn({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt!: Date;
}
