import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { decodePkcs12 } from '@app/pki/pkcs12-format';
import { RSA_SHA256 } from './browser-keys';
import './pkcs12';

const ID_DATA = '1.2.840.113549.1.7.1';
const ID_SIGNED_DATA = '1.2.840.113549.1.7.2';
const ID_CONTENT_TYPE = '1.2.840.113549.1.9.3';
const ID_MESSAGE_DIGEST = '1.2.840.113549.1.9.4';
const ID_SIGNING_TIME = '1.2.840.113549.1.9.5';

export interface OpenedContainer {
  key: CryptoKey;
  certificate: pkijs.Certificate;
}

/**
 * Opens a PKCS#12 container in the browser (the file never leaves it) with the code the server opens
 * it with (libs/pki/src/pkcs12/pkcs12-format.ts). Throws on a wrong password.
 */
export async function openContainer(p12: ArrayBuffer, password: string): Promise<OpenedContainer> {
  const opened = await decodePkcs12(new Uint8Array(p12), password);
  return {
    key: await crypto.subtle.importKey('pkcs8', opened.privateKeyPkcs8.slice().buffer, RSA_SHA256, false, ['sign']),
    certificate: pkijs.Certificate.fromBER(opened.certificate.slice().buffer),
  };
}

/**
 * A detached CMS SignedData over `text` (UTF-8), as libs/pki/src/cms/cms-signer.ts and NCALayer make
 * it: RSA-SHA256, signed attributes contentType, signingTime and messageDigest, the certificate in.
 * Base64 DER.
 */
export async function signDetached(container: OpenedContainer, text: string): Promise<string> {
  const content = new TextEncoder().encode(text).buffer;
  const digest = await crypto.subtle.digest('SHA-256', content);
  const signedData = new pkijs.SignedData({
    version: 1,
    encapContentInfo: new pkijs.EncapsulatedContentInfo({ eContentType: ID_DATA }),
    signerInfos: [
      new pkijs.SignerInfo({
        version: 1,
        sid: new pkijs.IssuerAndSerialNumber({ issuer: container.certificate.issuer, serialNumber: container.certificate.serialNumber }),
        signedAttrs: new pkijs.SignedAndUnsignedAttributes({
          type: 0,
          attributes: [
            new pkijs.Attribute({ type: ID_CONTENT_TYPE, values: [new asn1js.ObjectIdentifier({ value: ID_DATA })] }),
            new pkijs.Attribute({ type: ID_SIGNING_TIME, values: [new asn1js.UTCTime({ valueDate: new Date() })] }),
            new pkijs.Attribute({ type: ID_MESSAGE_DIGEST, values: [new asn1js.OctetString({ valueHex: digest })] }),
          ],
        }),
      }),
    ],
    certificates: [container.certificate],
  });
  await signedData.sign(container.key, 0, 'SHA-256', content);
  const info = new pkijs.ContentInfo({ contentType: ID_SIGNED_DATA, content: signedData.toSchema(true) });
  const der = new Uint8Array(info.toSchema().toBER(false));
  let binary = '';
  for (const b of der) binary += String.fromCharCode(b);
  return btoa(binary);
}
