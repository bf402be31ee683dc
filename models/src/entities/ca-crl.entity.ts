import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A published CRL; the auto-increment id is its CRL number, so numbers never repeat across processes. */
@Entity('ca_crls')
export class CaCrlEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  number!: string;

  /** DER; null only while the row is being written. */
  @Column({ type: 'mediumblob', nullable: true })
  der!: Buffer | null;

  @Column({ name: 'this_update', type: 'datetime', precision: 3 })
  thisUpdate!: Date;

  @Column({ name: 'next_update', type: 'datetime', precision: 3 })
  nextUpdate!: Date;
}
