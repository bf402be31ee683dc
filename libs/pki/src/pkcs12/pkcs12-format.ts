import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { engineDigest, exactBuffer } from '../pkijs-bytes';

/*
 * The PKCS#12 containers of this project, built and opened with pkijs alone: no node: module and no
 * Buffer, so the server (Pkcs12Builder, openPkcs12) and the web app (apps/web/src/keys) make and read
 * the very same files. The caller sets pkijs's crypto engine: libs/pki/src/crypto-engine.ts on Node,
 * apps/web/src/keys/pkcs12.ts in the browser.
 *
 * The key is shrouded with PBES2 (PBKDF2-HMAC-SHA256, AES-256-CBC), the certificates are encrypted the
 * same way, the integrity is HMAC-SHA256 over the password. OpenSSL 3 opens them.
 */

const ID_LOCAL_KEY_ID = '1.2.840.113549.1.9.21';
const ID_FRIENDLY_NAME = '1.2.840.113549.1.9.20';
const ID_KEY_BAG_SHROUDED = '1.2.840.113549.1.12.10.1.2';
const ID_CERT_BAG = '1.2.840.113549.1.12.10.1.3';
const ID_X509_CERTIFICATE = '1.2.840.113549.1.9.22.1';

export interface Pkcs12Contents {
  /** Unencrypted PKCS#8 DER of the private key. */
  privateKeyPkcs8: Uint8Array;
  /** DER of the certificate that goes with the key. */
  certificate: Uint8Array;
  /** DER of the CA certificates (issuing, root). */
  chain: Uint8Array[];
}

export interface Pkcs12Encoding {
  password: string;
  friendlyName?: string;
  /** PBKDF2 iterations of the key and certificate encryption. Default 100 000. */
  pbkdf2Iterations?: number;
  /** Iterations of the MAC key derivation. Default 2048 (OpenSSL's default). */
  macIterations?: number;
}

/** A container that does not open with the password, or is not a container of ours. */
export class Pkcs12Unreadable extends Error {}

const utf8 = (text: string) => exactBuffer(new TextEncoder().encode(text));
const hex = (bytes: Uint8Array | undefined) => (bytes ? Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('') : undefined);

export async function encodePkcs12(contents: Pkcs12Contents, encoding: Pkcs12Encoding): Promise<Uint8Array> {
  const password = utf8(encoding.password);
  // pkijs draws the IV itself; the DOM type of AES-CBC parameters insists on one.
  const contentEncryptionAlgorithm = { name: 'AES-CBC', length: 256 } as pkijs.ContentEncryptionAesCbcParams;
  const encryption = { password, contentEncryptionAlgorithm, hmacHashAlgorithm: 'SHA-256', iterationCount: encoding.pbkdf2Iterations ?? 100_000 };
  const localKeyId = await engineDigest('SHA-1', contents.certificate);
  const attributes = (): pkijs.Attribute[] => [
    new pkijs.Attribute({ type: ID_LOCAL_KEY_ID, values: [new asn1js.OctetString({ valueHex: localKeyId })] }),
    ...(encoding.friendlyName ? [new pkijs.Attribute({ type: ID_FRIENDLY_NAME, values: [new asn1js.BmpString({ value: encoding.friendlyName })] })] : []),
  ];
  const keyBag = new pkijs.PKCS8ShroudedKeyBag({ parsedValue: pkijs.PrivateKeyInfo.fromBER(exactBuffer(contents.privateKeyPkcs8)) });
  await keyBag.makeInternalValues(encryption);
  const certBags = [contents.certificate, ...contents.chain].map(
    (der, i) =>
      new pkijs.SafeBag({
        bagId: ID_CERT_BAG,
        bagValue: new pkijs.CertBag({ certId: ID_X509_CERTIFICATE, certValue: new asn1js.OctetString({ valueHex: exactBuffer(der) }) }),
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
  await pfx.makeInternalValues({ password, iterations: encoding.macIterations ?? 2048, pbkdf2HashAlgorithm: { name: 'SHA-256' }, hmacHashAlgorithm: 'SHA-256' });
  return new Uint8Array(pfx.toSchema().toBER(false));
}

/**
 * Opens a container as {@link encodePkcs12} makes them: the integrity checked with the password, the
 * shrouded key decrypted, the certificate with the key's localKeyId, the rest as the chain.
 */
export async function decodePkcs12(p12: Uint8Array, password: string): Promise<Pkcs12Contents> {
  const secret = utf8(password);
  let bags: pkijs.SafeBag[];
  try {
    const pfx = pkijs.PFX.fromBER(exactBuffer(p12));
    await pfx.parseInternalValues({ password: secret, checkIntegrity: true });
    const safe = pfx.parsedValue?.authenticatedSafe;
    if (!safe) throw new Error('no authenticated safe');
    await safe.parseInternalValues({ safeContents: safe.safeContents.map(() => ({ password: secret })) });
    bags = (safe.parsedValue?.safeContents ?? []).flatMap((s: { value: pkijs.SafeContents }) => s.value.safeBags);
  } catch (error) {
    throw new Pkcs12Unreadable(`the container does not open with this password, or is damaged (${(error as Error).message})`);
  }
  let key: { pkcs8: Uint8Array; id?: string } | undefined;
  const certificates: Array<{ der: Uint8Array; id?: string }> = [];
  for (const bag of bags) {
    const id = hex((bag.bagAttributes?.find((a: pkijs.Attribute) => a.type === ID_LOCAL_KEY_ID)?.values[0] as asn1js.OctetString | undefined)?.valueBlock.valueHexView);
    if (bag.bagId === ID_KEY_BAG_SHROUDED) {
      const shrouded = bag.bagValue as pkijs.PKCS8ShroudedKeyBag;
      // pkijs's own PKCS#12 example decrypts the bag this way; its typings mark the method protected.
      await (shrouded as unknown as { parseInternalValues(params: { password: ArrayBuffer }): Promise<void> }).parseInternalValues({ password: secret });
      key = { pkcs8: new Uint8Array(shrouded.parsedValue!.toSchema().toBER(false)), id };
    } else if (bag.bagId === ID_CERT_BAG) {
      certificates.push({ der: new Uint8Array(((bag.bagValue as pkijs.CertBag).parsedValue as pkijs.Certificate).toSchema().toBER(false)), id });
    }
  }
  if (!key) throw new Pkcs12Unreadable('the container holds no private key');
  const own = certificates.find((c) => c.id !== undefined && c.id === key.id) ?? certificates[0];
  if (!own) throw new Pkcs12Unreadable('the container holds no certificate');
  return { privateKeyPkcs8: key.pkcs8, certificate: own.der, chain: certificates.filter((c) => c !== own).map((c) => c.der) };
}
