import 'reflect-metadata';
import { randomBytes, webcrypto } from 'node:crypto';
import * as x509 from '@peculiar/x509';
import * as asn1js from 'asn1js';
import { DataSource } from 'typeorm';
import {
  CaKeyring,
  NucStatus,
  Pki,
  addMonths,
  PkiErrorCode,
  createPki,
  createPkiActivities,
  generateRsaKeyPair,
  openCaKeyring,
  resolvePkiOptions,
} from '@app/pki';
import { TestApplicant, csrFor, employee, firstHead, individual, newApplicant } from './support/applicant';
import { dropTestDatabase, openTestDatabase } from './support/test-database';

// Suffixed with the pid: another engineer's full test run must not drop this run's database.
const DB = `onboarding_spec_pki_core_${process.pid}`;
const options = {
  caKeyEncryptionKey: randomBytes(32).toString('base64'),
  publicBaseUrl: 'http://127.0.0.1:1',
  caKeyBits: { root: 2048, issuing: 2048 },
};

describe('PKI core (MariaDB)', () => {
  let dataSource: DataSource;
  let pki: Pki;
  let applicants: TestApplicant[];
  let next = 0;
  const applicant = () => applicants[next++];

  beforeAll(async () => {
    dataSource = await openTestDatabase(DB);
    // Keys are made once per file: RSA generation is the slow part and reuse would be caught by the CA.
    applicants = await Promise.all(Array.from({ length: 14 }, () => newApplicant()));
    pki = await createPki(dataSource, options);
  }, 120_000);

  afterAll(async () => {
    await dropTestDatabase(dataSource, DB);
  });

  describe('CA hierarchy', () => {
    it('creates one hierarchy when several processes start at once', async () => {
      const fresh = await openTestDatabase(`${DB}_race`);
      try {
        const resolved = resolvePkiOptions(options);
        const rings: CaKeyring[] = await Promise.all([1, 2, 3].map(() => openCaKeyring(fresh, resolved)));
        const roots = new Set(rings.map((r) => r.root.serialNumber));
        expect(roots.size).toBe(1);
        expect(new Set(rings.map((r) => r.issuing.serialNumber)).size).toBe(1);
        const [{ n }] = await fresh.query('SELECT COUNT(*) AS n FROM ca_authorities');
        expect(Number(n)).toBe(2);
      } finally {
        await dropTestDatabase(fresh, `${DB}_race`);
      }
      // Three candidate hierarchies means six RSA key generations: slow on a shared machine.
    }, 60_000);

    it('keeps the CA keys sealed at rest and refuses another key-encryption key', async () => {
      const rows: { name: string; sealed_private_key: Buffer }[] = await dataSource.query('SELECT name, sealed_private_key FROM ca_authorities');
      expect(rows).toHaveLength(2);
      for (const row of rows) expect(row.sealed_private_key.includes(Buffer.from('020100', 'hex'))).toBe(false);
      await expect(createPki(dataSource, { ...options, caKeyEncryptionKey: randomBytes(32).toString('base64') })).rejects.toThrow(/CA key-encryption key \(PKI_CA_KEY_ENCRYPTION_KEY\) does not open the stored issuing CA key: the database was most likely created with other secrets.*DATABASE_URL/);
    });

    it('opens only the certificates without the key-encryption key: nothing can be signed with a CA key there', async () => {
      const { caKeyEncryptionKey: _key, ...withoutKey } = options;
      const reader = await createPki(dataSource, withoutKey);
      expect(reader.signs).toBe(false);
      expect(reader.authority.keyring.issuingKey).toBeUndefined();
      expect(reader.authority.keyring.issuing.serialNumber).toBe(pki.authority.keyring.issuing.serialNumber);
      await expect(reader.authority.certifyOcspResponder(Buffer.from(pki.authority.keyring.issuing.publicKey.rawData), 60_000)).rejects.toThrow(
        'This process holds no CA key: issuance, CRL and OCSP signing with the CA key run in the pki worker',
      );
      // The CA's own keys cannot be read back out of the process that holds them.
      expect(pki.authority.keyring.issuingKey?.extractable).toBe(false);
    });

    it('never creates a CA silently where that is switched off (production), and says what to run', async () => {
      const empty = await openTestDatabase(`${DB}_empty`);
      try {
        await expect(createPki(empty, { ...options, createCaIfMissing: false })).rejects.toThrow(/has not been created in this database\. Create it once with `npm run -s ca -- init`/);
        const { caKeyEncryptionKey: _key, ...withoutKey } = options;
        await expect(createPki(empty, withoutKey)).rejects.toThrow(/has not been created in this database/);
        const [{ n }] = await empty.query('SELECT COUNT(*) AS n FROM ca_authorities');
        expect(Number(n)).toBe(0);
      } finally {
        await dropTestDatabase(empty, `${DB}_empty`);
      }
    });

    it('chains the issuing CA to a self-signed root', async () => {
      const { root, issuing } = pki.authority.keyring;
      await expect(root.verify({ signatureOnly: true })).resolves.toBe(true);
      await expect(issuing.verify({ publicKey: root.publicKey, signatureOnly: true })).resolves.toBe(true);
      expect(issuing.getExtension(x509.BasicConstraintsExtension)?.ca).toBe(true);
    });
  });

  describe('NucApplications', () => {
    it('gives a unique 14-digit number to applications created concurrently', async () => {
      const batch = [applicant(), applicant(), applicant(), applicant()];
      const created = await Promise.all(
        batch.map((a, i) =>
          pki.applications.create({ requestId: `concurrent-${i}`, identity: individual, template: 'Физическое лицо', keyStorage: 'Персональный компьютер', authCsr: a.authCsr, signCsr: a.signCsr }),
        ),
      );
      const numbers = created.map((c) => c.number);
      for (const n of numbers) expect(n).toMatch(/^[1-9]\d{13}$/);
      expect(new Set(numbers).size).toBe(numbers.length);
    });

    it('records the seed statuses for an individual and returns the same application on a retried create', async () => {
      const a = applicant();
      const input = { requestId: 'retry-1', identity: individual, template: 'Физическое лицо', keyStorage: 'Персональный компьютер', authCsr: a.authCsr, signCsr: a.signCsr };
      const first = await pki.applications.create(input);
      const again = await pki.applications.create(input);
      expect(again.number).toBe(first.number);
      expect(first.history.map((h) => h.title)).toEqual(['Новая заявка', 'Пользователь идентифицирован центром регистрации']);
      expect(first.fullName).toBe('ТЕСТОВ ТЕСТ ТЕСТОВИЧ');
    });

    it('waits for the first head on a legal-entity employee application and refuses to issue before approval', async () => {
      const a = applicant();
      const app = await pki.applications.create({ requestId: 'employee-1', identity: employee, template: 'Юридическое лицо - Сотрудник организации', keyStorage: 'Персональный компьютер', authCsr: a.authCsr, signCsr: a.signCsr });
      expect(app.status).toBe(NucStatus.AwaitingFirstHead);
      expect(app.statusTitle).toBe('Ожидание подтверждения первого руководителя');
      await expect(pki.authority.issueForApplication(app.number)).rejects.toMatchObject({ code: PkiErrorCode.NotApproved });
      await pki.applications.recordStatus(app.number, NucStatus.Signing);
      const pair = await pki.authority.issueForApplication(app.number);
      expect(pair.auth.serial).not.toBe(pair.sign.serial);
    });

    it('does not make a first head wait for their own approval', async () => {
      const a = applicant();
      const app = await pki.applications.create({ requestId: 'head-1', identity: firstHead, template: 'Юридическое лицо - Первый руководитель', keyStorage: 'Персональный компьютер', authCsr: a.authCsr, signCsr: a.signCsr });
      expect(app.status).toBe(NucStatus.Identified);
    });

    it('rejects a CSR whose key was already used, a weak key, a forged signature and garbage', async () => {
      const used = applicants[0];
      const fresh = applicant();
      const base = { identity: individual, template: 'Физическое лицо', keyStorage: 'Персональный компьютер' };
      await expect(pki.applications.create({ ...base, requestId: 'reuse', authCsr: used.authCsr, signCsr: fresh.signCsr })).rejects.toMatchObject({ code: PkiErrorCode.CsrReused });
      await expect(pki.applications.create({ ...base, requestId: 'same-key', authCsr: fresh.authCsr, signCsr: fresh.authCsr })).rejects.toMatchObject({ code: PkiErrorCode.CsrReused });

      const weak = await csrFor(await generateRsaKeyPair(1024));
      await expect(pki.applications.create({ ...base, requestId: 'weak', authCsr: weak, signCsr: fresh.signCsr })).rejects.toMatchObject({ code: PkiErrorCode.WeakKey });
      const sha1Keys = await webcrypto.subtle.generateKey({ name: 'RSASSA-PKCS1-v1_5', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-1' }, true, ['sign', 'verify']);
      const sha1 = await x509.Pkcs10CertificateRequestGenerator.create({ name: 'CN=x', keys: sha1Keys as never, signingAlgorithm: { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-1' } as never });
      await expect(pki.applications.create({ ...base, requestId: 'sha1', authCsr: fresh.authCsr, signCsr: sha1.toString('pem') })).rejects.toMatchObject({
        code: PkiErrorCode.CsrSignatureAlgorithmWeak,
      });

      const der = Buffer.from(fresh.authCsr.replace(/-----[^-]+-----/g, '').replace(/\s+/g, ''), 'base64');
      der[der.length - 5] ^= 0xff; // inside the signature value
      await expect(pki.applications.create({ ...base, requestId: 'forged', authCsr: der.toString('base64'), signCsr: fresh.signCsr })).rejects.toMatchObject({ code: PkiErrorCode.CsrSignatureInvalid });

      await expect(pki.applications.create({ ...base, requestId: 'garbage', authCsr: 'not a csr!', signCsr: fresh.signCsr })).rejects.toMatchObject({ code: PkiErrorCode.MalformedCsr });
      // None of the failures consumed the fresh keys.
      const ok = await pki.applications.create({ ...base, requestId: 'after-failures', authCsr: fresh.authCsr, signCsr: fresh.signCsr });
      expect(ok.number).toMatch(/^\d{14}$/);
    });

    it('reports an unknown application number as not found', async () => {
      await expect(pki.applications.get('00000000000000')).rejects.toMatchObject({ code: PkiErrorCode.ApplicationNotFound });
    });

    it('annuls applications left unfinished for a month, and only those', async () => {
      const old = applicant();
      const recent = applicant();
      const base = { identity: individual, template: 'Физическое лицо', keyStorage: 'Персональный компьютер' };
      const monthAgo = new Date(Date.now() - 32 * 24 * 3600 * 1000);
      const stale = await pki.applications.create({ ...base, requestId: 'stale', authCsr: old.authCsr, signCsr: old.signCsr, at: monthAgo });
      const fresh = await pki.applications.create({ ...base, requestId: 'fresh', authCsr: recent.authCsr, signCsr: recent.signCsr });
      const annulled = await pki.applications.annulStale();
      expect(annulled).toContain(stale.number);
      expect(annulled).not.toContain(fresh.number);
      expect((await pki.applications.get(stale.number)).statusTitle).toBe('Заявка аннулирована');
      await expect(pki.authority.issueForApplication(stale.number)).rejects.toMatchObject({ code: PkiErrorCode.InvalidStatusTransition });
    });
  });

  describe('CertificateAuthority', () => {
    it('issues exactly one pair when issuance is retried concurrently', async () => {
      const a = applicant();
      const app = await pki.applications.create({ requestId: 'idempotent', identity: individual, template: 'Физическое лицо', keyStorage: 'Персональный компьютер', authCsr: a.authCsr, signCsr: a.signCsr });
      const pairs = await Promise.all([1, 2, 3].map(() => pki.authority.issueForApplication(app.number)));
      expect(new Set(pairs.map((p) => p.auth.serial)).size).toBe(1);
      expect(new Set(pairs.map((p) => p.sign.serial)).size).toBe(1);
      const [{ n }] = await dataSource.query('SELECT COUNT(*) AS n FROM ca_certificates WHERE application_number = ?', [app.number]);
      expect(Number(n)).toBe(2);
      const view = await pki.applications.get(app.number);
      expect(view.history.map((h) => h.title)).toEqual([
        'Новая заявка',
        'Пользователь идентифицирован центром регистрации',
        'Заявка на подписи в ИС НУЦ',
        'Выпущены регистрационные свидетельства (сертификаты) по заявке',
      ]);
      expect(BigInt(`0x${pairs[0].auth.serial}`) > 0n).toBe(true);
      // Exactly one year, from the second of issuance (not backdated, not a minute over).
      const { notBefore, notAfter } = pairs[0].sign;
      expect(notBefore.getTime() % 1000).toBe(0);
      expect(Math.abs(notBefore.getTime() - Date.now())).toBeLessThan(60_000);
      expect(notAfter.toISOString()).toBe(addMonths(notBefore, 12).toISOString());
    });

    it('serves the workflow through activities wired to the real services, with JSON-safe results', async () => {
      const a = applicant();
      const activities = createPkiActivities(pki);
      const app = await activities.createNucApplication({ requestId: 'activities', identity: individual, template: 'Физическое лицо', keyStorage: 'Персональный компьютер', authCsr: a.authCsr, signCsr: a.signCsr });
      expect(typeof app.createdAt).toBe('string');
      const pair = await activities.issueCertificates(app.number);
      expect(typeof pair.auth.notAfter).toBe('string');
      await expect(activities.issueCertificates(app.number)).resolves.toEqual(pair);
      await expect(activities.recordNucStatus(app.number, NucStatus.New)).rejects.toMatchObject({ type: PkiErrorCode.InvalidStatusTransition, nonRetryable: true });
    });

    it('regenerates a stale CRL with a higher CRL number when it is served', async () => {
      const crlNumber = (crl: x509.X509Crl) => (asn1js.fromBER(crl.getExtension('2.5.29.20')!.value).result as asn1js.Integer).valueBlock.valueDec;
      const first = new x509.X509Crl(await pki.crl.current());
      const later = new Date(Date.now() + 2 * 60 * 60 * 1000);
      const second = new x509.X509Crl(await pki.crl.current(later));
      expect(second.thisUpdate.getTime()).toBeGreaterThan(first.thisUpdate.getTime());
      expect(crlNumber(second)).toBeGreaterThan(crlNumber(first));
      expect(second.nextUpdate!.getTime() - second.thisUpdate.getTime()).toBe(24 * 60 * 60 * 1000);
    });

    it('revokes by serial, lists the certificate in a delta CRL at once and in the next base CRL', async () => {
      const a = applicant();
      const app = await pki.applications.create({ requestId: 'revoke', identity: individual, template: 'Физическое лицо', keyStorage: 'Персональный компьютер', authCsr: a.authCsr, signCsr: a.signCsr });
      const pair = await pki.authority.issueForApplication(app.number);
      const before = new x509.X509Crl(await pki.crl.current());
      expect(before.findRevoked(pair.sign.serial)).toBeNull();
      await pki.revoke(pair.sign.serial, 'keyCompromise');
      await expect(pki.authority.statusOf(pair.sign.serial)).resolves.toMatchObject({ status: 'revoked', reason: 1 });
      await expect(pki.authority.statusOf(pair.auth.serial)).resolves.toMatchObject({ status: 'good' });
      const delta = new x509.X509Crl(await pki.crl.currentDelta());
      expect(delta.findRevoked(pair.sign.serial)?.reason).toBe(x509.X509CrlReason.keyCompromise);
      expect(new x509.X509Crl(await pki.crl.current()).findRevoked(pair.sign.serial)).toBeNull();
      const after = new x509.X509Crl(await pki.crl.refresh());
      expect(after.findRevoked(pair.sign.serial)?.reason).toBe(x509.X509CrlReason.keyCompromise);
      await expect(after.verify({ publicKey: pki.authority.keyring.issuing.publicKey })).resolves.toBe(true);
      await expect(pki.revoke('deadbeef')).rejects.toMatchObject({ code: PkiErrorCode.CertificateNotFound });
    });
  });
});
