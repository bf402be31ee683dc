import { createHash } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import '../crypto-engine';
import { CaKeyring } from '../ca/ca-keyring';
import { CertificateStatus } from '../ca/certificate-authority';
import { normalizeSerial } from '../crypto-engine';
import { PkiError, PkiErrorCode } from '../errors';

const ID_PKIX_OCSP_BASIC = '1.3.6.1.5.5.7.48.1.1';
const ID_PKIX_OCSP_NONCE = '1.3.6.1.5.5.7.48.1.2';
const HASHES: Record<string, string> = { '1.3.14.3.2.26': 'sha1', '2.16.840.1.101.3.4.2.1': 'sha256', '2.16.840.1.101.3.4.2.2': 'sha384', '2.16.840.1.101.3.4.2.3': 'sha512' };
/** Largest request we parse: a handful of CertIDs fits in well under this. */
export const MAX_OCSP_REQUEST_BYTES = 16 * 1024;
/** Most certificates asked about in one request: each costs a lookup. */
export const MAX_OCSP_CERT_IDS = 32;

/** What the responder needs to know about a serial. */
export interface CertificateStatusSource {
  statusOf(serial: string): Promise<CertificateStatus>;
}

export interface OcspResponderOptions {
  /** How long a "good"/"revoked" answer may be cached (nextUpdate). Default 1 hour. */
  validityMs?: number;
}

/** RFC 6960 responder for certificates of our issuing CA; the CA signs responses itself. */
export class OcspResponder {
  private readonly issuerCert: pkijs.Certificate;
  private readonly issuerNameDer: Buffer;
  private readonly issuerKeyBits: Buffer;

  constructor(
    private readonly keyring: CaKeyring,
    private readonly statuses: CertificateStatusSource,
    private readonly options: OcspResponderOptions = {},
  ) {
    this.issuerCert = pkijs.Certificate.fromBER(keyring.issuing.rawData);
    this.issuerNameDer = Buffer.from(this.issuerCert.subject.toSchema().toBER(false));
    this.issuerKeyBits = Buffer.from(this.issuerCert.subjectPublicKeyInfo.subjectPublicKey.valueBlock.valueHexView);
  }

  /** Answers a DER OCSPRequest with a signed DER OCSPResponse; throws MalformedOcspRequest. */
  async respond(requestDer: Buffer, at: Date = new Date()): Promise<Buffer> {
    const now = wholeSeconds(at);
    const request = parseRequest(requestDer);
    const responses: pkijs.SingleResponse[] = [];
    for (const { reqCert } of request.tbsRequest.requestList) {
      const status = await this.statusFor(reqCert);
      const single = new pkijs.SingleResponse({ certID: reqCert, certStatus: certStatusAsn(status), thisUpdate: now });
      // pkijs encodes nextUpdate whenever the property exists, so set it only when there is one.
      if (status.status !== 'unknown') single.nextUpdate = new Date(now.getTime() + (this.options.validityMs ?? 3_600_000));
      responses.push(single);
    }
    const nonce = request.tbsRequest.requestExtensions?.find((e) => e.extnID === ID_PKIX_OCSP_NONCE);
    const basic = new pkijs.BasicOCSPResponse({
      tbsResponseData: new pkijs.ResponseData({
        responderID: this.issuerCert.subject,
        producedAt: now,
        responses,
        responseExtensions: nonce ? [new pkijs.Extension({ extnID: ID_PKIX_OCSP_NONCE, extnValue: nonce.extnValue.valueBlock.valueHexView.slice().buffer })] : undefined,
      }),
      certs: [this.issuerCert],
    });
    await basic.sign(this.keyring.issuingKey, 'SHA-256');
    const response = new pkijs.OCSPResponse({
      responseStatus: new asn1js.Enumerated({ value: 0 }),
      responseBytes: new pkijs.ResponseBytes({
        responseType: ID_PKIX_OCSP_BASIC,
        response: new asn1js.OctetString({ valueHex: basic.toSchema().toBER(false) }),
      }),
    });
    return Buffer.from(response.toSchema().toBER(false));
  }

  /** The unsigned OCSPResponse for a request we could not parse (status malformedRequest). */
  static malformedResponse(): Buffer {
    return Buffer.from(new pkijs.OCSPResponse({ responseStatus: new asn1js.Enumerated({ value: 1 }) }).toSchema().toBER(false));
  }

  private async statusFor(certId: pkijs.CertID): Promise<CertificateStatus> {
    const serial = normalizeSerial(Buffer.from(certId.serialNumber.valueBlock.valueHexView).toString('hex'));
    const hash = HASHES[certId.hashAlgorithm.algorithmId];
    if (!hash) return { status: 'unknown', serial };
    const nameHash = createHash(hash).update(this.issuerNameDer).digest();
    const keyHash = createHash(hash).update(this.issuerKeyBits).digest();
    const sameIssuer =
      nameHash.equals(Buffer.from(certId.issuerNameHash.valueBlock.valueHexView)) && keyHash.equals(Buffer.from(certId.issuerKeyHash.valueBlock.valueHexView));
    if (!sameIssuer) return { status: 'unknown', serial };
    return this.statuses.statusOf(serial);
  }
}

function parseRequest(der: Buffer): pkijs.OCSPRequest {
  if (der.length === 0 || der.length > MAX_OCSP_REQUEST_BYTES) throw malformed();
  try {
    const request = pkijs.OCSPRequest.fromBER(new Uint8Array(der));
    const count = request.tbsRequest.requestList.length;
    if (count === 0 || count > MAX_OCSP_CERT_IDS) throw malformed();
    return request;
  } catch {
    throw malformed();
  }
}

function malformed(): PkiError {
  return new PkiError(PkiErrorCode.MalformedOcspRequest, 'The OCSP request is not a valid DER OCSPRequest (RFC 6960)');
}

/** CertStatus CHOICE: good [0] NULL, revoked [1] RevokedInfo, unknown [2] NULL (implicit tags). */
function certStatusAsn(status: CertificateStatus): asn1js.BaseBlock {
  if (status.status === 'revoked') {
    const value: asn1js.BaseBlock[] = [new asn1js.GeneralizedTime({ valueDate: wholeSeconds(status.revokedAt) })];
    if (status.reason) value.push(new asn1js.Constructed({ idBlock: { tagClass: 3, tagNumber: 0 }, value: [new asn1js.Enumerated({ value: status.reason })] }));
    return new asn1js.Constructed({ idBlock: { tagClass: 3, tagNumber: 1 }, value });
  }
  return new asn1js.Primitive({ idBlock: { tagClass: 3, tagNumber: status.status === 'good' ? 0 : 2 }, lenBlock: { length: 0 } });
}

/** DER times without fractions: some clients reject fractional GeneralizedTime. */
function wholeSeconds(date: Date): Date {
  return new Date(Math.floor(date.getTime() / 1000) * 1000);
}
