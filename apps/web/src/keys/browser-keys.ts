import 'reflect-metadata';
import * as x509 from '@peculiar/x509';

/*
 * The keys are made here, in the person's browser, as NCALayer makes them on their computer:
 * RSA-2048, the requests signed with them, and only the requests leave the page.
 */
x509.cryptoProvider.set(crypto);

export const RSA_SHA256 = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' } as const;
export type KeyKind = 'AUTH' | 'SIGN';

export interface MadeKeys {
  pairs: Record<KeyKind, CryptoKeyPair>;
  csrs: Record<KeyKind, string>;
}

export async function makeKeys(): Promise<MadeKeys> {
  const pairs = {} as Record<KeyKind, CryptoKeyPair>;
  const csrs = {} as Record<KeyKind, string>;
  for (const kind of ['AUTH', 'SIGN'] as const) {
    pairs[kind] = await crypto.subtle.generateKey({ ...RSA_SHA256, modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]) }, true, ['sign', 'verify']);
    // The CA takes the subject from the verified identity; this name only labels the request.
    const csr = await x509.Pkcs10CertificateRequestGenerator.create({ name: `CN=${kind}`, keys: pairs[kind], signingAlgorithm: RSA_SHA256 });
    csrs[kind] = csr.toString('pem') + '\n';
  }
  return { pairs, csrs };
}

export async function importSigningKey(pkcs8: ArrayBuffer): Promise<CryptoKey> {
  return crypto.subtle.importKey('pkcs8', pkcs8, RSA_SHA256, false, ['sign']);
}

/** RSA-SHA256 over a text, base64: the proof of possession the API checks. */
export async function signText(key: CryptoKey, text: string): Promise<string> {
  const signature = await crypto.subtle.sign(RSA_SHA256, key, new TextEncoder().encode(text));
  return toBase64(new Uint8Array(signature));
}

/** The DER of a certificate's public key, to check the issued certificate holds the saved key. */
export function certificatePublicKey(pem: string): { serial: string; spki: Uint8Array; der: Uint8Array } {
  const cert = new x509.X509Certificate(pem);
  return { serial: cert.serialNumber.toLowerCase(), spki: new Uint8Array(cert.publicKey.rawData), der: new Uint8Array(cert.rawData) };
}

export function toBase64(bytes: Uint8Array): string {
  let text = '';
  for (const b of bytes) text += String.fromCharCode(b);
  return btoa(text);
}

export function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  const raw = atob(text);
  const bytes = new Uint8Array(raw.length);
  for (let i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
  return bytes;
}

export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

/** Has the browser saved a file (an anchor with `download`; the bytes never leave the page otherwise). */
export function saveFile(name: string, bytes: BlobPart, type: string): void {
  const url = URL.createObjectURL(new Blob([bytes], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
