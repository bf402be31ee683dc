import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * CRLs by issuer and kind: the issuing CA's base and delta CRLs, and the root's CRL for the issuing
 * CA. One CRL-number sequence (the auto-increment id) serves them all, so numbers rise across base and delta.
 */
export class PkiDeltaCrls1763800000020 implements MigrationInterface {
  name = 'PkiDeltaCrls1763800000020';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE ca_crls
      ADD COLUMN issuer VARCHAR(16) NOT NULL DEFAULT 'issuing' AFTER number,
      ADD COLUMN kind VARCHAR(8) NOT NULL DEFAULT 'base' AFTER issuer,
      ADD COLUMN base_number BIGINT NULL AFTER kind,
      ADD KEY ix_ca_crls_issuer_kind_number (issuer, kind, number)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM ca_crls WHERE issuer <> 'issuing' OR kind <> 'base'`);
    await q.query('ALTER TABLE ca_crls DROP KEY ix_ca_crls_issuer_kind_number, DROP COLUMN base_number, DROP COLUMN kind, DROP COLUMN issuer');
  }
}
