import type { MigrationInterface, QueryRunner } from 'typeorm';

export class OnboardingOtp1763798400000 implements MigrationInterface {
  name = 'OnboardingOtp1763798400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE applications (
        id CHAR(36) NOT NULL,
        subject_type VARCHAR(16) NOT NULL,
        template VARCHAR(32) NOT NULL,
        iin CHAR(12) NOT NULL,
        bin CHAR(12) NULL,
        access_token_hash BINARY(32) NOT NULL,
        status VARCHAR(32) NOT NULL,
        next_step VARCHAR(40) NOT NULL,
        superseded_by CHAR(36) NULL,
        created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
        updated_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
        PRIMARY KEY (id),
        KEY ix_applications_iin_status (iin, status)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
    await queryRunner.query(`
      CREATE TABLE application_status_events (
        id BIGINT NOT NULL AUTO_INCREMENT,
        application_id CHAR(36) NOT NULL,
        seq INT NOT NULL,
        status VARCHAR(32) NOT NULL,
        at DATETIME(3) NOT NULL,
        PRIMARY KEY (id),
        UNIQUE KEY uq_status_events_application_seq (application_id, seq),
        CONSTRAINT fk_status_events_application FOREIGN KEY (application_id) REFERENCES applications (id) ON DELETE CASCADE
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
    await queryRunner.query(`
      CREATE TABLE otp_guards (
        iin CHAR(12) NOT NULL,
        failed_attempts INT NOT NULL DEFAULT 0,
        blocked_until DATETIME(3) NULL,
        last_sent_at DATETIME(3) NULL,
        send_key VARCHAR(100) NULL,
        application_id CHAR(36) NULL,
        code_hash BINARY(32) NULL,
        code_expires_at DATETIME(3) NULL,
        delivered TINYINT(1) NOT NULL DEFAULT 0,
        updated_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
        PRIMARY KEY (iin)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
    await queryRunner.query(`
      CREATE TABLE otp_audit_journal (
        id BIGINT NOT NULL AUTO_INCREMENT,
        application_id CHAR(36) NOT NULL,
        iin_masked VARCHAR(16) NOT NULL,
        reason VARCHAR(32) NOT NULL,
        client_address VARCHAR(64) NOT NULL,
        created_at DATETIME(3) NOT NULL,
        PRIMARY KEY (id),
        KEY ix_otp_audit_application (application_id)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE otp_audit_journal');
    await queryRunner.query('DROP TABLE otp_guards');
    await queryRunner.query('DROP TABLE application_status_events');
    await queryRunner.query('DROP TABLE applications');
  }
}
