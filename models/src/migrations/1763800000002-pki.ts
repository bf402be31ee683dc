import { MigrationInterface, QueryRunner } from 'typeorm';

/** CA hierarchy, issued certificates and revocations, CRLs, used CSR keys, НУЦ applications and their status history. */
export class Pki1763800000002 implements MigrationInterface {
  name = 'Pki1763800000002';

  async up(q: QueryRunner): Promise<void> {
    const table = 'ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci';
    await q.query(`CREATE TABLE ca_authorities (
      name VARCHAR(16) NOT NULL PRIMARY KEY,
      certificate_der BLOB NOT NULL,
      sealed_private_key BLOB NOT NULL,
      created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3)
    ) ${table}`);
    await q.query(`CREATE TABLE ca_certificates (
      serial VARCHAR(40) NOT NULL PRIMARY KEY,
      application_number CHAR(14) NULL,
      kind VARCHAR(8) NOT NULL,
      subject VARCHAR(512) NOT NULL,
      subject_key_id CHAR(40) NOT NULL,
      certificate_der BLOB NOT NULL,
      not_before DATETIME(3) NOT NULL,
      not_after DATETIME(3) NOT NULL,
      revoked_at DATETIME(3) NULL,
      revocation_reason TINYINT NULL,
      created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
      UNIQUE KEY uq_ca_certificates_application_kind (application_number, kind),
      KEY ix_ca_certificates_revoked (revoked_at),
      KEY ix_ca_certificates_subject_key_id (subject_key_id)
    ) ${table}`);
    await q.query(`CREATE TABLE ca_crls (
      number BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
      der MEDIUMBLOB NULL,
      this_update DATETIME(3) NOT NULL,
      next_update DATETIME(3) NOT NULL
    ) ${table}`);
    await q.query(`CREATE TABLE ca_used_csrs (
      key_fingerprint CHAR(64) NOT NULL PRIMARY KEY,
      application_number CHAR(14) NOT NULL,
      kind VARCHAR(8) NOT NULL,
      created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3)
    ) ${table}`);
    await q.query(`CREATE TABLE nuc_applications (
      number CHAR(14) NOT NULL PRIMARY KEY,
      request_id VARCHAR(128) NOT NULL,
      subject_type VARCHAR(16) NOT NULL,
      template VARCHAR(128) NOT NULL,
      key_storage VARCHAR(32) NOT NULL,
      iin CHAR(12) NOT NULL,
      bin CHAR(12) NULL,
      identity LONGTEXT NOT NULL CHECK (JSON_VALID(identity)),
      auth_csr_der BLOB NOT NULL,
      sign_csr_der BLOB NOT NULL,
      status VARCHAR(32) NOT NULL,
      created_at DATETIME(3) NOT NULL,
      updated_at DATETIME(3) NOT NULL,
      UNIQUE KEY uq_nuc_applications_request_id (request_id),
      KEY ix_nuc_applications_status_created (status, created_at),
      KEY ix_nuc_applications_iin (iin)
    ) ${table}`);
    await q.query(`CREATE TABLE nuc_application_statuses (
      id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
      application_number CHAR(14) NOT NULL,
      status VARCHAR(32) NOT NULL,
      at DATETIME(3) NOT NULL,
      KEY ix_nuc_application_statuses_number (application_number, id),
      CONSTRAINT fk_nuc_application_statuses_application FOREIGN KEY (application_number)
        REFERENCES nuc_applications (number) ON DELETE CASCADE
    ) ${table}`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE nuc_application_statuses');
    await q.query('DROP TABLE nuc_applications');
    await q.query('DROP TABLE ca_used_csrs');
    await q.query('DROP TABLE ca_crls');
    await q.query('DROP TABLE ca_certificates');
    await q.query('DROP TABLE ca_authorities');
  }
}
