import 'reflect-metadata';
import * as x509 from '@peculiar/x509';
import { CryptoKey, rsaSha256 } from '../crypto-engine';
import { NameOid, NucOid } from '../nuc-profile-oids';
import { CertificateKind, CertificateRole, VerifiedIdentity } from '../verified-identity';
import { randomSerial } from './ca-keyring';

/** Subject of a НУЦ certificate, built from the verified identity only (DESIGN §3). */
export function nucSubject(identity: VerifiedIdentity): x509.JsonNameParams {
  const surname = identity.surname.toUpperCase();
  const givenName = identity.givenName.toUpperCase();
  const name: x509.JsonNameParams = [
    { [NameOid.commonName]: [`${surname} ${givenName}`] },
    { [NameOid.surname]: [surname] },
    { [NameOid.serialNumber]: [`IIN${identity.iin}`] },
    { [NameOid.country]: ['KZ'] },
  ];
  if (identity.subjectType === 'legal_entity') {
    name.push({ [NameOid.organization]: [identity.organizationName] });
    name.push({ [NameOid.organizationalUnit]: [`BIN${identity.bin}`] });
  }
  if (identity.patronymic) name.push({ [NameOid.givenName]: [identity.patronymic.toUpperCase()] });
  // PKCS#9 emailAddress must be an IA5String.
  if (identity.email) name.push({ [NameOid.email]: [{ ia5String: identity.email }] });
  return name;
}

/** Role OIDs for the EKU: the subject type, the legal-entity role, and remote identification. */
export function nucRoleOids(identity: VerifiedIdentity): string[] {
  if (identity.subjectType === 'individual') return [NucOid.roleIndividual, NucOid.identifiedRemotelyViaDigitalId];
  const role = { employee: NucOid.roleEmployee, first_head: NucOid.roleFirstHead, signing_right: NucOid.roleSigningRight }[identity.role];
  return [NucOid.roleLegalEntity, role, NucOid.identifiedRemotelyViaDigitalId];
}

/** Reads the role back from a certificate's EKU OIDs; undefined when it carries no НУЦ role. */
export function roleFromEku(oids: readonly string[]): CertificateRole | undefined {
  if (oids.includes(NucOid.roleFirstHead)) return 'first_head';
  if (oids.includes(NucOid.roleSigningRight)) return 'signing_right';
  if (oids.includes(NucOid.roleEmployee)) return 'employee';
  if (oids.includes(NucOid.roleIndividual)) return 'individual';
  return undefined;
}

export interface NucCertificateRequest {
  kind: CertificateKind;
  identity: VerifiedIdentity;
  /** The applicant's public key, from a CSR whose signature was verified. */
  publicKey: x509.PublicKey;
  issuer: x509.X509Certificate;
  issuerKey: CryptoKey;
  notBefore: Date;
  notAfter: Date;
  urls: { crl: string; ocsp: string; issuingCert: string };
  serialNumber?: string;
}

/** Builds and signs one certificate of the НУЦ profile. */
export async function buildNucCertificate(req: NucCertificateRequest): Promise<x509.X509Certificate> {
  const usages =
    req.kind === 'AUTH'
      ? x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment
      : x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.nonRepudiation;
  const purpose = req.kind === 'AUTH' ? NucOid.clientAuth : NucOid.emailProtection;
  return x509.X509CertificateGenerator.create({
    serialNumber: req.serialNumber ?? randomSerial(),
    subject: new x509.Name(nucSubject(req.identity)),
    issuer: req.issuer.subjectName,
    notBefore: req.notBefore,
    notAfter: req.notAfter,
    publicKey: req.publicKey,
    signingKey: req.issuerKey,
    signingAlgorithm: rsaSha256,
    extensions: [
      new x509.KeyUsagesExtension(usages, true),
      new x509.ExtendedKeyUsageExtension([purpose, ...nucRoleOids(req.identity)]),
      await x509.SubjectKeyIdentifierExtension.create(req.publicKey),
      await x509.AuthorityKeyIdentifierExtension.create(req.issuer.publicKey),
      new x509.CRLDistributionPointsExtension([req.urls.crl]),
      new x509.AuthorityInfoAccessExtension({ ocsp: [req.urls.ocsp], caIssuers: [req.urls.issuingCert] }),
    ],
  });
}
