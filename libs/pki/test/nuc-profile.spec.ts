import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as x509 from '@peculiar/x509';
import {
  CaKeyring,
  CertificateKind,
  DEFAULT_CPS_URL,
  DEFAULT_USER_NOTICE,
  NucPolicyQualifiers,
  VerifiedIdentity,
  addMonths,
  buildNucCertificate,
  createCaHierarchy,
  nucValidity,
  resolvePkiOptions,
} from '@app/pki';
import { employee, firstHead, individual, newApplicant } from './support/applicant';
import { CertificateDescription, ExtensionDescription, describeCertificate } from './support/certificate-description';
import { openssl } from './support/openssl';

const urls = { crl: 'http://pki.test/pki/crl', deltaCrl: 'http://pki.test/pki/crl/delta', ocsp: 'http://pki.test/pki/ocsp', issuingCert: 'http://pki.test/pki/ca/issuing.crt' };
const policy: NucPolicyQualifiers = { cpsUrl: DEFAULT_CPS_URL, userNotice: DEFAULT_USER_NOTICE };
const signingRight: VerifiedIdentity = { ...employee, role: 'signing_right' };

/** НУЦ's test certificates, described extension by extension (see the fixture's $comment). */
interface NucReference extends CertificateDescription {
  name: string;
  observed: boolean;
  subjectType: VerifiedIdentity['subjectType'];
  role: string;
  kind: CertificateKind;
}
const fixture = JSON.parse(readFileSync(join(__dirname, 'fixtures', 'nuc-rsa-test-certificates.json'), 'utf8')) as {
  urls: { crl: string; deltaCrl: string; issuingCert: string; ocsp: string };
  certificates: NucReference[];
};
const ROLE_OIDS = { first_head: '1.2.398.3.3.4.1.2.1', signing_right: '1.2.398.3.3.4.1.2.2', employee: '1.2.398.3.3.4.1.2.5' } as const;
const IDENTIFIED_VIA_DIGITAL_ID = '1.2.398.3.3.4.3.2.1';

/**
 * What our certificate must carry, from НУЦ's: the same extensions in the same order with the same
 * criticality, qualifiers and structure, except where we differ on purpose, each said here.
 */
function expectedExtensions(reference: NucReference, identity: VerifiedIdentity): ExtensionDescription[] {
  const ours: Record<string, string> = { [fixture.urls.crl]: urls.crl, [fixture.urls.deltaCrl]: urls.deltaCrl, [fixture.urls.issuingCert]: urls.issuingCert, [fixture.urls.ocsp]: urls.ocsp };
  const url = (u: string) => ours[u] ?? `unmapped ${u}`;
  return reference.extensions.map((e): ExtensionDescription => {
    switch (e.name) {
      case 'extKeyUsage': {
        // The legal-entity role is the applicant's; DESIGN §3 adds «identified remotely via Digital ID».
        const purposes = (e.purposes as string[]).map((p) => (identity.subjectType === 'legal_entity' && p === ROLE_OIDS.first_head ? ROLE_OIDS[identity.role] : p));
        return { ...e, purposes: [...purposes, IDENTIFIED_VIA_DIGITAL_ID] };
      }
      case 'certificatePolicies': {
        // НУЦ repeats the CPS URL as the notice text; ours says what the certificate rests on. Same type, UTF8String.
        const [info] = e.policies as { policy: string; qualifiers: Record<string, any>[] }[];
        const qualifiers = info.qualifiers.map((q) => (q.userNotice ? { ...q, userNotice: { ...q.userNotice, explicitText: { type: 'utf8String', text: DEFAULT_USER_NOTICE } } } : q));
        return { ...e, policies: [{ ...info, qualifiers }] };
      }
      case 'crlDistributionPoints':
      case 'freshestCRL':
        return { ...e, distributionPoints: (e.distributionPoints as { fullName: string[] }[]).map((d) => ({ ...d, fullName: d.fullName.map(url) })) };
      case 'authorityInfoAccess':
        return { ...e, accessDescriptions: (e.accessDescriptions as { method: string; uri: string }[]).map((a) => ({ ...a, uri: url(a.uri) })) };
      default:
        return e;
    }
  });
}

