import { DataSource } from 'typeorm';
import { NucApplications } from './applications/nuc-applications';
import { CaView, openCaCertificates, openCaKeyring } from './ca/ca-keyring';
import { CertificateAuthority, CertificateStatus, RevocationReason } from './ca/certificate-authority';
import { CmsVerifier } from './cms/cms-verifier';
import { CrlPublisher } from './crl/crl-publisher';
import { OcspResponder } from './ocsp/ocsp-responder';
import { Pkcs12Builder } from './pkcs12/pkcs12-builder';
import { PkiOptions, ResolvedPkiOptions, pkiUrls, resolvePkiOptions } from './pki-options';

/** All PKI services over one DataSource: what the API module and the worker both build. */
export interface Pki {
  options: ResolvedPkiOptions;
  authority: CertificateAuthority;
  applications: NucApplications;
  crl: CrlPublisher;
  ocsp: OcspResponder;
  cms: CmsVerifier;
  pkcs12: Pkcs12Builder;
  /** Whether this process holds the CA keys (the pki worker) or only the certificates (the API). */
  signs: boolean;
  /**
   * Revokes and publishes a delta CRL at once, so OCSP and the delta CRL agree from that moment
   * (this process's OCSP status cache, if on, forgets the serial); the next base CRL lists it too.
   */
  revoke(serial: string, reason?: RevocationReason): Promise<CertificateStatus>;
}

/**
 * Opens the CA hierarchy and wires the services. With `caKeyEncryptionKey` (the pki worker) the CA
 * keys are unsealed and the hierarchy is created on first start unless `createCaIfMissing` is
 * false; without it (the internet-facing API) only the certificates are read, nothing can be signed
 * with a CA key, and OCSP waits for a delegated responder (`ocsp.useSigner`). The DataSource must
 * include PKI_ENTITIES and have run the PKI migration.
 */
export async function createPki(dataSource: DataSource, options: PkiOptions): Promise<Pki> {
  const resolved = resolvePkiOptions(options);
  const keyring: CaView = resolved.caKeyEncryptionKey
    ? await openCaKeyring(dataSource, resolved, { createIfMissing: resolved.createCaIfMissing })
    : await openCaCertificates(dataSource);
  const authority = new CertificateAuthority(dataSource, keyring, resolved);
  const ocsp = new OcspResponder(keyring, authority, resolved.ocsp);
  const crl = new CrlPublisher(dataSource, keyring, { ...resolved, deltaCrlUrl: pkiUrls(resolved.publicBaseUrl).deltaCrl });
  return {
    options: resolved,
    authority,
    applications: new NucApplications(dataSource, resolved),
    crl,
    ocsp,
    cms: new CmsVerifier(keyring, authority),
    pkcs12: new Pkcs12Builder(),
    signs: keyring.issuingKey !== undefined,
    async revoke(serial, reason) {
      const status = await authority.revoke(serial, reason);
      ocsp.forget(serial);
      await crl.publishDelta();
      return status;
    },
  };
}
