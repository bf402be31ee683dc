import 'reflect-metadata';
import { createHash, createPublicKey } from 'node:crypto';
import * as x509 from '@peculiar/x509';
import '../crypto-engine';
import { PkiError, PkiErrorCode } from '../errors';

export const MIN_RSA_BITS = 2048;

/** A PKCS#10 request whose proof of possession verified and whose key is strong enough. */
export interface CheckedCsr {
  der: Buffer;
  publicKey: x509.PublicKey;
  /** SHA-256 of the SubjectPublicKeyInfo (hex): identifies the key for the reuse check. */
  keyFingerprint: string;
  modulusBits: number;
}

/** Decodes a CSR given as PEM, base64 DER or raw DER. */
export function decodeCsr(input: string | Buffer): Buffer {
  if (Buffer.isBuffer(input)) {
    const text = input.toString('latin1');
    return text.includes('-----BEGIN') ? decodeCsr(text) : input;
  }
  const body = input.replace(/-----(BEGIN|END)[^-]*-----/g, '').replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]+=*$/.test(body)) throw new PkiError(PkiErrorCode.MalformedCsr, 'The certificate request is not PEM or base64 DER');
  return Buffer.from(body, 'base64');
}

/**
 * Parses a CSR and checks proof of possession (its self-signature) and key strength
 * (RSA, at least 2048 bits). The CSR's subject is ignored: the certificate subject
 * comes from the verified identity.
 */
export async function checkCsr(input: string | Buffer): Promise<CheckedCsr> {
  const der = decodeCsr(input);
  let csr: x509.Pkcs10CertificateRequest;
  try {
    csr = new x509.Pkcs10CertificateRequest(der);
  } catch {
    throw new PkiError(PkiErrorCode.MalformedCsr, 'The certificate request is not a valid PKCS#10 structure');
  }
  const spki = Buffer.from(csr.publicKey.rawData);
  let modulusBits: number;
  try {
    const key = createPublicKey({ key: spki, format: 'der', type: 'spki' });
    if (key.asymmetricKeyType !== 'rsa') throw new Error('not RSA');
    modulusBits = key.asymmetricKeyDetails?.modulusLength ?? 0;
  } catch {
    throw new PkiError(PkiErrorCode.WeakKey, 'Only RSA keys of at least 2048 bits are accepted');
  }
  if (modulusBits < MIN_RSA_BITS) {
    throw new PkiError(PkiErrorCode.WeakKey, `The key is RSA-${modulusBits}; at least RSA-${MIN_RSA_BITS} is required`);
  }
  let verified = false;
  try {
    verified = await csr.verify();
  } catch {
    verified = false;
  }
  if (!verified) throw new PkiError(PkiErrorCode.CsrSignatureInvalid, 'The certificate request signature does not verify (no proof of key possession)');
  return {
    der,
    publicKey: csr.publicKey,
    keyFingerprint: createHash('sha256').update(spki).digest('hex'),
    modulusBits,
  };
}
