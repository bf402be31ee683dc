import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import * as x509 from '@peculiar/x509';
import { DataSource } from 'typeorm';
import { SealedBox, SealedDataKeyError } from '@app/crypto';
import { CryptoKey, generateRsaKeyPair, importRsaPrivateKey, nodeCrypto, normalizeSerial, rsaSha256 } from '../crypto-engine';
import { CaAuthorityEntity, isDuplicateKey } from '../persistence/entities';
import { ResolvedPkiOptions, addMonths, pkiUrls } from '../pki-options';

/** Our two CAs' certificates: what every process may hold (the API serves and verifies with them). */
export interface CaCertificates {
  root: x509.X509Certificate;
  issuing: x509.X509Certificate;
}

/** The CA's signing keys: only the pki worker opens them (imported non-extractable). */
export interface CaSigningKeys {
  issuingKey: CryptoKey;
  /** Unseals the root key for one use, signing the root's CRL (rare: see rootCrlValidityMs); the caller drops it. */
  openRootKey(): Promise<CryptoKey>;
}

/** Our two CAs in memory: certificates for everyone, the issuing key for signing. The root key stays sealed. */
export type CaKeyring = CaCertificates & CaSigningKeys;

/** What a PKI service is given: the certificates, and the keys only in the process that signs. */
export type CaView = CaCertificates & Partial<CaSigningKeys>;

/** The CA rows are missing where they may not be created silently (production). */
export class CaNotCreatedError extends Error {
  constructor() {
    super('The certification authority has not been created in this database. Create it once with `npm run -s ca -- init` (it needs PKI_CA_KEY_ENCRYPTION_KEY); processes never create it on their own in production.');
    this.name = 'CaNotCreatedError';
  }
}

/** The issuing key of a view, or a clear refusal where this process holds none. */
export function issuingKeyOf(ca: CaView): CryptoKey {
  if (!ca.issuingKey) throw new Error('This process holds no CA key: issuance, CRL and OCSP signing with the CA key run in the pki worker');
  return ca.issuingKey;
}

/** The CA certificates only (no key is unsealed): for the internet-facing API. */
export async function openCaCertificates(dataSource: DataSource): Promise<CaCertificates> {
  const rows = await dataSource.getRepository(CaAuthorityEntity).find();
  const root = rows.find((r) => r.name === ROOT);
  const issuing = rows.find((r) => r.name === ISSUING);
  if (!root || !issuing) throw new CaNotCreatedError();
  return { root: new x509.X509Certificate(root.certificateDer), issuing: new x509.X509Certificate(issuing.certificateDer) };
}

const ROOT = 'root';
const ISSUING = 'issuing';
const CA_KEY_NAME = 'The configured CA key-encryption key (PKI_CA_KEY_ENCRYPTION_KEY)';

/** A random positive serial of 16 bytes (RFC 5280 allows 20; the top bit is cleared so it stays positive). */
export function randomSerial(): string {
  const bytes = randomBytes(16);
  bytes[0] = (bytes[0] & 0x7f) | 0x40;
  return bytes.toString('hex');
}

/**
 * Loads the CA hierarchy, creating it when missing unless `createIfMissing` is false (production:
 * `npm run ca -- init` creates it, start-up refuses otherwise). Several processes may start at once:
 * each builds a candidate, the inserts race on the primary key, and the losers reload the winner's.
 */
export async function openCaKeyring(dataSource: DataSource, options: ResolvedPkiOptions, { createIfMissing = true } = {}): Promise<CaKeyring> {
  const box = new SealedBox(options.caKeyEncryptionKey!, CA_KEY_NAME);
  const existing = await load(dataSource, box);
  if (existing) return existing;
  if (!createIfMissing) throw new CaNotCreatedError();
  const candidate = await createHierarchy(options, box);
  try {
    await dataSource.transaction(async (manager) => {
      await manager.insert(CaAuthorityEntity, candidate.rows);
    });
    return candidate.keyring;
  } catch (error) {
    if (!isDuplicateKey(error)) throw error;
    const winner = await load(dataSource, box);
    if (!winner) throw new Error('CA hierarchy insert collided but no CA could be loaded');
    return winner;
  }
}

