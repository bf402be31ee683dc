import * as pkijs from 'pkijs';

/*
 * Byte helpers for the modules the web app shares (pkcs12-format, cms-format): no node: module, no
 * Buffer; the crypto is whichever engine pkijs was given.
 */

/**
 * A plain ArrayBuffer of exactly these bytes, as pkijs and the DOM's BufferSource want. Copied: a
 * Node Buffer's `.slice()` is a view into a shared pool, not a copy.
 */
export function exactBuffer(bytes: Uint8Array): ArrayBuffer {
  const copy = new Uint8Array(bytes.byteLength);
  copy.set(bytes);
  return copy.buffer;
}

/** The engine's WebCrypto digest (typed here: the server compiles without the DOM library). */
export function engineDigest(algorithm: 'SHA-1' | 'SHA-256', data: Uint8Array): Promise<ArrayBuffer> {
  return (pkijs.getCrypto(true) as unknown as { digest(algorithm: string, data: ArrayBuffer): Promise<ArrayBuffer> }).digest(algorithm, exactBuffer(data));
}
