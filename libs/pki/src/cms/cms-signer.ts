import { createHash } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { importRsaPrivateKey } from '../crypto-engine';

const ID_DATA = '1.2.840.113549.1.7.1';
const ID_SIGNED_DATA = '1.2.840.113549.1.7.2';
const ID_CONTENT_TYPE = '1.2.840.113549.1.9.3';
const ID_MESSAGE_DIGEST = '1.2.840.113549.1.9.4';
const ID_SIGNING_TIME = '1.2.840.113549.1.9.5';

export interface DetachedCmsInput {
  /** Unencrypted PKCS#8 DER of the signer's RSA key. */
  privateKeyPkcs8: Buffer;
  /** DER of the signer's certificate (included in the signature). */
  certificate: Buffer;
  /** What is signed; not included in the signature (detached). */
  content: Buffer;
  signingTime?: Date;
}

/**
 * A detached CMS SignedData (RFC 5652) over `content`: RSA PKCS#1 v1.5 with SHA-256, the signer
 * named by issuer and serial, signed attributes contentType, signingTime and messageDigest, the
 * signer's certificate included. What NCALayer's `createCMSSignatureFromBase64` makes with
 * `attached = false`; `openssl cms -verify -binary -content FILE` checks it. Returns the DER.
 */
export async function signDetachedCms(input: DetachedCmsInput): Promise<Buffer> {
  const certificate = pkijs.Certificate.fromBER(new Uint8Array(input.certificate));
  const key = await importRsaPrivateKey(input.privateKeyPkcs8);
  const digest = createHash('sha256').update(input.content).digest();
  const signedData = new pkijs.SignedData({
    version: 1,
    encapContentInfo: new pkijs.EncapsulatedContentInfo({ eContentType: ID_DATA }),
    signerInfos: [
      new pkijs.SignerInfo({
        version: 1,
        sid: new pkijs.IssuerAndSerialNumber({ issuer: certificate.issuer, serialNumber: certificate.serialNumber }),
        signedAttrs: new pkijs.SignedAndUnsignedAttributes({
          type: 0,
          attributes: [
            new pkijs.Attribute({ type: ID_CONTENT_TYPE, values: [new asn1js.ObjectIdentifier({ value: ID_DATA })] }),
            new pkijs.Attribute({ type: ID_SIGNING_TIME, values: [new asn1js.UTCTime({ valueDate: input.signingTime ?? new Date() })] }),
            new pkijs.Attribute({ type: ID_MESSAGE_DIGEST, values: [new asn1js.OctetString({ valueHex: toArrayBuffer(digest) })] }),
          ],
        }),
      }),
    ],
    certificates: [certificate],
  });
  await signedData.sign(key, 0, 'SHA-256', toArrayBuffer(input.content));
  const info = new pkijs.ContentInfo({ contentType: ID_SIGNED_DATA, content: signedData.toSchema(true) });
  return Buffer.from(info.toSchema().toBER(false));
}

function toArrayBuffer(buf: Buffer): ArrayBuffer {
  return buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength) as ArrayBuffer;
}