describe('НУЦ certificate profile (DESIGN §3)', () => {
  let ca: CaKeyring;
  let publicKey: x509.PublicKey;

  beforeAll(async () => {
    ca = await createCaHierarchy(resolvePkiOptions({ caKeyEncryptionKey: randomBytes(32).toString('base64'), publicBaseUrl: 'http://pki.test', caKeyBits: { root: 2048, issuing: 2048 } }));
    const applicant = await newApplicant();
    publicKey = new x509.Pkcs10CertificateRequest(applicant.authCsr).publicKey;
  }, 60_000);

  const issue = (identity: VerifiedIdentity, kind: CertificateKind, validity = { notBefore: new Date('2026-01-01T00:00:00Z'), notAfter: new Date('2027-01-01T00:00:00Z') }) =>
    buildNucCertificate({ kind, identity, publicKey, issuer: ca.issuing, issuerKey: ca.issuingKey, ...validity, urls, policy });

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

  describe('against НУЦ РК\'s published test certificates', () => {
    const cases: [string, VerifiedIdentity, CertificateKind][] = [individual, employee, firstHead, signingRight].flatMap((identity) =>
      (['AUTH', 'SIGN'] as const).map((kind): [string, VerifiedIdentity, CertificateKind] => [`${identity.subjectType === 'individual' ? 'individual' : identity.role} ${kind}`, identity, kind]),
    );

    it.each(cases)('gives the %s certificate every extension НУЦ gives it, field by field', async (_label, identity, kind) => {
      const reference = fixture.certificates.find((c) => c.subjectType === identity.subjectType && c.kind === kind);
      if (!reference) throw new Error(`the fixture describes no ${identity.subjectType} ${kind} certificate`);
      const ours = describeCertificate((await issue(identity, kind, nucValidity(new Date(), 12))).rawData);
      expect(ours.extensions).toEqual(expectedExtensions(reference, identity));
      // Same subject attributes in the same order; the optional e-mail comes last.
      expect(ours.subjectAttributes.filter((t) => t !== '1.2.840.113549.1.9.1')).toEqual(reference.subjectAttributes);
      expect(ours.signatureAlgorithm).toBe('1.2.840.113549.1.1.11');
    });

    it('names the policies НУЦ uses for each subject type and kind', async () => {
      const policyOf = async (identity: VerifiedIdentity, kind: CertificateKind) =>
        (describeCertificate((await issue(identity, kind)).rawData).extensions.find((e) => e.name === 'certificatePolicies')?.policies as { policy: string }[])[0].policy;
      await expect(policyOf(individual, 'SIGN')).resolves.toBe('1.2.398.3.3.2.3');
      await expect(policyOf(individual, 'AUTH')).resolves.toBe('1.2.398.3.3.2.4');
      for (const identity of [employee, firstHead, signingRight]) {
        await expect(policyOf(identity, 'SIGN')).resolves.toBe('1.2.398.3.3.2.1');
        await expect(policyOf(identity, 'AUTH')).resolves.toBe('1.2.398.3.3.2.2');
      }
    });

    it('is valid for exactly one year, to the second, as НУЦ\'s certificates are', async () => {
      for (const reference of fixture.certificates) {
        expect(addMonths(new Date(reference.validity.notBefore), 12).toISOString()).toBe(new Date(reference.validity.notAfter).toISOString());
      }
      const issuedAt = new Date('2026-03-05T10:20:30.789Z');
      const { validity } = describeCertificate((await issue(individual, 'SIGN', nucValidity(issuedAt, 12))).rawData);
      expect(validity).toEqual({ notBefore: '2026-03-05T10:20:30Z', notAfter: '2027-03-05T10:20:30Z' });
    });

    it('prints the policy, the CPS and the notice with openssl x509 -text', async () => {
      const cert = await issue(firstHead, 'AUTH', nucValidity(new Date('2026-01-01T00:00:00Z'), 12));
      const text = (await openssl(['x509', '-noout', '-text'], undefined, cert.toString('pem'))).stdout;
      expect(text).toContain(
        [
          '            X509v3 Certificate Policies: ',
          '                Policy: 1.2.398.3.3.2.2',
          '                  CPS: http://pki.gov.kz/cps',
          '                  User Notice:',
          `                    Explicit Text: ${DEFAULT_USER_NOTICE}`,
        ].join('\n'),
      );
      expect(text).toContain('Not Before: Jan  1 00:00:00 2026 GMT');
      expect(text).toContain('Not After : Jan  1 00:00:00 2027 GMT');
      expect(text).toMatch(/X509v3 Authority Key Identifier: \n.*\n\s+X509v3 Subject Key Identifier: \n.*\n\s+X509v3 Certificate Policies:/);
    });

    it('takes the CPS URL and the notice from configuration and refuses ones that cannot be encoded', async () => {
      const own = { cpsUrl: 'https://pki.example.kz/cps', userNotice: 'Тестовый сертификат / Test certificate' };
      const cert = await buildNucCertificate({ kind: 'SIGN', identity: individual, publicKey, issuer: ca.issuing, issuerKey: ca.issuingKey, ...nucValidity(new Date(), 12), urls, policy: own });
      const text = (await openssl(['x509', '-noout', '-text'], undefined, cert.toString('pem'))).stdout;
      expect(text).toContain('CPS: https://pki.example.kz/cps');
      expect(text).toContain('Explicit Text: Тестовый сертификат / Test certificate');
      const base = { caKeyEncryptionKey: randomBytes(32).toString('base64'), publicBaseUrl: 'http://pki.test' };
      expect(resolvePkiOptions({ ...base, certificatePolicy: own }).certificatePolicy).toEqual(own);
      expect(resolvePkiOptions(base).certificatePolicy).toEqual({ cpsUrl: 'http://pki.gov.kz/cps', userNotice: DEFAULT_USER_NOTICE });
      expect(() => resolvePkiOptions({ ...base, certificatePolicy: { cpsUrl: 'http://пки.kz/cps' } })).toThrow(/certificatePolicy.cpsUrl/);
      expect(() => resolvePkiOptions({ ...base, certificatePolicy: { userNotice: 'я'.repeat(201) } })).toThrow(/certificatePolicy.userNotice/);
    });
  });
});
