import 'reflect-metadata';
import { webcrypto } from 'node:crypto';
import * as x509 from '@peculiar/x509';
import { VerifiedIdentity, VerifiedLegalEntityEmployee, generateRsaKeyPair } from '@app/pki';

/** An applicant's side: two RSA key pairs and the CSRs made from them. */
export interface TestApplicant {
  authKeys: webcrypto.CryptoKeyPair;
  signKeys: webcrypto.CryptoKeyPair;
  authCsr: string;
  signCsr: string;
}

/** A CSR whose claimed subject deliberately differs from the verified identity. */
export async function csrFor(keys: webcrypto.CryptoKeyPair, subject = 'CN=Someone Else,O=Forged'): Promise<string> {
  const csr = await x509.Pkcs10CertificateRequestGenerator.create({
    name: subject,
    keys: keys as never,
    signingAlgorithm: { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' } as never,
  });
  return csr.toString('pem');
}

export async function newApplicant(bits = 2048): Promise<TestApplicant> {
  const [authKeys, signKeys] = await Promise.all([generateRsaKeyPair(bits), generateRsaKeyPair(bits)]);
  return { authKeys, signKeys, authCsr: await csrFor(authKeys), signCsr: await csrFor(signKeys) };
}

export async function pkcs8Of(keys: webcrypto.CryptoKeyPair): Promise<Buffer> {
  return Buffer.from(await webcrypto.subtle.exportKey('pkcs8', keys.privateKey));
}

export const individual: VerifiedIdentity = {
  subjectType: 'individual',
  iin: '900101300015',
  surname: 'Тестов',
  givenName: 'Тест',
  patronymic: 'Тестович',
  email: 'test@example.kz',
};

export const employee: VerifiedLegalEntityEmployee = {
  subjectType: 'legal_entity',
  iin: '850505400027',
  surname: 'Сотрудникова',
  givenName: 'Айгуль',
  patronymic: 'Ерлановна',
  bin: '040340001234',
  organizationName: 'АО «Национальные информационные технологии»',
  role: 'employee',
};

export const firstHead: VerifiedLegalEntityEmployee = { ...employee, iin: '700707300038', surname: 'Руководителев', givenName: 'Ерлан', role: 'first_head' };
