import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** A public key that has been submitted in a CSR: a key may serve one certificate only. */
@Entity('ca_used_csrs')
export class CaUsedCsrEntity {
  /** SHA-256 of the SubjectPublicKeyInfo, hex. */
  @PrimaryColumn({ name: 'key_fingerprint', type: 'char', length: 64 })
  keyFingerprint!: string;

  @Column({ name: 'application_number', type: 'char', length: 14 })
  applicationNumber!: string;

  @Column({ type: 'varchar', length: 8 })
  kind!: string;

  @CreateDateColumn({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt!: Date;
}
