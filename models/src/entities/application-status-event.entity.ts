import { Column, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';
import type { ApplicationStatus } from '@app/contracts';

/** The status history projection; `seq` is the event's position in the workflow, so a retried write is a no-op. */
@Entity({ name: 'application_status_events' })
@Unique('uq_status_events_application_seq', ['applicationId', 'seq'])
export class ApplicationStatusEvent {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ name: 'application_id', type: 'char', length: 36 })
  applicationId!: string;

  @Column({ type: 'int' })
  seq!: number;

  @Column({ type: 'varchar', length: 32 })
  status!: ApplicationStatus;

  @Column({ type: 'datetime', precision: 3 })
  at!: Date;
}
