import 'reflect-metadata';
import { webcrypto } from 'node:crypto';
import * as x509 from '@peculiar/x509';
import * as pkijs from 'pkijs';

/**
 * Both libraries look for a WebCrypto implementation; Node's is native OpenSSL,
 * so RSA key generation and signing are fast. Importing this module once wires both.
 */
const crypto = webcrypto;
x509.cryptoProvider.set(crypto as never);
pkijs.setEngine('node', new pkijs.CryptoEngine({ name: 'node', crypto: crypto as never }));

export const nodeCrypto = crypto;
/** WebCrypto key types (the project compiles without the DOM lib). */
export type CryptoKey = webcrypto.CryptoKey;
export type CryptoKeyPair = webcrypto.CryptoKeyPair;

/** RSA PKCS#1 v1.5 with SHA-256: what the CA signs with and what the НУЦ profile uses. */
export const rsaSha256 = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' } as const;

/** Generates an extractable RSA key pair for signing. */
export async function generateRsaKeyPair(modulusLength: number): Promise<CryptoKeyPair> {
  return crypto.subtle.generateKey(
    { ...rsaSha256, modulusLength, publicExponent: new Uint8Array([1, 0, 1]) },
    true,
    ['sign', 'verify'],
  );
}

/** Imports a PKCS#8 RSA private key for signing with SHA-256. */
export async function importRsaPrivateKey(pkcs8: Buffer): Promise<CryptoKey> {
  // Non-extractable: once imported, the key signs but cannot be read back out of the process's key object.
  return crypto.subtle.importKey('pkcs8', pkcs8, rsaSha256, false, ['sign']);
}

/** Lower-case hex without leading zero bytes: the one form serials are compared in. */
export function normalizeSerial(hex: string): string {
  const clean = hex.toLowerCase().replace(/[^0-9a-f]/g, '');
  const stripped = clean.replace(/^(00)+/, '');
  return stripped === '' ? '00' : stripped;
}
