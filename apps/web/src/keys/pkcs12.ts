import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';

/*
 * PKCS#12 built in the browser, the same way libs/pki/src/pkcs12/pkcs12-builder.ts builds it on the
 * server: the key shrouded with PBES2 (PBKDF2-HMAC-SHA256, AES-256-CBC), the certificates encrypted
 * the same way, HMAC-SHA256 integrity. OpenSSL 3 opens them.
 */
pkijs.setEngine('browser', new pkijs.CryptoEngine({ name: 'browser', crypto }));

const ID_LOCAL_KEY_ID = '1.2.840.113549.1.9.21';
const ID_FRIENDLY_NAME = '1.2.840.113549.1.9.20';
const ID_KEY_BAG_SHROUDED = '1.2.840.113549.1.12.10.1.2';
const ID_CERT_BAG = '1.2.840.113549.1.12.10.1.3';
const ID_X509_CERTIFICATE = '1.2.840.113549.1.9.22.1';

export interface Pkcs12Input {
  privateKeyPkcs8: ArrayBuffer;
  certificate: Uint8Array<ArrayBuffer>;
  chain: Array<Uint8Array<ArrayBuffer>>;
  password: string;
  friendlyName: string;
}

export async function buildPkcs12(input: Pkcs12Input): Promise<ArrayBuffer> {
  const password = new TextEncoder().encode(input.password).buffer;
  // pkijs draws the IV itself; the DOM type of AES-CBC parameters insists on one.
  const contentEncryptionAlgorithm = { name: 'AES-CBC', length: 256 } as pkijs.ContentEncryptionAesCbcParams;
  const encryption = { password, contentEncryptionAlgorithm, hmacHashAlgorithm: 'SHA-256', iterationCount: 100_000 };
  const localKeyId = await crypto.subtle.digest('SHA-1', input.certificate);
  const attributes = () => [
    new pkijs.Attribute({ type: ID_LOCAL_KEY_ID, values: [new asn1js.OctetString({ valueHex: localKeyId })] }),
    new pkijs.Attribute({ type: ID_FRIENDLY_NAME, values: [new asn1js.BmpString({ value: input.friendlyName })] }),
  ];
  const keyBag = new pkijs.PKCS8ShroudedKeyBag({ parsedValue: pkijs.PrivateKeyInfo.fromBER(input.privateKeyPkcs8) });
  await keyBag.makeInternalValues(encryption);
  const certBags = [input.certificate, ...input.chain].map(
    (der, i) =>
      new pkijs.SafeBag({
        bagId: ID_CERT_BAG,
        bagValue: new pkijs.CertBag({ certId: ID_X509_CERTIFICATE, certValue: new asn1js.OctetString({ valueHex: der.buffer }) }),
        bagAttributes: i === 0 ? attributes() : undefined,
      }),
  );
  const pfx = new pkijs.PFX({
    parsedValue: {
      integrityMode: 0,
      authenticatedSafe: new pkijs.AuthenticatedSafe({
        parsedValue: {
          safeContents: [
            { privacyMode: 0, value: new pkijs.SafeContents({ safeBags: [new pkijs.SafeBag({ bagId: ID_KEY_BAG_SHROUDED, bagValue: keyBag, bagAttributes: attributes() })] }) },
            { privacyMode: 1, value: new pkijs.SafeContents({ safeBags: certBags }) },
          ],
        },
      }),
    },
  });
  await pfx.parsedValue!.authenticatedSafe!.makeInternalValues({ safeContents: [{}, encryption] });
  await pfx.makeInternalValues({ password, iterations: 2048, pbkdf2HashAlgorithm: { name: 'SHA-256' }, hmacHashAlgorithm: 'SHA-256' });
  return pfx.toSchema().toBER(false);
}

