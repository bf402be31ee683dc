import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { RSA_SHA256 } from './browser-keys';
import './pkcs12';

const ID_KEY_BAG_SHROUDED = '1.2.840.113549.1.12.10.1.2';
const ID_CERT_BAG = '1.2.840.113549.1.12.10.1.3';
const ID_LOCAL_KEY_ID = '1.2.840.113549.1.9.21';
const ID_DATA = '1.2.840.113549.1.7.1';
const ID_SIGNED_DATA = '1.2.840.113549.1.7.2';
const ID_CONTENT_TYPE = '1.2.840.113549.1.9.3';
const ID_MESSAGE_DIGEST = '1.2.840.113549.1.9.4';
const ID_SIGNING_TIME = '1.2.840.113549.1.9.5';

export interface OpenedContainer {
  key: CryptoKey;
  certificate: pkijs.Certificate;
}

const hex = (bytes: ArrayBuffer | Uint8Array | undefined) => (bytes ? [...new Uint8Array(bytes)].map((b) => b.toString(16).padStart(2, '0')).join('') : undefined);

/**
 * Opens a PKCS#12 container in the browser (the file never leaves it), as
 * libs/pki/src/pkcs12/pkcs12-reader.ts does on the server: integrity checked with the password, the
 * PBES2-shrouded key decrypted, the certificate with the key's localKeyId. Throws on a wrong password.
 */
export async function openContainer(p12: ArrayBuffer, password: string): Promise<OpenedContainer> {
  const secret = new TextEncoder().encode(password).buffer;
  const pfx = pkijs.PFX.fromBER(p12);
  await pfx.parseInternalValues({ password: secret, checkIntegrity: true });
  const safe = pfx.parsedValue!.authenticatedSafe!;
  await safe.parseInternalValues({ safeContents: safe.safeContents.map(() => ({ password: secret })) });
  const bags = (safe.parsedValue?.safeContents ?? []).flatMap((s: { value: pkijs.SafeContents }) => s.value.safeBags);
  let pkcs8: ArrayBuffer | undefined;
  let keyId: string | undefined;
  const certificates: Array<{ certificate: pkijs.Certificate; id?: string }> = [];
  for (const bag of bags) {
    const id = hex((bag.bagAttributes?.find((a: pkijs.Attribute) => a.type === ID_LOCAL_KEY_ID)?.values[0] as asn1js.OctetString | undefined)?.valueBlock.valueHexView);
    if (bag.bagId === ID_KEY_BAG_SHROUDED) {
      const shrouded = bag.bagValue as pkijs.PKCS8ShroudedKeyBag;
      // pkijs's own PKCS#12 example decrypts the bag this way; its typings mark the method protected.
      await (shrouded as unknown as { parseInternalValues(params: { password: ArrayBuffer }): Promise<void> }).parseInternalValues({ password: secret });
      pkcs8 = shrouded.parsedValue!.toSchema().toBER(false);
      keyId = id;
    } else if (bag.bagId === ID_CERT_BAG) {
      certificates.push({ certificate: (bag.bagValue as pkijs.CertBag).parsedValue as pkijs.Certificate, id });
    }
  }
  if (!pkcs8) throw new Error('the container holds no private key');
  const own = certificates.find((c) => c.id !== undefined && c.id === keyId) ?? certificates[0];
  if (!own) throw new Error('the container holds no certificate');
  return { key: await crypto.subtle.importKey('pkcs8', pkcs8, RSA_SHA256, false, ['sign']), certificate: own.certificate };
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