async function load(dataSource: DataSource, box: SealedBox): Promise<CaKeyring | null> {
  const rows = await dataSource.getRepository(CaAuthorityEntity).find();
  const root = rows.find((r) => r.name === ROOT);
  const issuing = rows.find((r) => r.name === ISSUING);
  if (!root || !issuing) return null;
  let pkcs8: Buffer;
  try {
    pkcs8 = box.open(issuing.sealedPrivateKey, `ca:${ISSUING}`);
  } catch (error) {
    if (error instanceof SealedDataKeyError) throw new SealedDataKeyError(CA_KEY_NAME, 'the stored issuing CA key');
    throw error;
  }
  return {
    root: new x509.X509Certificate(root.certificateDer),
    issuing: new x509.X509Certificate(issuing.certificateDer),
    issuingKey: await importRsaPrivateKey(pkcs8),
    openRootKey: () => importRsaPrivateKey(box.open(root.sealedPrivateKey, `ca:${ROOT}`)),
  };
}

/** Builds a new root + issuing pair in memory (also for tests that need a CA without a database). */
export async function createCaHierarchy(options: ResolvedPkiOptions): Promise<CaKeyring> {
  return (await createHierarchy(options, new SealedBox(options.caKeyEncryptionKey!, CA_KEY_NAME))).keyring;
}

async function createHierarchy(options: ResolvedPkiOptions, box: SealedBox) {
  const now = new Date();
  const notBefore = new Date(now.getTime() - 60_000);
  const rootKeys = await generateRsaKeyPair(options.caKeyBits.root);
  const issuingKeys = await generateRsaKeyPair(options.caKeyBits.issuing);
  const rootName = new x509.Name([{ '2.5.4.6': ['KZ'] }, { '2.5.4.3': [options.caNames.root] }]);
  const issuingName = new x509.Name([{ '2.5.4.6': ['KZ'] }, { '2.5.4.3': [options.caNames.issuing] }]);
  const caUsages = x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign;
  const root = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: randomSerial(),
    name: rootName,
    notBefore,
    notAfter: addMonths(now, 12 * 20),
    keys: rootKeys,
    signingAlgorithm: rsaSha256,
    extensions: [
      new x509.BasicConstraintsExtension(true, undefined, true),
      new x509.KeyUsagesExtension(caUsages, true),
      await x509.SubjectKeyIdentifierExtension.create(rootKeys.publicKey),
    ],
  });
  const issuing = await x509.X509CertificateGenerator.create({
    serialNumber: randomSerial(),
    subject: issuingName,
    issuer: root.subjectName,
    notBefore,
    notAfter: addMonths(now, 12 * 10),
    publicKey: issuingKeys.publicKey,
    signingKey: rootKeys.privateKey,
    signingAlgorithm: rsaSha256,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      // digitalSignature: the issuing CA also signs OCSP responses itself (RFC 6960 §4.2.2.2).
      new x509.KeyUsagesExtension(caUsages | x509.KeyUsageFlags.digitalSignature, true),
      await x509.SubjectKeyIdentifierExtension.create(issuingKeys.publicKey),
      await x509.AuthorityKeyIdentifierExtension.create(rootKeys.publicKey),
      // Where the root publishes whether the issuing CA is revoked (openssl verify -crl_check_all needs it).
      new x509.CRLDistributionPointsExtension([pkiUrls(options.publicBaseUrl).rootCrl]),
    ],
  });
  const exportKey = async (key: CryptoKey) => Buffer.from(await nodeCrypto.subtle.exportKey('pkcs8', key));
  const [rootPkcs8, issuingPkcs8] = [await exportKey(rootKeys.privateKey), await exportKey(issuingKeys.privateKey)];
  const rows: Partial<CaAuthorityEntity>[] = [
    { name: ROOT, certificateDer: Buffer.from(root.rawData), sealedPrivateKey: box.seal(rootPkcs8, `ca:${ROOT}`) },
    { name: ISSUING, certificateDer: Buffer.from(issuing.rawData), sealedPrivateKey: box.seal(issuingPkcs8, `ca:${ISSUING}`) },
  ];
  // The generated keys had to be extractable once, to be sealed; the process keeps non-extractable copies.
  const issuingKey = await importRsaPrivateKey(issuingPkcs8);
  return { rows, keyring: { root, issuing, issuingKey, openRootKey: () => importRsaPrivateKey(rootPkcs8) } };
}

/** Serial of a certificate in the form we store it. */
export function serialOf(cert: x509.X509Certificate): string {
  return normalizeSerial(cert.serialNumber);
}
