import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import * as x509 from '@peculiar/x509';
import { CaKeyring, CertificateKind, VerifiedIdentity, buildNucCertificate, createCaHierarchy, resolvePkiOptions } from '@app/pki';
import { employee, firstHead, individual, newApplicant } from './support/applicant';
import { openssl } from './support/openssl';

const urls = { crl: 'http://pki.test/pki/crl', ocsp: 'http://pki.test/pki/ocsp', issuingCert: 'http://pki.test/pki/ca/issuing.crt' };

describe('НУЦ certificate profile (DESIGN §3)', () => {
  let ca: CaKeyring;
  let publicKey: x509.PublicKey;

  beforeAll(async () => {
    ca = await createCaHierarchy(resolvePkiOptions({ caKeyEncryptionKey: randomBytes(32).toString('base64'), publicBaseUrl: 'http://pki.test', caKeyBits: { root: 2048, issuing: 2048 } }));
    const applicant = await newApplicant();
    publicKey = new x509.Pkcs10CertificateRequest(applicant.authCsr).publicKey;
  }, 60_000);

  const issue = (identity: VerifiedIdentity, kind: CertificateKind) =>
    buildNucCertificate({ kind, identity, publicKey, issuer: ca.issuing, issuerKey: ca.issuingKey, notBefore: new Date('2026-01-01T00:00:00Z'), notAfter: new Date('2027-01-01T00:00:00Z'), urls });

  const eku = (cert: x509.X509Certificate) => cert.getExtension(x509.ExtendedKeyUsageExtension)?.usages.map(String);

  it('takes the subject from the verified identity, not from the CSR', async () => {
    const cert = await issue(individual, 'AUTH');
    const name = cert.subjectName;
    expect(name.getField('2.5.4.3')).toEqual(['ТЕСТОВ ТЕСТ']);
    expect(name.getField('2.5.4.4')).toEqual(['ТЕСТОВ']);
    expect(name.getField('2.5.4.5')).toEqual(['IIN900101300015']);
    expect(name.getField('2.5.4.6')).toEqual(['KZ']);
    expect(name.getField('2.5.4.42')).toEqual(['ТЕСТОВИЧ']);
    expect(name.getField('1.2.840.113549.1.9.1')).toEqual(['test@example.kz']);
    expect(name.getField('2.5.4.10')).toEqual([]);
    expect(cert.subject).not.toContain('Someone Else');
  });

  it('adds O and OU=BIN for a legal-entity employee', async () => {
    const name = (await issue(employee, 'SIGN')).subjectName;
    expect(name.getField('2.5.4.10')).toEqual(['АО «Национальные информационные технологии»']);
    expect(name.getField('2.5.4.11')).toEqual(['BIN040340001234']);
  });

  it('gives AUTH digitalSignature+keyEncipherment (critical) and EKU clientAuth + role + remote identification', async () => {
    const cert = await issue(individual, 'AUTH');
    const ku = cert.getExtension(x509.KeyUsagesExtension);
    expect(ku?.critical).toBe(true);
    expect(ku?.usages).toBe(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment);
    expect(eku(cert)).toEqual(['1.3.6.1.5.5.7.3.2', '1.2.398.3.3.4.1.1', '1.2.398.3.3.4.3.2.1']);
  });

  it('gives SIGN digitalSignature+nonRepudiation (critical) and EKU emailProtection + role + remote identification', async () => {
    const cert = await issue(individual, 'SIGN');
    const ku = cert.getExtension(x509.KeyUsagesExtension);
    expect(ku?.critical).toBe(true);
    expect(ku?.usages).toBe(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.nonRepudiation);
    expect(eku(cert)).toEqual(['1.3.6.1.5.5.7.3.4', '1.2.398.3.3.4.1.1', '1.2.398.3.3.4.3.2.1']);
  });

  const signingRight: VerifiedIdentity = { ...employee, role: 'signing_right' };
  it.each([
    ['employee', employee, '1.2.398.3.3.4.1.2.5'],
    ['first head', firstHead, '1.2.398.3.3.4.1.2.1'],
    ['signing right', signingRight, '1.2.398.3.3.4.1.2.2'],
  ])('puts the legal-entity and %s role OIDs in the EKU', async (_label, identity, roleOid) => {
    expect(eku(await issue(identity, 'SIGN'))).toEqual(['1.3.6.1.5.5.7.3.4', '1.2.398.3.3.4.1.2', roleOid, '1.2.398.3.3.4.3.2.1']);
  });

  it('carries AKI, SKI, the CRL distribution point and AIA with OCSP and CA issuers', async () => {
    const cert = await issue(individual, 'AUTH');
    const ski = cert.getExtension(x509.SubjectKeyIdentifierExtension)?.keyId;
    expect(ski).toBe(Buffer.from(await publicKey.getKeyIdentifier()).toString('hex'));
    expect(cert.getExtension(x509.AuthorityKeyIdentifierExtension)?.keyId).toBe(ca.issuing.getExtension(x509.SubjectKeyIdentifierExtension)?.keyId);
    const aia = cert.getExtension(x509.AuthorityInfoAccessExtension);
    expect(aia?.ocsp.map((g) => g.value)).toEqual([urls.ocsp]);
    expect(aia?.caIssuers.map((g) => g.value)).toEqual([urls.issuingCert]);
    const text = (await openssl(['x509', '-noout', '-text', '-nameopt', 'utf8,sep_comma_plus_space'], undefined, cert.toString('pem'))).stdout;
    expect(text).toContain(`URI:${urls.crl}`);
    expect(text).toContain('Not After : Jan  1 00:00:00 2027 GMT');
    expect(text).toMatch(/Subject: CN ?= ?ТЕСТОВ ТЕСТ, SN ?= ?ТЕСТОВ, serialNumber ?= ?IIN900101300015, C ?= ?KZ, GN ?= ?ТЕСТОВИЧ, emailAddress ?= ?test@example\.kz/);
    expect(text).toContain('X509v3 Key Usage: critical\n                Digital Signature, Key Encipherment');
    expect(text).toContain('TLS Web Client Authentication, 1.2.398.3.3.4.1.1, 1.2.398.3.3.4.3.2.1');
  });

  it('uses random positive serial numbers', async () => {
    const serials = await Promise.all([1, 2, 3].map(async () => (await issue(individual, 'AUTH')).serialNumber));
    expect(new Set(serials).size).toBe(3);
    for (const s of serials) expect(parseInt(s.slice(0, 2), 16) & 0x80).toBe(0);
  });
});
