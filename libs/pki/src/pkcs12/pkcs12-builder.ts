import { createHash } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import '../crypto-engine';
import { SubjectType } from '../verified-identity';
import { assertPasswordAllowed } from './password-rules';

const ID_LOCAL_KEY_ID = '1.2.840.113549.1.9.21';
const ID_FRIENDLY_NAME = '1.2.840.113549.1.9.20';
const ID_KEY_BAG_SHROUDED = '1.2.840.113549.1.12.10.1.2';
const ID_CERT_BAG = '1.2.840.113549.1.12.10.1.3';
const ID_X509_CERTIFICATE = '1.2.840.113549.1.9.22.1';

export interface Pkcs12Input {
  /** Unencrypted PKCS#8 DER of the private key. */
  privateKeyPkcs8: Buffer;
  /** DER of the end-entity certificate. */
  certificate: Buffer;
  /** DER of CA certificates to include (issuing, root). */
  chain?: Buffer[];
  password: string;
  /** Selects the seed's password rule. */
  subjectType: SubjectType;
  friendlyName?: string;
}

export interface Pkcs12BuilderOptions {
  /** PBKDF2 iterations for the key and certificate encryption. Default 100 000. */
  pbkdf2Iterations?: number;
  /** Iterations of the PKCS#12 MAC key derivation. Default 2048 (OpenSSL's default). */
  macIterations?: number;
}

/**
 * Builds password-protected PKCS#12 containers: key shrouded with PBES2 (PBKDF2-HMAC-SHA256,
 * AES-256-CBC), certificates encrypted the same way, HMAC-SHA256 integrity. OpenSSL 3 opens them.
 */
export class Pkcs12Builder {
  constructor(private readonly options: Pkcs12BuilderOptions = {}) {}

  async build(input: Pkcs12Input): Promise<Buffer> {
    assertPasswordAllowed(input.subjectType, input.password);
    const password = toArrayBuffer(Buffer.from(input.password, 'utf8'));
    const iterationCount = this.options.pbkdf2Iterations ?? 100_000;
    const encryption = { password, contentEncryptionAlgorithm: { name: 'AES-CBC', length: 256 }, hmacHashAlgorithm: 'SHA-256', iterationCount };
    const localKeyId = createHash('sha1').update(input.certificate).digest();
    const attributes = (): pkijs.Attribute[] => {
      const list = [new pkijs.Attribute({ type: ID_LOCAL_KEY_ID, values: [new asn1js.OctetString({ valueHex: toArrayBuffer(localKeyId) })] })];
      if (input.friendlyName) list.push(new pkijs.Attribute({ type: ID_FRIENDLY_NAME, values: [new asn1js.BmpString({ value: input.friendlyName })] }));
      return list;
    };

    const keyBag = new pkijs.PKCS8ShroudedKeyBag({ parsedValue: pkijs.PrivateKeyInfo.fromBER(new Uint8Array(input.privateKeyPkcs8)) });
    await keyBag.makeInternalValues(encryption);
    const certBags = [input.certificate, ...(input.chain ?? [])].map(
      (der, i) =>
        new pkijs.SafeBag({
          bagId: ID_CERT_BAG,
          bagValue: new pkijs.CertBag({ certId: ID_X509_CERTIFICATE, certValue: new asn1js.OctetString({ valueHex: toArrayBuffer(der) }) }),
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
    await pfx.makeInternalValues({ password, iterations: this.options.macIterations ?? 2048, pbkdf2HashAlgorithm: { name: 'SHA-256' }, hmacHashAlgorithm: 'SHA-256' });
    return Buffer.from(pfx.toSchema().toBER(false));
  }
}

function toArrayBuffer(buf: Buffer): ArrayBuffer {
  return buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength) as ArrayBuffer;
}
