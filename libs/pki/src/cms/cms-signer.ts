import { importRsaPrivateKey } from '../crypto-engine';
import { encodeDetachedCms } from './cms-format';

export interface DetachedCmsInput {
  /** Unencrypted PKCS#8 DER of the signer's RSA key. */
  privateKeyPkcs8: Buffer;
  /** DER of the signer's certificate (included in the signature). */
  certificate: Buffer;
  /** What is signed; not included in the signature (detached). */
  content: Buffer;
  signingTime?: Date;
}

/** A detached CMS over `content` (cms-format.ts, which the web app shares) with a PKCS#8 key. Returns the DER. */
export async function signDetachedCms(input: DetachedCmsInput): Promise<Buffer> {
  const key = await importRsaPrivateKey(input.privateKeyPkcs8);
  return Buffer.from(await encodeDetachedCms({ key, certificate: input.certificate, content: input.content, signingTime: input.signingTime }));
}
