import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * Projection of the first-head approvals (the approval itself is a workflow): the cabinet lists a
 * BIN's pending ones from here, oldest first.
 */
@Entity({ name: 'first_head_approvals' })
@Index('idx_first_head_approvals_bin_status', ['bin', 'status', 'requestedAt'])
export class FirstHeadApprovalRow {
  /** The НУЦ application number. */
  @PrimaryColumn({ name: 'nuc_application_number', type: 'char', length: 14 })
  number!: string;

  @Column({ name: 'application_id', type: 'char', length: 36 })
  applicationId!: string;

  @Column({ type: 'char', length: 12 })
  bin!: string;

  @Column({ name: 'employee_iin', type: 'char', length: 12 })
  employeeIin!: string;

  /** The template code (CertificateTemplate). */
  @Column({ type: 'varchar', length: 32 })
  template!: string;

  /** pending | approved | rejected | expired */
  @Column({ type: 'varchar', length: 16 })
  status!: string;

  @Column({ name: 'requested_at', type: 'datetime', precision: 3 })
  requestedAt!: Date;

  @Column({ name: 'deadline_at', type: 'datetime', precision: 3 })
  deadlineAt!: Date;

  @Column({ name: 'decided_at', type: 'datetime', precision: 3, nullable: true })
  decidedAt!: Date | null;

  @Column({ name: 'approver_iin', type: 'char', length: 12, nullable: true })
  approverIin!: string | null;

  @Column({ name: 'approver_certificate_serial', type: 'varchar', length: 64, nullable: true })
  approverCertificateSerial!: string | null;

  @Column({ name: 'rejection_reason', type: 'varchar', length: 500, nullable: true })
  rejectionReason!: string | null;

  @Column({ name: 'evidence_id', type: 'char', length: 36, nullable: true })
  evidenceId!: string | null;
}

/** A first head's approval signature, kept as evidence: the CMS and exactly what it signed. */
@Entity({ name: 'first_head_approval_evidence' })
export class FirstHeadApprovalEvidence {
  @PrimaryColumn({ type: 'char', length: 36 })
  id!: string;

  @Column({ name: 'nuc_application_number', type: 'char', length: 14 })
  number!: string;

  @Column({ name: 'signer_iin', type: 'char', length: 12 })
  signerIin!: string;

  @Column({ name: 'signer_bin', type: 'char', length: 12 })
  signerBin!: string;

  @Column({ name: 'signer_certificate_serial', type: 'varchar', length: 64 })
  signerCertificateSerial!: string;

  /** The canonical content signed (UTF-8 JSON, see firstHeadApprovalContent). */
  @Column({ name: 'signed_content', type: 'text' })
  signedContent!: string;

  /** The detached CMS SignedData (DER). */
  @Column({ name: 'signature_der', type: 'mediumblob' })
  signatureDer!: Buffer;

  @Column({ name: 'signing_time', type: 'datetime', precision: 3 })
  signingTime!: Date;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt!: Date;
}

/** A sign-in challenge for a first head: random, short-lived, used once. */
@Entity({ name: 'first_head_challenges' })
export class FirstHeadChallenge {
  @PrimaryColumn({ type: 'char', length: 36 })
  id!: string;

  /** The exact text to sign. */
  @Column({ type: 'varchar', length: 200 })
  challenge!: string;

  @Column({ name: 'expires_at', type: 'datetime', precision: 3 })
  expiresAt!: Date;

  @Column({ name: 'used_at', type: 'datetime', precision: 3, nullable: true })
  usedAt!: Date | null;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt!: Date;
}
