import 'reflect-metadata';
import { createHash, createPublicKey } from 'node:crypto';
import * as x509 from '@peculiar/x509';
import * as pkijs from 'pkijs';
import '../crypto-engine';
import { PkiError, PkiErrorCode } from '../errors';

export const MIN_RSA_BITS = 2048;
/** F4: the only public exponent we accept, as НУЦ and every mainstream key generator use. */
export const RSA_PUBLIC_EXPONENT = 65537n;
/** Hashes a CSR may be signed with (RSA PKCS#1 v1.5 or PSS). */
export const CSR_SIGNATURE_HASHES: readonly string[] = ['SHA-256', 'SHA-384', 'SHA-512'];

/** Signature algorithms whose hash is SHA-1 or weaker, by OID. */
const WEAK_SIGNATURE_ALGORITHMS: Record<string, string> = {
  '1.2.840.113549.1.1.2': 'MD2',
  '1.2.840.113549.1.1.3': 'MD4',
  '1.2.840.113549.1.1.4': 'MD5',
  '1.2.840.113549.1.1.5': 'SHA-1',
  '1.3.14.3.2.29': 'SHA-1',
};
const RSA_SIGNATURES = ['RSASSA-PKCS1-v1_5', 'RSA-PSS'];

/** A PKCS#10 request whose proof of possession verified and whose key and signature are strong enough. */
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
  if (!/^[A-Za-z0-9+/]+=*$/.test(body)) throw malformed('Запрос на сертификат — не PEM и не base64 DER.', 'The certificate request is not PEM or base64 DER.');
  return Buffer.from(body, 'base64');
}

/**
 * Parses a CSR and checks, in this order: the key is RSA, at least 2048 bits, with exponent 65537;
 * the request is signed with RSA and SHA-256 or stronger; and the signature verifies with the key it
 * carries (proof of possession). Each refusal is its own PkiErrorCode with a message in Russian and
 * English saying what to do. The CSR's subject is ignored: the certificate subject comes from the
 * verified identity. Key reuse is checked by NucApplications against every key used before.
 */
export async function checkCsr(input: string | Buffer): Promise<CheckedCsr> {
  const der = decodeCsr(input);
  let csr: x509.Pkcs10CertificateRequest;
  let signatureOid: string;
  try {
    csr = new x509.Pkcs10CertificateRequest(der);
    signatureOid = pkijs.CertificationRequest.fromBER(new Uint8Array(der)).signatureAlgorithm.algorithmId;
  } catch {
    throw malformed('Запрос на сертификат повреждён: это не структура PKCS#10.', 'The certificate request is not a valid PKCS#10 structure.');
  }
  const spki = Buffer.from(csr.publicKey.rawData);
  const modulusBits = checkKey(spki);
  checkSignatureAlgorithm(signatureOid, csr.signatureAlgorithm as { name: string; hash?: { name: string } });
  let verified = false;
  try {
    verified = await csr.verify();
  } catch {
    verified = false;
  }
  if (!verified) {
    throw new PkiError(
      PkiErrorCode.CsrSignatureInvalid,
      'Подпись запроса не сходится с ключом, который в нём указан: запрос изменён или подписан другим ключом (нет доказательства владения ключом). ' +
        'Сформируйте запрос заново тем же ключом. / The request’s signature does not verify with the key it carries (no proof of possession): ' +
        'it was altered or signed with another key. Generate the request again with its own key.',
    );
  }
  return {
    der,
    publicKey: csr.publicKey,
    keyFingerprint: createHash('sha256').update(spki).digest('hex'),
    modulusBits,
  };
}

/** Checks the key is RSA, long enough, with exponent 65537; returns the modulus size. */
function checkKey(spki: Buffer): number {
  let details: { type?: string; modulusLength?: number; publicExponent?: bigint };
  try {
    const key = createPublicKey({ key: spki, format: 'der', type: 'spki' });
    details = { type: key.asymmetricKeyType, ...key.asymmetricKeyDetails };
  } catch {
    throw malformed('Открытый ключ в запросе не читается.', 'The public key in the request cannot be read.');
  }
  if (details.type !== 'rsa') {
    throw new PkiError(
      PkiErrorCode.KeyAlgorithmNotSupported,
      `Ключ в запросе — не RSA (${details.type ?? 'неизвестный тип'}); НУЦ выпускает сертификаты на ключи RSA. Сформируйте ключи RSA-2048 и запрос заново. / ` +
        `The request’s key is not RSA (${details.type ?? 'unknown type'}); generate an RSA-2048 key pair and a new request.`,
    );
  }
  const bits = details.modulusLength ?? 0;
  if (bits < MIN_RSA_BITS) {
    throw new PkiError(
      PkiErrorCode.WeakKey,
      `Ключ в запросе — RSA-${bits}; нужен ключ не короче RSA-${MIN_RSA_BITS}. Сформируйте новые ключи и запрос. / ` +
        `The request’s key is RSA-${bits}; at least RSA-${MIN_RSA_BITS} is required. Generate new keys and a new request.`,
    );
  }
  if (details.publicExponent !== RSA_PUBLIC_EXPONENT) {
    throw new PkiError(
      PkiErrorCode.RsaExponentNotAllowed,
      `Открытая экспонента ключа — ${details.publicExponent ?? '?'}; принимается только ${RSA_PUBLIC_EXPONENT}. Сформируйте ключи заново обычными средствами (NCALayer, OpenSSL). / ` +
        `The key’s public exponent is ${details.publicExponent ?? '?'}; only ${RSA_PUBLIC_EXPONENT} is accepted. Generate the keys again with standard tools.`,
    );
  }
  return bits;
}

/** Refuses SHA-1 and weaker, then anything that is not RSA with SHA-256, SHA-384 or SHA-512. */
function checkSignatureAlgorithm(oid: string, algorithm: { name: string; hash?: { name: string } }): void {
  // RSASSA-PSS names its hash in parameters (absent parameters mean SHA-1); the x509 library reads them.
  const weak = WEAK_SIGNATURE_ALGORITHMS[oid] ?? (algorithm.hash?.name === 'SHA-1' ? 'SHA-1' : undefined);
  if (weak) {
    throw new PkiError(
      PkiErrorCode.CsrSignatureAlgorithmWeak,
      `Запрос подписан с ${weak}: этот алгоритм больше не считается стойким. Сформируйте запрос с подписью SHA-256 (RSA-SHA256). / ` +
        `The request is signed with ${weak}, which is no longer secure. Generate it again signed with SHA-256 (sha256WithRSAEncryption).`,
    );
  }
  if (!RSA_SIGNATURES.includes(algorithm.name) || !CSR_SIGNATURE_HASHES.includes(algorithm.hash?.name ?? '')) {
    throw new PkiError(
      PkiErrorCode.CsrSignatureAlgorithmNotSupported,
      `Запрос подписан алгоритмом ${oid}, который не принимается. Подпишите запрос ключом RSA с SHA-256, SHA-384 или SHA-512. / ` +
        `The request is signed with algorithm ${oid}, which is not accepted. Sign it with the RSA key and SHA-256, SHA-384 or SHA-512.`,
    );
  }
}

function malformed(ru: string, en: string): PkiError {
  return new PkiError(PkiErrorCode.MalformedCsr, `${ru} / ${en}`);
}
