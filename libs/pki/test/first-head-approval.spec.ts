import 'reflect-metadata';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as x509 from '@peculiar/x509';
import { DataSource } from 'typeorm';
import { NucStatus, Pki, PkiErrorCode, Pkcs12Builder, createPki, openPkcs12, signDetachedCms, signWithInstalledKey } from '@app/pki';
import { TestApplicant, employee, firstHead, individual, newApplicant, pkcs8Of } from './support/applicant';
import { openssl } from './support/openssl';
import { dropTestDatabase, openTestDatabase } from './support/test-database';

// Suffixed with the pid: another engineer's full test run must not drop this run's database.
const DB = `onboarding_spec_pki_first_head_${process.pid}`;
const PASSWORD = 'Head2026pass';

describe('First-head approval in the PKI (MariaDB)', () => {
  let dataSource: DataSource;
  let pki: Pki;
  let applicants: TestApplicant[];
  let next = 0;
  const applicant = () => applicants[next++];
  const apply = (identity: typeof employee | typeof individual, who: TestApplicant, template = 'Юридическое лицо - Сотрудник организации') =>
    pki.applications.create({ requestId: `req-${randomBytes(6).toString('hex')}`, identity, template, keyStorage: 'Персональный компьютер', authCsr: who.authCsr, signCsr: who.signCsr });

  beforeAll(async () => {
    dataSource = await openTestDatabase(DB);
    applicants = await Promise.all(Array.from({ length: 6 }, () => newApplicant()));
    pki = await createPki(dataSource, { caKeyEncryptionKey: randomBytes(32).toString('base64'), publicBaseUrl: 'http://127.0.0.1:1', caKeyBits: { root: 2048, issuing: 2048 } });
  }, 120_000);

  afterAll(async () => {
    await dropTestDatabase(dataSource, DB);
  });

  it('moves an approved application on to «Заявка на подписи в ИС НУЦ» once, however often it is approved', async () => {
    const app = await apply(employee, applicant());
    expect(app.status).toBe(NucStatus.AwaitingFirstHead);
    await expect(pki.authority.issueForApplication(app.number)).rejects.toMatchObject({ code: PkiErrorCode.NotApproved });
    const approved = await pki.applications.approveByFirstHead(app.number);
    expect(approved.statusTitle).toBe('Заявка на подписи в ИС НУЦ');
    const again = await pki.applications.approveByFirstHead(app.number);
    expect(again.history.map((h) => h.status)).toEqual([NucStatus.New, NucStatus.Identified, NucStatus.AwaitingFirstHead, NucStatus.Signing]);
    await expect(pki.applications.rejectByFirstHead(app.number)).rejects.toMatchObject({ code: PkiErrorCode.NotAwaitingFirstHead });
    const issued = await pki.authority.issueForApplication(app.number);
    expect(issued.auth.serial).toMatch(/^[0-9a-f]+$/);
    await expect(pki.applications.approveByFirstHead(app.number)).resolves.toMatchObject({ status: NucStatus.Issued });
  });

  it('ends a rejected application at «Заявка отклонена первым руководителем», idempotently, and never issues it', async () => {
    const app = await apply(employee, applicant());
    await pki.applications.rejectByFirstHead(app.number);
    const again = await pki.applications.rejectByFirstHead(app.number);
    expect(again).toMatchObject({ status: NucStatus.RejectedByFirstHead, statusTitle: 'Заявка отклонена первым руководителем' });
    await expect(pki.applications.approveByFirstHead(app.number)).rejects.toMatchObject({ code: PkiErrorCode.NotAwaitingFirstHead });
    await expect(pki.authority.issueForApplication(app.number)).rejects.toMatchObject({ code: PkiErrorCode.InvalidStatusTransition });
  });

  it('gives the canonical approval content: fixed keys in a fixed order, the CSRs by their SHA-256', async () => {
    const who = applicant();
    const app = await apply(employee, who);
    const content = await pki.applications.approvalContentOf(app.number);
    const der = (pem: string) => Buffer.from(pem.replace(/-----[^-]+-----/g, '').replace(/\s+/g, ''), 'base64');
    const sha = (pem: string) => createHash('sha256').update(der(pem)).digest('hex');
    expect(content.text).toBe(
      `{"type":"nuc-first-head-approval/v1","number":"${app.number}","bin":"040340001234","employeeIin":"850505400027",` +
        `"template":"Юридическое лицо - Сотрудник организации","authCsrSha256":"${sha(who.authCsr)}","signCsrSha256":"${sha(who.signCsr)}"}`,
    );
    await expect(pki.applications.approvalContentOf(app.number)).resolves.toEqual(content);
    const own = await apply(individual, applicant(), 'Физическое лицо');
    await expect(pki.applications.approvalContentOf(own.number)).rejects.toMatchObject({ code: PkiErrorCode.InvalidStatusTransition });
  });

  describe('the key agent signs with an installed container', () => {
    let dir: string;
    let signSerial: string;
    let authSerial: string;

    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), 'first-head-'));
      const head = applicant();
      const app = await apply(firstHead, head, 'Юридическое лицо - Первый руководитель');
      expect(app.status).toBe(NucStatus.Identified);
      const pair = await pki.authority.issueForApplication(app.number);
      ({ serial: signSerial } = pair.sign);
      ({ serial: authSerial } = pair.auth);
      const builder = new Pkcs12Builder({ pbkdf2Iterations: 2048 });
      for (const [prefix, cert, keys] of [['AUTH_RSA256', pair.auth, head.authKeys], ['RSA256', pair.sign, head.signKeys]] as const) {
        const p12 = await builder.build({ privateKeyPkcs8: await pkcs8Of(keys), certificate: Buffer.from(new x509.X509Certificate(cert.pem).rawData), password: PASSWORD, subjectType: 'legal_entity' });
        await writeFile(join(dir, `${prefix}_${cert.serial}.p12`), p12);
      }
    }, 60_000);

    afterAll(async () => {
      await rm(dir, { recursive: true, force: true });
    });

    it('makes a detached CMS the verifier accepts, naming the first head, the BIN and the key', async () => {
      const content = Buffer.from('{"type":"nuc-first-head-approval/v1","number":"00000000000001"}', 'utf8');
      const signed = await signWithInstalledKey({ dir, kind: 'SIGN', password: PASSWORD, content });
      expect(signed.certificateSerial).toBe(signSerial);
      const verified = await pki.cms.verify({ signature: Buffer.from(signed.signature, 'base64'), content });
      expect(verified).toMatchObject({ iin: firstHead.iin, bin: firstHead.bin, role: 'first_head', certificateKind: 'SIGN', certificateSerial: signSerial });
      await expect(pki.cms.verify({ signature: Buffer.from(signed.signature, 'base64'), content: Buffer.from('something else') })).rejects.toMatchObject({ code: PkiErrorCode.SignatureInvalid });

      const auth = await signWithInstalledKey({ dir, kind: 'AUTH', password: PASSWORD, content });
      await expect(pki.cms.verify({ signature: Buffer.from(auth.signature, 'base64'), content })).resolves.toMatchObject({ certificateKind: 'AUTH', certificateSerial: authSerial });
    });

    it('makes a signature OpenSSL verifies against the chain', async () => {
      const content = Buffer.from('challenge: Подтверждаю вход', 'utf8');
      const signed = await signWithInstalledKey({ dir, kind: 'AUTH', password: PASSWORD, content });
      await writeFile(join(dir, 'content.txt'), content);
      await writeFile(join(dir, 'sig.der'), Buffer.from(signed.signature, 'base64'));
      await writeFile(join(dir, 'chain.pem'), [pki.authority.keyring.root, pki.authority.keyring.issuing].map((c) => c.toString('pem')).join('\n'));
      const verified = await openssl(['cms', '-verify', '-binary', '-inform', 'DER', '-in', join(dir, 'sig.der'), '-content', join(dir, 'content.txt'), '-CAfile', join(dir, 'chain.pem'), '-purpose', 'any', '-out', '/dev/null']);
      expect(verified.stderr).toContain('Verification successful');
    });

    it('refuses a wrong container password and refuses a revoked signer', async () => {
      await expect(signWithInstalledKey({ dir, kind: 'SIGN', password: 'Wrong2026pass', content: Buffer.from('x') })).rejects.toMatchObject({ code: PkiErrorCode.PasswordRejected });
      const opened = await openPkcs12(await readFile(join(dir, `AUTH_RSA256_${authSerial}.p12`)), PASSWORD);
      const signature = await signDetachedCms({ privateKeyPkcs8: opened.privateKeyPkcs8, certificate: opened.certificate, content: Buffer.from('x') });
      await pki.revoke(authSerial, 'keyCompromise');
      await expect(pki.cms.verify({ signature, content: Buffer.from('x') })).rejects.toMatchObject({ code: PkiErrorCode.CertificateRevoked });
    });
  });
});
