import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The moderation queue: who holds a case and until when (the claim's lease), when it was escalated,
 * who decided it, and the version of the case's last write (writes of concurrent handlers may arrive
 * out of order; the newest wins). Escalated rows of before get their escalation time from their last write.
 */
export class ModerationQueue1763800000012 implements MigrationInterface {
  name = 'ModerationQueue1763800000012';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE moderation_cases
        ADD COLUMN version INT NOT NULL DEFAULT 0,
        ADD COLUMN escalated_at DATETIME(3) NULL,
        ADD COLUMN claimed_by_staff_id VARCHAR(64) NULL,
        ADD COLUMN claimed_by VARCHAR(100) NULL,
        ADD COLUMN lease_expires_at DATETIME(3) NULL,
        ADD COLUMN decided_by VARCHAR(100) NULL,
        ADD COLUMN decided_at DATETIME(3) NULL,
        ADD KEY idx_moderation_cases_template (template, opened_at)`);
    await queryRunner.query(`UPDATE moderation_cases SET escalated_at = updated_at WHERE status = 'escalated'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE moderation_cases
        DROP KEY idx_moderation_cases_template,
        DROP COLUMN decided_at,
        DROP COLUMN decided_by,
        DROP COLUMN lease_expires_at,
        DROP COLUMN claimed_by,
        DROP COLUMN claimed_by_staff_id,
        DROP COLUMN escalated_at,
        DROP COLUMN version`);
  }
}
