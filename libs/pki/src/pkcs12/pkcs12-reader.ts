import '../crypto-engine';
import { PkiError, PkiErrorCode } from '../errors';
import { Pkcs12Unreadable, decodePkcs12 } from './pkcs12-format';

export interface OpenedPkcs12 {
  /** Unencrypted PKCS#8 DER of the key. */
  privateKeyPkcs8: Buffer;
  /** DER of the certificate that goes with the key (same localKeyId). */
  certificate: Buffer;
  /** DER of the other certificates in the container (the CA chain). */
  chain: Buffer[];
}

/**
 * Opens a password-protected PKCS#12 container as {@link Pkcs12Builder} makes them. A wrong password
 * or a damaged file is a PasswordRejected error.
 */
export async function openPkcs12(p12: Buffer, password: string): Promise<OpenedPkcs12> {
  try {
    const opened = await decodePkcs12(p12, password);
    return { privateKeyPkcs8: Buffer.from(opened.privateKeyPkcs8), certificate: Buffer.from(opened.certificate), chain: opened.chain.map((der) => Buffer.from(der)) };
  } catch (error) {
    if (!(error instanceof Pkcs12Unreadable)) throw error;
    throw new PkiError(PkiErrorCode.PasswordRejected, 'Контейнер не открывается этим паролем (или повреждён) / The container does not open with this password (or is damaged)');
  }
}
