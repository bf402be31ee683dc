import 'reflect-metadata';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import * as x509 from '@peculiar/x509';
import { normalizeSerial } from '../crypto-engine';
import { CaCertificates } from '../ca/ca-keyring';
import { CertificateStatus } from '../ca/certificate-authority';
import { roleFromEku } from '../ca/nuc-profile';
import { PkiError, PkiErrorCode } from '../errors';
import { NameOid } from '../nuc-profile-oids';
import { exactBuffer } from '../pkijs-bytes';
import { CertificateKind, CertificateRole } from '../verified-identity';

const ID_SIGNED_DATA = '1.2.840.113549.1.7.2';
const ID_SIGNING_TIME = '1.2.840.113549.1.9.5';
/** Signing times this far ahead of our clock are treated as forged. */
const CLOCK_SKEW_MS = 5 * 60 * 1000;

/** Where the verifier finds our certificates and their revocation state (the CA, or OCSP/CRL in front of it). */
export interface SignerCertificateSource {
  findBySerial(serial: string): Promise<x509.X509Certificate | null>;
  findByKeyId(keyId: string): Promise<x509.X509Certificate | null>;
  statusOf(serial: string): Promise<CertificateStatus>;
}

export interface CmsToVerify {
  /** CMS SignedData (ContentInfo), DER or PEM. */
  signature: Buffer | string;
  /** The signed content, for a detached signature. */
  content?: Buffer;
  /** Time to check at; default now. */
  at?: Date;
}

export interface VerifiedSignature {
  iin: string;
  bin: string | null;
  role: CertificateRole;
  commonName: string;
  organizationName: string | null;
  certificateSerial: string;
  certificateKind: CertificateKind;
  /** The signer certificate's «Срок действия». */
  validFrom: Date;
  validTo: Date;
  /** The e-mail in the certificate's subject, when the applicant gave one. */
  email: string | null;
  /** Signing time from the signed attributes, or the check time when absent. */
  signingTime: Date;
  /** The signed content (attached, or the detached content given). */
  content: Buffer;
}

/**
 * Verifies a CMS (PKCS#7) signature made with one of our certificates: signature, chain to
 * our root, validity at signing time, key usage, and revocation. Returns who signed.
 */
export class CmsVerifier {
  constructor(
    private readonly keyring: CaCertificates,
    private readonly certificates: SignerCertificateSource,
  ) {}

  async verify(input: CmsToVerify): Promise<VerifiedSignature> {
    const now = input.at ?? new Date();
    const signed = parseSignedData(input.signature);
    if (signed.signerInfos.length !== 1) throw fail(PkiErrorCode.MalformedSignature, 'Exactly one signer is expected');
    const signerInfo = signed.signerInfos[0];
    const cert = await this.signerCertificate(signerInfo);
    if (!cert) throw fail(PkiErrorCode.SignerNotTrusted, 'The signer certificate was not issued by our CA');
    const serial = normalizeSerial(cert.serialNumber);

    // Verify against our own copy of the certificate, whatever the signature embeds.
    const ours = pkijs.Certificate.fromBER(cert.rawData);
    signed.certificates = [...(signed.certificates ?? []).filter((c) => !(c instanceof pkijs.Certificate) || !sameSerial(c, serial)), ours];
    const embedded = signed.encapContentInfo.eContent;
    const content = embedded ? Buffer.from(embedded.getValue()) : input.content;
    if (!content) throw fail(PkiErrorCode.MalformedSignature, 'A detached signature needs the signed content');
    // A caller that passes content means "this is what was signed": an attached signature over something else is not that.
    if (embedded && input.content && !input.content.equals(content)) throw fail(PkiErrorCode.SignatureInvalid, 'The signature covers different content');
    let valid = false;
    try {
      const data = embedded ? undefined : exactBuffer(content);
      valid = await signed.verify({ signer: 0, data, checkChain: false });
    } catch {
      valid = false;
    }
    if (!valid) throw fail(PkiErrorCode.SignatureInvalid, 'The signature does not match the signed content');

    await this.assertChain(cert);
    const signingTime = readSigningTime(signerInfo) ?? now;
    if (signingTime.getTime() > now.getTime() + CLOCK_SKEW_MS) throw fail(PkiErrorCode.SignatureInvalid, 'The signing time is in the future');
    if (signingTime < cert.notBefore || signingTime > cert.notAfter || now < cert.notBefore) {
      throw fail(PkiErrorCode.CertificateExpired, 'The signer certificate was not valid at signing time');
    }
    const keyUsage = cert.getExtension(x509.KeyUsagesExtension);
    const allowed = x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.nonRepudiation;
    if (!keyUsage || (keyUsage.usages & allowed) === 0) throw fail(PkiErrorCode.KeyUsageNotAllowed, 'The signer certificate is not for signatures');
    // The signing time is the signer's own claim (no time-stamp), so any revocation rejects.
    const status = await this.certificates.statusOf(serial);
    if (status.status !== 'good') throw fail(PkiErrorCode.CertificateRevoked, 'Сертификат подписанта отозван');

    const eku = cert.getExtension(x509.ExtendedKeyUsageExtension)?.usages.map(String) ?? [];
    const role = roleFromEku(eku);
    if (!role) throw fail(PkiErrorCode.SignerNotTrusted, 'The signer certificate carries no НУЦ role');
    const name = cert.subjectName;
    const iin = (name.getField(NameOid.serialNumber)[0] ?? '').replace(/^IIN/, '');
    const binField = name.getField(NameOid.organizationalUnit)[0];
    return {
      iin,
      bin: binField ? binField.replace(/^BIN/, '') : null,
      role,
      commonName: name.getField(NameOid.commonName)[0] ?? '',
      organizationName: name.getField(NameOid.organization)[0] ?? null,
      certificateSerial: serial,
      certificateKind: (keyUsage.usages & x509.KeyUsageFlags.nonRepudiation) !== 0 ? 'SIGN' : 'AUTH',
      validFrom: cert.notBefore,
      validTo: cert.notAfter,
      email: name.getField(NameOid.email)[0] ?? null,
      signingTime,
      content,
    };
  }

