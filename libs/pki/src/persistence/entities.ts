import {
  CaAuthorityEntity,
  CaCertificateEntity,
  CaCrlEntity,
  CaUsedCsrEntity,
  NucApplicationEntity,
  NucApplicationStatusEntity,
  Pki1763800000002,
} from '@app/models';

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
