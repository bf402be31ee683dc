import 'reflect-metadata';
import { createPrivateKey, createPublicKey, sign as rsaSign } from 'node:crypto';
import { mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as x509 from '@peculiar/x509';
import { generateRsaKeyPair, nodeCrypto, rsaSha256 } from '../crypto-engine';
import { installationChallenge } from '../applications/installation';
import { keyPossessionChallenge } from '../applications/nuc-applications';
import { Pkcs12Builder } from '../pkcs12/pkcs12-builder';
import { PASSWORD_NOT_RECOVERABLE, assertPasswordAllowed } from '../pkcs12/password-rules';
import { CertificateKind, SubjectType } from '../verified-identity';

/** What `generate` leaves in the folder, so `install` knows what it made. */
export interface KeyAgentManifest {
  subjectType: SubjectType;
  createdAt: string;
  encryptedKeys: boolean;
  keys: Record<CertificateKind, { key: string; csr: string }>;
}

export const MANIFEST_FILE = 'key-agent.json';
const FILES: Record<CertificateKind, { key: string; csr: string }> = {
  AUTH: { key: 'auth.key', csr: 'auth.csr.pem' },
  SIGN: { key: 'sign.key', csr: 'sign.csr.pem' },
};

export interface GenerateResult {
  dir: string;
  authCsr: string;
  signCsr: string;
}

/**
 * Generates the AUTH and SIGN key pairs (RSA-2048) into `dir` as PKCS#8 (encrypted with
 * AES-256-CBC when `keyPassword` is given, file mode 0600) and the two CSRs. Refuses to
 * overwrite keys already there.
 */
export async function generateKeys(dir: string, subjectType: SubjectType, keyPassword?: string, modulusLength = 2048): Promise<GenerateResult> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  if (await exists(join(dir, MANIFEST_FILE))) throw new KeyAgentError(`${dir} already holds keys (${MANIFEST_FILE}); choose an empty folder`);
  const csrs: Partial<Record<CertificateKind, string>> = {};
  for (const kind of ['AUTH', 'SIGN'] as const) {
    const keys = await generateRsaKeyPair(modulusLength);
    // The CA takes the subject from the verified identity; this name only labels the request.
    const csr = await x509.Pkcs10CertificateRequestGenerator.create({ name: `CN=${kind}`, keys: keys as never, signingAlgorithm: rsaSha256 as never });
    const pkcs8 = Buffer.from(await nodeCrypto.subtle.exportKey('pkcs8', keys.privateKey));
    const keyObject = createPrivateKey({ key: pkcs8, format: 'der', type: 'pkcs8' });
    const pem = keyPassword
      ? keyObject.export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: keyPassword })
      : keyObject.export({ type: 'pkcs8', format: 'pem' });
    await writeFile(join(dir, FILES[kind].key), pem, { mode: 0o600, flag: 'wx' });
    csrs[kind] = csr.toString('pem') + '\n';
    await writeFile(join(dir, FILES[kind].csr), csrs[kind], { flag: 'wx' });
  }
  const manifest: KeyAgentManifest = { subjectType, createdAt: new Date().toISOString(), encryptedKeys: Boolean(keyPassword), keys: FILES };
  await writeFile(join(dir, MANIFEST_FILE), JSON.stringify(manifest, null, 2) + '\n', { flag: 'wx' });
  return { dir, authCsr: csrs.AUTH!, signCsr: csrs.SIGN! };
}

export interface InstallInput {
  dir: string;
  applicationNumber: string;
  /** Base URL of the API, e.g. http://127.0.0.1:3000 */
  apiUrl: string;
  /** Password of the PKCS#12 containers (seed rules apply). */
  password: string;
  /** Password of the key files, if `generate` encrypted them. */
  keyPassword?: string;
  /** Keep the PKCS#8 key files after the containers are written (default: remove unencrypted ones). */
  keepKeys?: boolean;
}

export interface InstallResult {
  containers: Record<CertificateKind, string>;
  status: string;
  statusTitle: string;
  warning: string;
}

/** Thrown for conditions the person can act on; the CLI prints the message and exits non-zero. */
export class KeyAgentError extends Error {}

/**
 * Fetches the issued certificates, checks they match the saved keys, writes two PKCS#12
 * containers, and reports installation (signed with the AUTH key) so the status becomes
 * «Сертификаты установлены».
 */
