import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Sealed identity-document scans (see DocumentScanEntity). */
export class DocumentScans1763800000003 implements MigrationInterface {
  name = 'DocumentScans1763800000003';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE document_scans (
        id CHAR(36) NOT NULL,
        application_id CHAR(36) NOT NULL,
        side VARCHAR(8) NOT NULL,
        sealed_image LONGBLOB NOT NULL,
        created_at DATETIME(3) NOT NULL,
        PRIMARY KEY (id),
        KEY idx_document_scans_application (application_id)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE document_scans');
  }
}
