import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { engineDigest, exactBuffer } from '../pkijs-bytes';

/*
 * The detached CMS signatures of this project, made with pkijs alone so that the server
 * (signDetachedCms, the key agent) and the web app (the first-head cabinet, the portal) sign alike.
 */

const ID_DATA = '1.2.840.113549.1.7.1';
const ID_SIGNED_DATA = '1.2.840.113549.1.7.2';
const ID_CONTENT_TYPE = '1.2.840.113549.1.9.3';
const ID_MESSAGE_DIGEST = '1.2.840.113549.1.9.4';
const ID_SIGNING_TIME = '1.2.840.113549.1.9.5';

export interface DetachedCmsParts {
  /** The signer's RSA key, imported for RSASSA-PKCS1-v1_5 with SHA-256. */
  key: Parameters<pkijs.SignedData['sign']>[0];
  /** DER of the signer's certificate (included in the signature). */
  certificate: Uint8Array;
  /** What is signed; not included in the signature (detached). */
  content: Uint8Array;
  signingTime?: Date;
}

/**
 * A detached CMS SignedData (RFC 5652) over `content`: RSA PKCS#1 v1.5 with SHA-256, the signer
 * named by issuer and serial, signed attributes contentType, signingTime and messageDigest, the
 * signer's certificate included. What NCALayer's `createCMSSignatureFromBase64` makes with
 * `attached = false`; `openssl cms -verify -binary -content FILE` checks it. Returns the DER.
 */
export async function encodeDetachedCms(parts: DetachedCmsParts): Promise<Uint8Array> {
  const certificate = pkijs.Certificate.fromBER(exactBuffer(parts.certificate));
  const digest = await engineDigest('SHA-256', parts.content);
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
            new pkijs.Attribute({ type: ID_SIGNING_TIME, values: [new asn1js.UTCTime({ valueDate: parts.signingTime ?? new Date() })] }),
            new pkijs.Attribute({ type: ID_MESSAGE_DIGEST, values: [new asn1js.OctetString({ valueHex: digest })] }),
          ],
        }),
      }),
    ],
    certificates: [certificate],
  });
  await signedData.sign(parts.key, 0, 'SHA-256', exactBuffer(parts.content));
  const info = new pkijs.ContentInfo({ contentType: ID_SIGNED_DATA, content: signedData.toSchema(true) });
  return new Uint8Array(info.toSchema().toBER(false));
}
