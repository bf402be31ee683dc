import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * One biometric sample of an application (selfie, document portrait, register photo, liveness
 * frame). Image and descriptor are stored only sealed (AES-256-GCM, context = id + kind + part);
 * the row is deleted by the retention purge once the application is decided and the period passed.
 */
@Entity({ name: 'biometric_samples' })
@Index('idx_biometric_samples_application', ['applicationId'])
@Index('idx_biometric_samples_decided', ['decidedAt'])
export class BiometricSampleEntity {
  @PrimaryColumn({ type: 'char', length: 36 })
  id!: string;

  @Column({ name: 'application_id', type: 'varchar', length: 64 })
  applicationId!: string;

  @Column({ type: 'varchar', length: 32 })
  kind!: string;

  @Column({ name: 'sealed_image', type: 'longblob', nullable: true })
  sealedImage!: Buffer | null;

  @Column({ name: 'sealed_descriptor', type: 'blob', nullable: true })
  sealedDescriptor!: Buffer | null;

  /** The video-identification session a frame was uploaded against. */
  @Column({ name: 'liveness_session_id', type: 'char', length: 36, nullable: true })
  livenessSessionId!: string | null;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt!: Date;

  @Column({ name: 'decided_at', type: 'datetime', precision: 3, nullable: true })
  decidedAt!: Date | null;
}