  /** Our certificate named by the signer identifier: issuer + serial, or subject key id. */
  private async signerCertificate(signerInfo: pkijs.SignerInfo): Promise<x509.X509Certificate | null> {
    const sid = signerInfo.sid;
    if (sid instanceof pkijs.IssuerAndSerialNumber) {
      return this.certificates.findBySerial(Buffer.from(sid.serialNumber.valueBlock.valueHexView).toString('hex'));
    }
    const keyId = Buffer.from((sid as asn1js.OctetString).valueBlock.valueHexView).toString('hex');
    return this.certificates.findByKeyId(keyId);
  }

  private async assertChain(cert: x509.X509Certificate): Promise<void> {
    const { issuing, root } = this.keyring;
    const chained =
      cert.issuer === issuing.subject &&
      (await cert.verify({ publicKey: issuing.publicKey, signatureOnly: true })) &&
      issuing.issuer === root.subject &&
      (await issuing.verify({ publicKey: root.publicKey, signatureOnly: true }));
    if (!chained) throw fail(PkiErrorCode.SignerNotTrusted, 'The signer certificate does not chain to our root CA');
  }
}

function parseSignedData(input: Buffer | string): pkijs.SignedData {
  try {
    const text = typeof input === 'string' ? input : input.toString('latin1');
    const der = text.includes('-----BEGIN') ? Buffer.from(text.replace(/-----(BEGIN|END)[^-]*-----/g, '').replace(/\s+/g, ''), 'base64') : Buffer.from(input as Buffer);
    const info = pkijs.ContentInfo.fromBER(new Uint8Array(der));
    if (info.contentType !== ID_SIGNED_DATA) throw new Error('not SignedData');
    return new pkijs.SignedData({ schema: info.content });
  } catch {
    throw fail(PkiErrorCode.MalformedSignature, 'The signature is not a CMS (PKCS#7) SignedData structure');
  }
}

function readSigningTime(signerInfo: pkijs.SignerInfo): Date | undefined {
  const attr = signerInfo.signedAttrs?.attributes.find((a) => a.type === ID_SIGNING_TIME);
  const value = attr?.values[0] as asn1js.UTCTime | asn1js.GeneralizedTime | undefined;
  return value ? value.toDate() : undefined;
}

function sameSerial(cert: pkijs.Certificate, serial: string): boolean {
  return normalizeSerial(Buffer.from(cert.serialNumber.valueBlock.valueHexView).toString('hex')) === serial;
}

function fail(code: PkiErrorCode, message: string): PkiError {
  return new PkiError(code, message);
}
