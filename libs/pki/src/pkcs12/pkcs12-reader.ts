import { createPrivateKey } from 'node:crypto';
import type * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import '../crypto-engine';
import { PkiError, PkiErrorCode } from '../errors';

const ID_KEY_BAG_SHROUDED = '1.2.840.113549.1.12.10.1.2';
const ID_CERT_BAG = '1.2.840.113549.1.12.10.1.3';
const ID_LOCAL_KEY_ID = '1.2.840.113549.1.9.21';

export interface OpenedPkcs12 {
  /** Unencrypted PKCS#8 DER of the key. */
  privateKeyPkcs8: Buffer;
  /** DER of the certificate that goes with the key (same localKeyId). */
  certificate: Buffer;
  /** DER of the other certificates in the container (the CA chain). */
  chain: Buffer[];
}

/**
 * Opens a password-protected PKCS#12 container as {@link Pkcs12Builder} makes them (password
 * integrity, PBES2-shrouded key, PBES2-encrypted certificates). A wrong password or a damaged file
 * is a PasswordRejected error.
 */
export async function openPkcs12(p12: Buffer, password: string): Promise<OpenedPkcs12> {
  const secret = toArrayBuffer(Buffer.from(password, 'utf8'));
  let pfx: pkijs.PFX;
  try {
    pfx = pkijs.PFX.fromBER(new Uint8Array(p12));
    await pfx.parseInternalValues({ password: secret, checkIntegrity: true });
  } catch {
    throw new PkiError(PkiErrorCode.PasswordRejected, 'Контейнер не открывается этим паролем (или повреждён) / The container does not open with this password (or is damaged)');
  }
  const safe = pfx.parsedValue?.authenticatedSafe;
  if (!safe) throw new PkiError(PkiErrorCode.PasswordRejected, 'The container holds no authenticated safe');
  await safe.parseInternalValues({ safeContents: safe.safeContents.map(() => ({ password: secret })) });
  const bags = (safe.parsedValue?.safeContents ?? []).flatMap((s: { value: pkijs.SafeContents }) => s.value.safeBags);

  let key: { pkcs8: Buffer; localKeyId?: string } | undefined;
  const certificates: Array<{ der: Buffer; localKeyId?: string }> = [];
  for (const bag of bags) {
    const localKeyId = (bag.bagAttributes?.find((a: pkijs.Attribute) => a.type === ID_LOCAL_KEY_ID)?.values[0] as asn1js.OctetString | undefined)?.valueBlock.valueHexView;
    const id = localKeyId ? Buffer.from(localKeyId).toString('hex') : undefined;
    if (bag.bagId === ID_KEY_BAG_SHROUDED) {
      // The shrouded bag is an EncryptedPrivateKeyInfo (PBES2): OpenSSL decrypts it with the same password.
      const encrypted = Buffer.from((bag.bagValue as pkijs.PKCS8ShroudedKeyBag).toSchema().toBER(false));
      const pkcs8 = createPrivateKey({ key: encrypted, format: 'der', type: 'pkcs8', passphrase: password }).export({ type: 'pkcs8', format: 'der' });
      key = { pkcs8, localKeyId: id };
    } else if (bag.bagId === ID_CERT_BAG) {
      const certBag = bag.bagValue as pkijs.CertBag;
      certificates.push({ der: Buffer.from((certBag.parsedValue as pkijs.Certificate).toSchema().toBER(false)), localKeyId: id });
    }
  }
  if (!key) throw new PkiError(PkiErrorCode.PasswordRejected, 'The container holds no private key');
  const own = certificates.find((c) => c.localKeyId !== undefined && c.localKeyId === key.localKeyId) ?? certificates[0];
  if (!own) throw new PkiError(PkiErrorCode.PasswordRejected, 'The container holds no certificate');
  return { privateKeyPkcs8: key.pkcs8, certificate: own.der, chain: certificates.filter((c) => c !== own).map((c) => c.der) };
}

function toArrayBuffer(buf: Buffer): ArrayBuffer {
  return buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength) as ArrayBuffer;
}
