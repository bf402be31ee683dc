import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** One line of an application's status history. */
@Entity('nuc_application_statuses')
@Index('ix_nuc_application_statuses_number', ['applicationNumber', 'id'])
export class NucApplicationStatusEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ name: 'application_number', type: 'char', length: 14 })
  applicationNumber!: string;

  /** Status code (NucStatus). */
  @Column({ type: 'varchar', length: 32 })
  status!: string;

  @Column({ type: 'datetime', precision: 3 })
  at!: Date;
}
