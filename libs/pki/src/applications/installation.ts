import 'reflect-metadata';
import * as x509 from '@peculiar/x509';
import { nodeCrypto, rsaSha256 } from '../crypto-engine';
import { CertificateAuthority } from '../ca/certificate-authority';
import { PkiError, PkiErrorCode } from '../errors';
import { NucApplicationView, NucApplications } from './nuc-applications';
import { NucStatus } from './nuc-status';

/** What the key agent signs with the AUTH key to show it installed the certificates. */
export function installationChallenge(applicationNumber: string): Buffer {
  return Buffer.from(`nuc-installed:${applicationNumber}`, 'utf8');
}

/**
 * Records «Сертификаты установлены» once the applicant proves possession of the AUTH key
 * (an RSA-SHA256 signature over the installation challenge), so a bystander who knows the
 * application number cannot mark it installed. Idempotent.
 */
export async function confirmInstallation(
  deps: { applications: Pick<NucApplications, 'get' | 'recordStatus'>; authority: Pick<CertificateAuthority, 'certificatesOf'> },
  applicationNumber: string,
  proof: Buffer,
): Promise<NucApplicationView> {
  const pair = await deps.authority.certificatesOf(applicationNumber);
  const cert = new x509.X509Certificate(pair.auth.pem);
  const key = await cert.publicKey.export(rsaSha256, ['verify'], nodeCrypto as never);
  const valid = await nodeCrypto.subtle.verify(rsaSha256, key as never, proof, installationChallenge(applicationNumber));
  if (!valid) throw new PkiError(PkiErrorCode.InstallationProofInvalid, 'The installation proof is not a signature by this application’s AUTH key');
  const view = await deps.applications.get(applicationNumber);
  if (view.status === NucStatus.Installed) return view;
  return deps.applications.recordStatus(applicationNumber, NucStatus.Installed);
}
