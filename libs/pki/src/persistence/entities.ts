// The entities live with every other entity in @app/models; the PKI names its own set here.
import { Pki1763800000002, PkiDeltaCrls1763800000020 } from '@app/models';

export {
  CaAuthorityEntity,
  CaCertificateEntity,
  CaCrlEntity,
  CaUsedCsrEntity,
  NucApplicationEntity,
  NucApplicationStatusEntity,
  PKI_ENTITIES,
  Pki1763800000002,
  PkiDeltaCrls1763800000020,
} from '@app/models';

/** The PKI migrations, in order, for a DataSource's `migrations`. */
export const PKI_MIGRATIONS = [Pki1763800000002, PkiDeltaCrls1763800000020];

/** True when a driver error is MySQL/MariaDB's duplicate-key error. */
export function isDuplicateKey(error: unknown): boolean {
  const e = error as { code?: string; driverError?: { code?: string } };
  return e?.code === 'ER_DUP_ENTRY' || e?.driverError?.code === 'ER_DUP_ENTRY';
}
