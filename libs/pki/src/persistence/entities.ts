// The `@app/models` barrel belongs to the lead; until it re-exports these, the PKI lib names its own entities here.
import { CaAuthorityEntity } from '../../../../models/src/entities/ca-authority.entity';
import { CaCertificateEntity } from '../../../../models/src/entities/ca-certificate.entity';
import { CaCrlEntity } from '../../../../models/src/entities/ca-crl.entity';
import { CaUsedCsrEntity } from '../../../../models/src/entities/ca-used-csr.entity';
import { NucApplicationEntity } from '../../../../models/src/entities/nuc-application.entity';
import { NucApplicationStatusEntity } from '../../../../models/src/entities/nuc-application-status.entity';
import { Pki1763800000002 } from '../../../../models/src/migrations/1763800000002-pki';

export {
  CaAuthorityEntity,
  CaCertificateEntity,
  CaCrlEntity,
  CaUsedCsrEntity,
  NucApplicationEntity,
  NucApplicationStatusEntity,
  Pki1763800000002,
};

/** Every TypeORM entity the PKI uses: pass to `TypeOrmModule.forFeature` / the DataSource's `entities`. */
export const PKI_ENTITIES = [
  CaAuthorityEntity,
  CaCertificateEntity,
  CaCrlEntity,
  CaUsedCsrEntity,
  NucApplicationEntity,
  NucApplicationStatusEntity,
];

/** The PKI migration, for a DataSource's `migrations`. */
export const PKI_MIGRATIONS = [Pki1763800000002];

/** True when a driver error is MySQL/MariaDB's duplicate-key error. */
export function isDuplicateKey(error: unknown): boolean {
  const e = error as { code?: string; driverError?: { code?: string } };
  return e?.code === 'ER_DUP_ENTRY' || e?.driverError?.code === 'ER_DUP_ENTRY';
}
