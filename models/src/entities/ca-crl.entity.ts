import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A published CRL: the issuing CA's base or delta CRL, or the root's CRL. The auto-increment id is
 * its CRL number, so numbers never repeat across processes and rise across base and delta CRLs.
 */
@Entity('ca_crls')
@Index('ix_ca_crls_issuer_kind_number', ['issuer', 'kind', 'number'])
export class CaCrlEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  number!: string;

  /** 'issuing' (CRLs of end-entity certificates) or 'root' (the root's CRL, for the issuing CA). */
  @Column({ type: 'varchar', length: 16, default: 'issuing' })
  issuer!: string;

  /** 'base' (complete) or 'delta'. */
  @Column({ type: 'varchar', length: 8, default: 'base' })
  kind!: string;

  /** For a delta CRL: the CRL number of the base it completes (its Delta CRL Indicator). */
  @Column({ name: 'base_number', type: 'bigint', nullable: true })
  baseNumber!: string | null;

  /** DER; null only while the row is being written. */
  @Column({ type: 'mediumblob', nullable: true })
  der!: Buffer | null;

  @Column({ name: 'this_update', type: 'datetime', precision: 3 })
  thisUpdate!: Date;

  @Column({ name: 'next_update', type: 'datetime', precision: 3 })
  nextUpdate!: Date;
}
