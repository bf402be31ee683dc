import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Sealed biometric samples (see BiometricSampleEntity). */
export class Biometrics1763800000001 implements MigrationInterface {
  name = 'Biometrics1763800000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE biometric_samples (
        id CHAR(36) NOT NULL,
        application_id VARCHAR(64) NOT NULL,
        kind VARCHAR(32) NOT NULL,
        sealed_image LONGBLOB NULL,
        sealed_descriptor BLOB NULL,
        created_at DATETIME(3) NOT NULL,
        decided_at DATETIME(3) NULL,
        PRIMARY KEY (id),
        KEY idx_biometric_samples_application (application_id),
        KEY idx_biometric_samples_decided (decided_at)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE biometric_samples');
  }
}
