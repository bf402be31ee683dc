import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The whole path after the code: the link to the НУЦ application, the Digital ID PIN (argon2id hash only), the moderation case projection and the SMS
 * notifications sent once per event, and each code check's outcome by its attempt (a retry gets the same answer).
 */
export class WholePath1763800000010 implements MigrationInterface {
  name = 'WholePath1763800000010';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE applications ADD COLUMN nuc_application_number CHAR(14) NULL, ADD UNIQUE KEY ux_applications_nuc_number (nuc_application_number)`);
    await queryRunner.query(`
      CREATE TABLE digital_id_pins (
        application_id CHAR(36) NOT NULL,
        pin_hash VARCHAR(255) NOT NULL,
        failed_attempts INT NOT NULL DEFAULT 0,
        created_at DATETIME(3) NOT NULL,
        updated_at DATETIME(3) NOT NULL,
        PRIMARY KEY (application_id)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
    await queryRunner.query(`
      CREATE TABLE moderation_cases (
        case_id VARCHAR(64) NOT NULL,
        application_id CHAR(36) NOT NULL,
        template VARCHAR(32) NOT NULL,
        reasons VARCHAR(255) NOT NULL,
        status VARCHAR(16) NOT NULL,
        decision VARCHAR(16) NULL,
        opened_at DATETIME(3) NOT NULL,
        updated_at DATETIME(3) NOT NULL,
        PRIMARY KEY (case_id),
        KEY idx_moderation_cases_status (status, opened_at),
        KEY idx_moderation_cases_application (application_id)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
    await queryRunner.query(`
      CREATE TABLE sms_notifications (
        notification_key VARCHAR(160) NOT NULL,
        application_id CHAR(36) NOT NULL,
        delivered TINYINT(1) NOT NULL DEFAULT 0,
        created_at DATETIME(3) NOT NULL,
        PRIMARY KEY (notification_key)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
    await queryRunner.query(`
      CREATE TABLE otp_verify_attempts (
        attempt_key VARCHAR(100) NOT NULL,
        outcome VARCHAR(255) NOT NULL,
        created_at DATETIME(3) NOT NULL,
        PRIMARY KEY (attempt_key)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE otp_verify_attempts');
    await queryRunner.query('DROP TABLE sms_notifications');
    await queryRunner.query('DROP TABLE moderation_cases');
    await queryRunner.query('DROP TABLE digital_id_pins');
    await queryRunner.query('ALTER TABLE applications DROP KEY ux_applications_nuc_number, DROP COLUMN nuc_application_number');
  }
}
