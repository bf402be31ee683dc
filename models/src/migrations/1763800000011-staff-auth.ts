import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Staff accounts (argon2id password, sealed TOTP secret, lockout), server-side sessions, and the audit journal. */
export class StaffAuth1763800000011 implements MigrationInterface {
  name = 'StaffAuth1763800000011';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE staff_accounts (
        id CHAR(36) NOT NULL,
        username VARCHAR(64) NOT NULL,
        display_name VARCHAR(200) NOT NULL,
        roles VARCHAR(200) NOT NULL,
        password_hash VARCHAR(255) NOT NULL,
        totp_secret_sealed VARBINARY(255) NULL,
        totp_last_step BIGINT NULL,
        failed_sign_ins INT NOT NULL DEFAULT 0,
        locked_until DATETIME(3) NULL,
        disabled_at DATETIME(3) NULL,
        created_at DATETIME(3) NOT NULL,
        updated_at DATETIME(3) NOT NULL,
        PRIMARY KEY (id),
        UNIQUE KEY ux_staff_accounts_username (username)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
    await queryRunner.query(`
      CREATE TABLE auth_sessions (
        id CHAR(36) NOT NULL,
        kind VARCHAR(16) NOT NULL,
        subject_id VARCHAR(64) NOT NULL,
        token_hash BINARY(32) NOT NULL,
        data JSON NULL,
        client_address VARCHAR(64) NOT NULL,
        created_at DATETIME(3) NOT NULL,
        expires_at DATETIME(3) NOT NULL,
        last_seen_at DATETIME(3) NOT NULL,
        revoked_at DATETIME(3) NULL,
        PRIMARY KEY (id),
        KEY ix_auth_sessions_subject (kind, subject_id)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
    await queryRunner.query(`
      CREATE TABLE audit_journal (
        id BIGINT NOT NULL AUTO_INCREMENT,
        at DATETIME(3) NOT NULL,
        actor_kind VARCHAR(16) NOT NULL,
        actor_id VARCHAR(64) NULL,
        action VARCHAR(64) NOT NULL,
        target VARCHAR(128) NULL,
        detail JSON NULL,
        client_address VARCHAR(64) NULL,
        PRIMARY KEY (id),
        KEY ix_audit_journal_actor (actor_kind, actor_id, at),
        KEY ix_audit_journal_target (target, at)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE audit_journal');
    await queryRunner.query('DROP TABLE auth_sessions');
    await queryRunner.query('DROP TABLE staff_accounts');
  }
}
