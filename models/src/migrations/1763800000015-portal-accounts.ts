import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Portal accounts (seeds 000/001): the accounts, registrations between their steps, and the per-ИИН/БИН failed-try counters. */
export class PortalAccounts1763800000015 implements MigrationInterface {
  name = 'PortalAccounts1763800000015';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE portal_accounts (
        id CHAR(36) NOT NULL,
        subject_type VARCHAR(16) NOT NULL,
        login CHAR(12) NOT NULL,
        email VARCHAR(254) NULL,
        language VARCHAR(2) NOT NULL,
        password_hash VARCHAR(255) NOT NULL,
        rights VARCHAR(16) NOT NULL,
        created_at DATETIME(3) NOT NULL,
        last_sign_in_at DATETIME(3) NULL,
        deletion_notice_sent_at DATETIME(3) NULL,
        password_changed_at DATETIME(3) NULL,
        updated_at DATETIME(3) NOT NULL,
        PRIMARY KEY (id),
        UNIQUE KEY ux_portal_accounts_login (login)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
    await queryRunner.query(`
      CREATE TABLE portal_registrations (
        id CHAR(36) NOT NULL,
        login CHAR(12) NOT NULL,
        subject_type VARCHAR(16) NOT NULL,
        rights VARCHAR(16) NOT NULL,
        stage VARCHAR(24) NOT NULL,
        token_hash BINARY(32) NOT NULL,
        email VARCHAR(254) NULL,
        language VARCHAR(2) NULL,
        password_hash VARCHAR(255) NULL,
        created_at DATETIME(3) NOT NULL,
        expires_at DATETIME(3) NOT NULL,
        PRIMARY KEY (id),
        KEY ix_portal_registrations_login (login),
        KEY ix_portal_registrations_expires (expires_at)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
    await queryRunner.query(`
      CREATE TABLE portal_attempt_guards (
        purpose VARCHAR(16) NOT NULL,
        subject CHAR(12) NOT NULL,
        failures INT NOT NULL DEFAULT 0,
        blocked_until DATETIME(3) NULL,
        updated_at DATETIME(3) NOT NULL,
        PRIMARY KEY (purpose, subject)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE portal_attempt_guards');
    await queryRunner.query('DROP TABLE portal_registrations');
    await queryRunner.query('DROP TABLE portal_accounts');
  }
}
