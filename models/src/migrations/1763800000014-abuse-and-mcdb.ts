import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Abuse of the public endpoints: rate-limit windows shared by every API process, and the end of an
 * IIN's latest block (the grace before it can be blocked again is counted from it).
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
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE otp_guards DROP COLUMN last_blocked_until');
    await q.query('DROP TABLE rate_limit_counters');
  }
}
