import { readFile, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import * as x509 from '@peculiar/x509';
import { signDetachedCms } from '../cms/cms-signer';
import { normalizeSerial } from '../crypto-engine';
import { openPkcs12 } from '../pkcs12/pkcs12-reader';
import { CertificateKind } from '../verified-identity';
import { KeyAgentError } from './key-agent';

export interface SignInput {
  /** The folder `install` wrote the PKCS#12 containers into. */
  dir: string;
  /** AUTH signs in (the sign-in challenge), SIGN approves (documents, the approval content). */
  kind: CertificateKind;
  /** The containers' password. */
  password: string;
  content: Buffer;
}

export interface SignResult {
  /** Detached CMS SignedData, base64 DER. */
  signature: string;
  certificateSerial: string;
  container: string;
}

/**
 * Signs `content` with the AUTH or SIGN key held in the installed PKCS#12 container of `dir`
 * (AUTH_RSA256_<serial>.p12 or RSA256_<serial>.p12; the newest when there are several): a detached
 * CMS signature, as NCALayer makes for a sign-in challenge or a document.
 */
export async function signWithInstalledKey(input: SignInput): Promise<SignResult> {
  const container = await newestContainer(input.dir, input.kind);
  const opened = await openPkcs12(await readFile(container), input.password);
  const der = await signDetachedCms({ privateKeyPkcs8: opened.privateKeyPkcs8, certificate: opened.certificate, content: input.content });
  return { signature: der.toString('base64'), certificateSerial: normalizeSerial(new x509.X509Certificate(opened.certificate).serialNumber), container };
}

async function newestContainer(dir: string, kind: CertificateKind): Promise<string> {
  const prefix = kind === 'AUTH' ? 'AUTH_RSA256_' : 'RSA256_';
  const names = (await readdir(dir).catch(() => [] as string[])).filter((n) => n.startsWith(prefix) && n.endsWith('.p12'));
  if (names.length === 0) throw new KeyAgentError(`${dir} holds no installed ${kind} container (${prefix}<serial>.p12): install the certificates first`);
  const dated = await Promise.all(names.map(async (n) => ({ path: join(dir, n), mtime: (await stat(join(dir, n))).mtimeMs })));
  return dated.sort((a, b) => b.mtime - a.mtime)[0].path;
}
