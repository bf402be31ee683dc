import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Abuse of the public endpoints: rate-limit windows shared by every API process, and the end of an
 * IIN's latest block (the grace before it can be blocked again is counted from it). The БМГ
 * operator's phone registrations (seed 002 step 5).
 */
export class AbuseAndMcdb1763800000014 implements MigrationInterface {
  name = 'AbuseAndMcdb1763800000014';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE rate_limit_counters (
        counter_key BINARY(32) NOT NULL,
        hits INT NOT NULL,
        window_ends_at DATETIME(3) NOT NULL,
        blocked_until DATETIME(3) NULL,
        PRIMARY KEY (counter_key),
        KEY ix_rate_limit_counters_window_ends_at (window_ends_at)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
    await q.query('ALTER TABLE otp_guards ADD COLUMN last_blocked_until DATETIME(3) NULL AFTER blocked_until');
    await q.query(`
      CREATE TABLE mcdb_phone_registrations (
        id CHAR(36) NOT NULL,
        iin CHAR(12) NOT NULL,
        phone VARCHAR(16) NULL,
        phone_masked VARCHAR(16) NOT NULL,
        operator_id CHAR(36) NOT NULL,
        reregistration TINYINT(1) NOT NULL,
        code_hash BINARY(32) NULL,
        code_expires_at DATETIME(3) NOT NULL,
        failed_attempts INT NOT NULL DEFAULT 0,
        status VARCHAR(24) NOT NULL,
        created_at DATETIME(3) NOT NULL,
        completed_at DATETIME(3) NULL,
        PRIMARY KEY (id),
        KEY ix_mcdb_phone_registrations_iin (iin)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE mcdb_phone_registrations');
    await q.query('ALTER TABLE otp_guards DROP COLUMN last_blocked_until');
    await q.query('DROP TABLE rate_limit_counters');
  }
}