export async function installCertificates(input: InstallInput): Promise<InstallResult> {
  const manifestPath = join(input.dir, MANIFEST_FILE);
  if (!(await exists(manifestPath))) throw new KeyAgentError(`${input.dir} holds no keys made by the key agent (${MANIFEST_FILE} is missing)`);
  const manifest = JSON.parse(await readFile(manifestPath, 'utf8')) as KeyAgentManifest;
  assertPasswordAllowed(manifest.subjectType, input.password);
  const api = input.apiUrl.replace(/\/+$/, '');
  const base = `${api}/api/v1/nuc/applications/${encodeURIComponent(input.applicationNumber)}`;
  // The AUTH key is the key agent's credential: it signs `nuc-access:<number>` to read its own application.
  const authKeyPath = join(input.dir, manifest.keys.AUTH.key);
  if (!(await exists(authKeyPath))) throw new KeyAgentError(`The AUTH key is not in ${input.dir} (already installed? the .p12 containers hold the keys now)`);
  const authKeyPem = await readFile(authKeyPath, 'utf8');
  const accessKey = createPrivateKey(manifest.encryptedKeys ? { key: authKeyPem, passphrase: requireKeyPassword(input.keyPassword) } : { key: authKeyPem });
  const headers = { 'x-key-proof': rsaSign('sha256', keyPossessionChallenge(input.applicationNumber), accessKey).toString('base64') };
  const status = await getJson<{ status: string; statusTitle: string }>(base, headers);
  if (status.status !== 'ISSUED' && status.status !== 'INSTALLED') {
    throw new KeyAgentError(`Сертификаты ещё не выпущены. Текущий статус заявки: «${status.statusTitle}»`);
  }
  const issued = await getJson<{ auth: { serial: string; pem: string }; sign: { serial: string; pem: string }; chain: string[] }>(`${base}/certificates`, headers);
  const chain = issued.chain.map((pem) => Buffer.from(new x509.X509Certificate(pem).rawData));
  const builder = new Pkcs12Builder();
  const containers = {} as Record<CertificateKind, string>;
  const privateKeys = {} as Record<CertificateKind, Buffer>;
  for (const kind of ['AUTH', 'SIGN'] as const) {
    const cert = new x509.X509Certificate(kind === 'AUTH' ? issued.auth.pem : issued.sign.pem);
    const keyPath = join(input.dir, manifest.keys[kind].key);
    if (!(await exists(keyPath))) throw new KeyAgentError(`The ${kind} key is not in ${input.dir} (already installed? the .p12 containers hold the keys now)`);
    const keyPem = await readFile(keyPath, 'utf8');
    const key = createPrivateKey(manifest.encryptedKeys ? { key: keyPem, passphrase: requireKeyPassword(input.keyPassword) } : { key: keyPem });
    const keySpki = createPublicKey(key).export({ type: 'spki', format: 'der' });
    if (!keySpki.equals(Buffer.from(cert.publicKey.rawData))) {
      throw new KeyAgentError(`The issued ${kind} certificate does not match the key saved in ${input.dir}`);
    }
    privateKeys[kind] = key.export({ type: 'pkcs8', format: 'der' });
    const serial = cert.serialNumber.toLowerCase();
    const file = join(input.dir, `${kind === 'AUTH' ? 'AUTH_RSA256' : 'RSA256'}_${serial}.p12`);
    const p12 = await builder.build({
      privateKeyPkcs8: privateKeys[kind],
      certificate: Buffer.from(cert.rawData),
      chain,
      password: input.password,
      subjectType: manifest.subjectType,
      friendlyName: `${kind} ${serial}`,
    });
    await writeFile(file, p12, { mode: 0o600 });
    containers[kind] = file;
  }
  const authKey = createPrivateKey({ key: privateKeys.AUTH, format: 'der', type: 'pkcs8' });
  const proof = rsaSign('sha256', installationChallenge(input.applicationNumber), authKey).toString('base64');
  const reported = await postJson<{ status: string; statusTitle: string }>(`${base}/installation`, { proof });
  if (!manifest.encryptedKeys && !input.keepKeys) {
    // The containers now hold the keys under the password; plaintext copies would defeat it.
    await Promise.all((['AUTH', 'SIGN'] as const).map((kind) => rm(join(input.dir, manifest.keys[kind].key), { force: true })));
  }
  return { containers, status: reported.status, statusTitle: reported.statusTitle, warning: PASSWORD_NOT_RECOVERABLE };
}

/** The application's status and history, as the status page shows it. */
export async function applicationStatus(apiUrl: string, applicationNumber: string): Promise<unknown> {
  return getJson(`${apiUrl.replace(/\/+$/, '')}/api/v1/nuc/applications/${encodeURIComponent(applicationNumber)}`);
}

function requireKeyPassword(password: string | undefined): string {
  if (!password) throw new KeyAgentError('The key files are encrypted: give --key-password or KEY_AGENT_KEY_PASSWORD');
  return password;
}

async function getJson<T>(url: string, headers: Record<string, string> = {}): Promise<T> {
  return parse<T>(await fetch(url, { headers }), url);
}

async function postJson<T>(url: string, body: unknown): Promise<T> {
  return parse<T>(await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }), url);
}

async function parse<T>(res: Response, url: string): Promise<T> {
  const text = await res.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = text;
  }
  if (!res.ok) {
    const message = typeof body === 'object' && body && 'message' in body ? String((body).message) : text;
    throw new KeyAgentError(`${res.status} from ${url}: ${message}`);
  }
  return body as T;
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}
