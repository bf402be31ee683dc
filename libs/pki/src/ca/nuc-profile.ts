import 'reflect-metadata';
import * as x509 from '@peculiar/x509';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { CryptoKey, rsaSha256 } from '../crypto-engine';
import { AccessMethodOid, ExtensionOid, NameOid, NucOid, PolicyQualifierOid } from '../nuc-profile-oids';
import { freshestCrlExtension } from '../crl/crl-builder';
import { addMonths } from '../pki-options';
import { CertificateKind, CertificateRole, SubjectType, VerifiedIdentity } from '../verified-identity';
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

/** The НУЦ certificate policy of a certificate: by subject type (individual or legal entity) and kind. */
export function nucPolicyOid(subjectType: SubjectType, kind: CertificateKind): string {
  if (subjectType === 'individual') return kind === 'SIGN' ? NucOid.policyIndividualSign : NucOid.policyIndividualAuth;
  return kind === 'SIGN' ? NucOid.policyLegalEntitySign : NucOid.policyLegalEntityAuth;
}

/** Qualifiers of the certificate policy: where the CPS is, and the notice shown to relying parties. */
export interface NucPolicyQualifiers {
  cpsUrl: string;
  userNotice: string;
}

/**
 * Certificate Policies (RFC 5280 §4.2.1.4) as НУЦ writes it: one policy, a CPS qualifier (IA5String)
 * and a user notice with explicitText only (UTF8String), not critical.
 */
export function certificatePoliciesExtension(policyOid: string, qualifiers: NucPolicyQualifiers): x509.Extension {
  const policies = new pkijs.CertificatePolicies({
    certificatePolicies: [
      new pkijs.PolicyInformation({
        policyIdentifier: policyOid,
        policyQualifiers: [
          new pkijs.PolicyQualifierInfo({ policyQualifierId: PolicyQualifierOid.cps, qualifier: new asn1js.IA5String({ value: qualifiers.cpsUrl }) }),
          new pkijs.PolicyQualifierInfo({
            policyQualifierId: PolicyQualifierOid.userNotice,
            // UserNotice ::= SEQUENCE { noticeRef OPTIONAL, explicitText DisplayText OPTIONAL }
            qualifier: new asn1js.Sequence({ value: [new asn1js.Utf8String({ value: qualifiers.userNotice })] }),
          }),
        ],
      }),
    ],
  });
  return new x509.Extension(ExtensionOid.certificatePolicies, false, policies.toSchema().toBER(false));
}

/**
 * Validity as НУЦ issues it: from the second of issuance to the same second `months` later
 * (twelve: exactly one year), not backdated. DER times carry whole seconds.
 */
export function nucValidity(now: Date, months: number): { notBefore: Date; notAfter: Date } {
  const notBefore = new Date(Math.floor(now.getTime() / 1000) * 1000);
  return { notBefore, notAfter: addMonths(notBefore, months) };
}

/** AIA with the CA issuers location first, then OCSP, as НУЦ orders them (the x509 library puts OCSP first). */
function authorityInfoAccessExtension(issuingCertUrl: string, ocspUrl: string): x509.Extension {
  const uri = (value: string) => new pkijs.GeneralName({ type: 6, value });
  const aia = new pkijs.InfoAccess({
    accessDescriptions: [
      new pkijs.AccessDescription({ accessMethod: AccessMethodOid.caIssuers, accessLocation: uri(issuingCertUrl) }),
      new pkijs.AccessDescription({ accessMethod: AccessMethodOid.ocsp, accessLocation: uri(ocspUrl) }),
    ],
  });
  return new x509.Extension(ExtensionOid.authorityInfoAccess, false, aia.toSchema().toBER(false));
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
  urls: { crl: string; deltaCrl: string; ocsp: string; issuingCert: string };
  policy: NucPolicyQualifiers;
  serialNumber?: string;
}

/** Builds and signs one certificate of the НУЦ profile, its extensions in the order НУЦ writes them. */
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
      await x509.AuthorityKeyIdentifierExtension.create(req.issuer.publicKey),
      await x509.SubjectKeyIdentifierExtension.create(req.publicKey),
      certificatePoliciesExtension(nucPolicyOid(req.identity.subjectType, req.kind), req.policy),
      new x509.CRLDistributionPointsExtension([req.urls.crl]),
      freshestCrlExtension(req.urls.deltaCrl),
      authorityInfoAccessExtension(req.urls.issuingCert, req.urls.ocsp),
    ],
  });
}
