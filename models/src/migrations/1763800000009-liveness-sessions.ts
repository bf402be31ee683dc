import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Video-identification frames are kept by the session they were uploaded against. */
export class LivenessSessions1763800000009 implements MigrationInterface {
  name = 'LivenessSessions1763800000009';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE biometric_samples ADD COLUMN liveness_session_id CHAR(36) NULL, ADD KEY idx_biometric_samples_session (application_id, liveness_session_id)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE biometric_samples DROP KEY idx_biometric_samples_session, DROP COLUMN liveness_session_id');
  }
}
