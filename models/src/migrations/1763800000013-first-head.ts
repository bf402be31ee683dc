import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * First-head approval of legal-entity employees' applications: the approvals' projection for the
 * cabinet, the approval signatures kept as evidence, and the single-use sign-in challenges.
 */
export class FirstHead1763800000013 implements MigrationInterface {
  name = 'FirstHead1763800000013';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE first_head_approvals (
        nuc_application_number CHAR(14) NOT NULL,
        application_id CHAR(36) NOT NULL,
        bin CHAR(12) NOT NULL,
        employee_iin CHAR(12) NOT NULL,
        template VARCHAR(32) NOT NULL,
        status VARCHAR(16) NOT NULL,
        requested_at DATETIME(3) NOT NULL,
        deadline_at DATETIME(3) NOT NULL,
        decided_at DATETIME(3) NULL,
        approver_iin CHAR(12) NULL,
        approver_certificate_serial VARCHAR(64) NULL,
        rejection_reason VARCHAR(500) NULL,
        evidence_id CHAR(36) NULL,
        PRIMARY KEY (nuc_application_number),
        KEY idx_first_head_approvals_bin_status (bin, status, requested_at)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
    await queryRunner.query(`
      CREATE TABLE first_head_approval_evidence (
        id CHAR(36) NOT NULL,
        nuc_application_number CHAR(14) NOT NULL,
        signer_iin CHAR(12) NOT NULL,
        signer_bin CHAR(12) NOT NULL,
        signer_certificate_serial VARCHAR(64) NOT NULL,
        signed_content TEXT NOT NULL,
        signature_der MEDIUMBLOB NOT NULL,
        signing_time DATETIME(3) NOT NULL,
        created_at DATETIME(3) NOT NULL,
        PRIMARY KEY (id),
        KEY idx_first_head_evidence_number (nuc_application_number)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
    await queryRunner.query(`
      CREATE TABLE first_head_challenges (
        id CHAR(36) NOT NULL,
        challenge VARCHAR(200) NOT NULL,
        expires_at DATETIME(3) NOT NULL,
        used_at DATETIME(3) NULL,
        created_at DATETIME(3) NOT NULL,
        PRIMARY KEY (id),
        KEY idx_first_head_challenges_expires (expires_at)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE first_head_challenges');
    await queryRunner.query('DROP TABLE first_head_approval_evidence');
    await queryRunner.query('DROP TABLE first_head_approvals');
  }
}
