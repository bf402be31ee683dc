import 'reflect-metadata';
import { randomUUID, webcrypto } from 'node:crypto';
import * as x509 from '@peculiar/x509';
import type { DataSource } from 'typeorm';
import { createDataSource } from '@app/models';
import { createPki, generateRsaKeyPair, signDetachedCms, type IssuedCertificate, type Pki, type VerifiedIdentity } from '@app/pki';
import { readStack } from './it-stack';
import type { HttpAnswer, OnboardingClient, SeededPersonView } from './onboarding-client';

/** One installed certificate: what NCALayer would hold for the person (the key stays on their side). */
export interface HeldCertificate {
  certificate: IssuedCertificate;
  privateKeyPkcs8: Buffer;
}

export interface HeldPair {
  auth: HeldCertificate;
  sign: HeldCertificate;
}

let dataSource: DataSource | undefined;
let pki: Pki | undefined;

/** The integration stack's certification authority, opened with its key as the pki worker opens it. */
export async function stackPki(): Promise<Pki> {
  if (!pki) {
    const { env } = readStack();
    dataSource = createDataSource({ DATABASE_URL: env.DATABASE_URL, DATABASE_POOL_SIZE: 2 });
    await dataSource.initialize();
    pki = await createPki(dataSource, { caKeyEncryptionKey: env.PKI_CA_KEY_ENCRYPTION_KEY, publicBaseUrl: env.PUBLIC_BASE_URL });
  }
  return pki;
}

export async function closeStackPki(): Promise<void> {
  await dataSource?.destroy();
  dataSource = undefined;
  pki = undefined;
}

async function keysAndCsr(): Promise<{ keys: webcrypto.CryptoKeyPair; csr: string }> {
  const keys = await generateRsaKeyPair(2048);
  const csr = await x509.Pkcs10CertificateRequestGenerator.create({ name: 'CN=applicant', keys: keys as never, signingAlgorithm: { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' } as never });
  return { keys, csr: csr.toString('pem') };
}

/**
 * An AUTH and SIGN pair issued by the stack's CA to this person (the remote path's НУЦ application
 * without its capture steps): `legalEntity` makes them the first head's certificates of that БИН.
 */
export async function certificatesFor(person: SeededPersonView, options: { email?: string; legalEntity?: { bin: string; name: string } } = {}): Promise<HeldPair> {
  const ca = await stackPki();
  const [auth, sign] = [await keysAndCsr(), await keysAndCsr()];
  const name = { iin: person.iin, surname: person.surname, givenName: person.name, ...(person.patronymic ? { patronymic: person.patronymic } : {}), ...(options.email ? { email: options.email } : {}) };
  const identity: VerifiedIdentity = options.legalEntity
    ? { subjectType: 'legal_entity', ...name, bin: options.legalEntity.bin, organizationName: options.legalEntity.name, role: 'first_head' }
    : { subjectType: 'individual', ...name };
  const application = await ca.applications.create({
    requestId: randomUUID(),
    identity,
    template: options.legalEntity ? 'Юридическое лицо - Первый руководитель' : 'Физическое лицо',
    keyStorage: 'Персональный компьютер',
    authCsr: auth.csr,
    signCsr: sign.csr,
  });
  const pair = await ca.authority.issueForApplication(application.number);
  const pkcs8 = async (keys: webcrypto.CryptoKeyPair) => Buffer.from(await webcrypto.subtle.exportKey('pkcs8', keys.privateKey));
  return { auth: { certificate: pair.auth, privateKeyPkcs8: await pkcs8(auth.keys) }, sign: { certificate: pair.sign, privateKeyPkcs8: await pkcs8(sign.keys) } };
}

/** Detached CMS over `content` with this certificate, base64 DER, as NCALayer returns it. */
export async function signWith(held: HeldCertificate, content: string): Promise<string> {
  const der = new x509.X509Certificate(held.certificate.pem).rawData;
  return (await signDetachedCms({ privateKeyPkcs8: held.privateKeyPkcs8, certificate: Buffer.from(der), content: Buffer.from(content, 'utf8') })).toString('base64');
}

/** A portal challenge for `purpose`, signed with the certificate: the body of the signed call. */
export async function signedChallenge(client: OnboardingClient, purpose: 'sign_in' | 'registration', held: HeldCertificate): Promise<{ challengeId: string; signature: string }> {
  const issued: HttpAnswer = await client.call('POST', '/api/v1/portal/signature-challenges', { body: { purpose } });
  if (issued.status !== 201) throw new Error(`challenge: ${issued.status} ${JSON.stringify(issued.body)}`);
  return { challengeId: issued.body.challengeId, signature: await signWith(held, issued.body.challenge) };
}
