import * as pkijs from 'pkijs';
import { encodeDetachedCms } from '@app/pki/cms-format';
import { decodePkcs12 } from '@app/pki/pkcs12-format';
import { RSA_SHA256 } from './browser-keys';
import './pkcs12';

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

/** A detached CMS over `text` (UTF-8) made by the server's own code (libs/pki/src/cms/cms-format.ts), as NCALayer makes it. Base64 DER. */
export async function signDetached(container: OpenedContainer, text: string): Promise<string> {
  const der = await encodeDetachedCms({ key: container.key, certificate: new Uint8Array(container.certificate.toSchema().toBER(false)), content: new TextEncoder().encode(text) });
  let binary = '';
  for (const b of der) binary += String.fromCharCode(b);
  return btoa(binary);
}
