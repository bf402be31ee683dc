import 'reflect-metadata';
import { createPrivateKey, randomUUID } from 'node:crypto';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as x509 from '@peculiar/x509';
import type { DataSource } from 'typeorm';
import { firstHeadApprovalWorkflowId, onboardingWorkflowId } from '@app/contracts';
import { createDataSource } from '@app/models';
import { Pkcs12Builder, approveAsFirstHead, createPki, firstHeadSignIn, generateKeys, openPkcs12, signWithInstalledKey, type Pki } from '@app/pki';
import { readStack } from './support/it-stack';
import { recordHistory } from './support/record-history';
import { OnboardingClient, type SeededPersonView } from './support/onboarding-client';
import { Applicant, CONTAINER_PASSWORD, WOMAN_A, WOMAN_B, printedFields, type StartChoice } from './support/whole-path';

// Three whole paths with face models and OCR on a 2-core machine: minutes each.
jest.setTimeout(900_000);

const BIN = '120440900015'; // ТОО «Байтерек Консалтинг»: first head Оспанова, employee Смагулова
const AIGERIM = '871218425862'; // Оспанова Айгерим, register photo stock-emotions-a-1
const MOLDIR = '970303486292'; // Смагулова Мөлдір, register photo stock-emotions-b-1
const OTHER_BIN = '070340001239'; // ТОО «Сарыарка Инжиниринг»
const OTHER_HEAD = '950408300015'; // Жумабеков Арман, its first head
const OID = { legalEntity: '1.2.398.3.3.4.1.2', firstHead: '1.2.398.3.3.4.1.2.1', employee: '1.2.398.3.3.4.1.2.5' };
const AS_FIRST_HEAD: StartChoice = { subjectType: 'legal_entity', bin: BIN, template: 'legal_entity_first_head' };
const AS_EMPLOYEE: StartChoice = { subjectType: 'legal_entity', bin: BIN, template: 'legal_entity_employee' };

/**
 * The legal-entity path (seed 002 steps 1–27): the first head gets her own certificates remotely, an
 * employee's application waits for her, she signs in with her AUTH certificate and approves with her
 * SIGN certificate (or rejects), and the employee installs certificates with the legal-entity profile.
 */
describe('First-head approval of a legal-entity employee', () => {
  const client = new OnboardingClient();
  const stack = readStack();
  const api = client.apiUrl;
  let people: SeededPersonView[];
  let dataSource: DataSource;
  let pki: Pki;
  /** Оспанова's folder with her installed containers. */
  let headKeys: string;
  const person = (iin: string) => people.find((p) => p.iin === iin)!;
  const asHead = (token: string) => (method: string, path: string, body?: unknown) => client.call(method, `/api/v1/first-head${path}`, { token, body });
  const journal = async (action: string, target: string) =>
    dataSource.query<Array<{ actor_kind: string; actor_id: string }>>('SELECT actor_kind, actor_id, detail FROM audit_journal WHERE action = ? AND target = ? ORDER BY id', [action, target]);

  beforeAll(async () => {
    people = await client.people();
    dataSource = createDataSource({ DATABASE_URL: stack.env.DATABASE_URL, DATABASE_POOL_SIZE: 2 });
    await dataSource.initialize();
    pki = await createPki(dataSource, { caKeyEncryptionKey: stack.env.PKI_CA_KEY_ENCRYPTION_KEY, publicBaseUrl: stack.env.PUBLIC_BASE_URL });
  });
  afterAll(async () => {
    await dataSource?.destroy();
  });

  /** Through the codes, capture, PIN, the document (printed with `portrait`) and consent: ready for the НУЦ form. */
  async function untilNucApplication(applicant: Applicant, portrait: string) {
    await applicant.throughCodes();
    await applicant.throughCapture();
    await applicant.setPin();
    const document = await applicant.document(portrait);
    await applicant.submitDocument(document);
    await applicant.confirmDocument(printedFields(document));
    await applicant.waitFor('document_linked', 180_000);
    await applicant.consent();
  }

  /** The certificate inside an installed container. */
  async function certificateIn(file: string): Promise<x509.X509Certificate> {
    return new x509.X509Certificate((await openPkcs12(await readFile(file), CONTAINER_PASSWORD)).certificate);
  }

  function expectLegalEntityProfile(cert: x509.X509Certificate, iin: string, role: string): void {
    expect(cert.subjectName.getField('2.5.4.10')).toEqual(['ТОО «Байтерек Консалтинг»']);
    expect(cert.subjectName.getField('2.5.4.11')).toEqual([`BIN${BIN}`]);
    expect(cert.subjectName.getField('2.5.4.5')).toEqual([`IIN${iin}`]);
    const eku = cert.getExtension(x509.ExtendedKeyUsageExtension)!.usages.map(String);
    expect(eku).toEqual(expect.arrayContaining([OID.legalEntity, role]));
  }

  /** Смагулова, as an employee of the organisation, up to «Ожидание подтверждения первого руководителя». */
  async function employeeAwaitingApproval() {
    const employee = new Applicant(client, person(MOLDIR), undefined, AS_EMPLOYEE, WOMAN_B);
    await untilNucApplication(employee, 'stock-emotions-b-2');
    const { number, keys, answer } = await employee.applyToNuc();
    expect(answer.body).toMatchObject({ status: 'awaiting_first_head', nextStep: 'wait' });
    expect(answer.body.message).toBe(
      'Пользователь идентифицирован центром регистрации (Ожидание подтверждения первого руководителя). ' +
        'Для завершения процедуры получения сертификатов НУЦ РК Вам необходимо: 1 шаг: Обратиться к первому руководителю Вашей организации или лицу, исполняющему его обязанности (сотрудник с правом подписи), для подтверждения заявки. ' +
        '2 шаг: После подтверждения заявки первым руководителем, установите сертификаты на этой странице, либо на странице проверки статуса заявки.',
    );
    expect(answer.body.nuc.statusTitle).toBe('Ожидание подтверждения первого руководителя');
    return { employee, number, keys };
  }

  it('gives the first head her own certificates through the remote path: no approval step, the legal-entity profile with the first-head role', async () => {
    const head = new Applicant(client, person(AIGERIM), undefined, AS_FIRST_HEAD, WOMAN_A);
    await untilNucApplication(head, 'stock-emotions-a-5');
    const { number, keys } = await head.applyToNuc();
    const issued = await head.waitFor('certificates_issued', 60_000);
    expect(issued.nuc.history.map((h: { title: string }) => h.title)).toEqual([
      'Новая заявка',
      'Пользователь идентифицирован центром регистрации',
      'Заявка на подписи в ИС НУЦ',
      'Выпущены регистрационные свидетельства (сертификаты) по заявке',
    ]);
    const installed = await head.install(number, keys);
    expect(installed.statusTitle).toBe('Сертификаты установлены');
    await head.waitFor('installed');
    for (const file of Object.values(installed.containers)) expectLegalEntityProfile(await certificateIn(file), AIGERIM, OID.firstHead);
    headKeys = keys;
    await recordHistory(onboardingWorkflowId(head.id), 'whole-path-legal-entity-first-head-installed');
  });

  it('keeps an employee waiting at «Ожидание подтверждения первого руководителя» until the first head signs in and approves; then the certificates are installed', async () => {
    const smsBefore = (await client.messagesTo(person(AIGERIM).bmgPhone!)).length;
    const { employee, number, keys } = await employeeAwaitingApproval();
    const waiting = await employee.waitFor('awaiting_first_head');
    expect(waiting.firstHeadApproval.deadlineAt).toEqual(expect.any(String));
    // The first head is told by SMS at her БМГ phone.
    const sms = await client.messagesUntil(person(AIGERIM).bmgPhone!, smsBefore + 1);
    expect(sms.length).toBe(smsBefore + 1);
    expect(sms[0].body).toContain(`Заявка № ${number} сотрудника Вашей организации на ЭЦП ожидает Вашего подтверждения`);

    const session = await firstHeadSignIn({ dir: headKeys, apiUrl: api, password: CONTAINER_PASSWORD });
    expect(session).toMatchObject({ bin: BIN, organizationName: 'ТОО «Байтерек Консалтинг»', capacity: 'first_head', iinMasked: '871218****62' });
    expect(session.token).toMatch(/^fh\./);
    const cabinet = asHead(session.token);
    const listed = await cabinet('GET', '/applications');
    expect(listed.status).toBe(200);
    expect(listed.body).toEqual([
      expect.objectContaining({ number, employeeIinMasked: '970303****92', templateTitle: 'Юридическое лицо - Сотрудник организации', employeeName: [person(MOLDIR).surname, person(MOLDIR).name, person(MOLDIR).patronymic].filter(Boolean).join(' ').toUpperCase() }),
    ]);
    const shown = await cabinet('GET', `/applications/${number}`);
    expect(shown.body.approvalContent.fields).toMatchObject({ type: 'nuc-first-head-approval/v1', number, bin: BIN, employeeIin: MOLDIR, template: 'Юридическое лицо - Сотрудник организации' });

    // Signed with the AUTH key instead of SIGN, or over something else: refused, nothing decided.
    const withAuth = await signWithInstalledKey({ dir: headKeys, kind: 'AUTH', password: CONTAINER_PASSWORD, content: Buffer.from(shown.body.approvalContent.text, 'utf8') });
    expect((await cabinet('POST', `/applications/${number}/approval`, { signature: withAuth.signature })).status).toBe(403);
    const otherText = await signWithInstalledKey({ dir: headKeys, kind: 'SIGN', password: CONTAINER_PASSWORD, content: Buffer.from(`${shown.body.approvalContent.text} `, 'utf8') });
    expect((await cabinet('POST', `/applications/${number}/approval`, { signature: otherText.signature })).status).toBe(401);
    expect((await employee.status()).status).toBe('awaiting_first_head');

    await approveAsFirstHead({ dir: headKeys, apiUrl: api, password: CONTAINER_PASSWORD, token: session.token, number });
    const again = await approveAsFirstHead({ dir: headKeys, apiUrl: api, password: CONTAINER_PASSWORD, token: session.token, number }).catch((e: Error) => e.message);
    expect(again).toMatch(/^409 /);

    const issued = await employee.waitFor('certificates_issued', 60_000);
    expect(issued.nuc.history.map((h: { title: string }) => h.title)).toEqual([
      'Новая заявка',
      'Пользователь идентифицирован центром регистрации',
      'Ожидание подтверждения первого руководителя',
      'Заявка на подписи в ИС НУЦ',
      'Выпущены регистрационные свидетельства (сертификаты) по заявке',
    ]);
    const installed = await employee.install(number, keys);
    expect(installed.statusTitle).toBe('Сертификаты установлены');
    await employee.waitFor('installed');
    for (const file of Object.values(installed.containers)) expectLegalEntityProfile(await certificateIn(file), MOLDIR, OID.employee);

    // The approval signature is kept as evidence, over exactly the content shown; sign-in and decision are journaled.
    const [evidence] = await dataSource.query('SELECT signer_iin, signer_bin, signed_content, signature_der FROM first_head_approval_evidence WHERE nuc_application_number = ?', [number]);
    expect(evidence).toMatchObject({ signer_iin: AIGERIM, signer_bin: BIN, signed_content: shown.body.approvalContent.text });
    await expect(pki.cms.verify({ signature: evidence.signature_der as Buffer, content: Buffer.from(shown.body.approvalContent.text, 'utf8') })).resolves.toMatchObject({ iin: AIGERIM, certificateKind: 'SIGN' });
    expect(await journal('first_head.sign_in', BIN)).not.toHaveLength(0);
    expect(await journal('first_head.approved', number)).toEqual([expect.objectContaining({ actor_kind: 'first_head', actor_id: `871218****62@${BIN}` })]);
    expect(await journal('first_head.approval_refused', number)).toHaveLength(1);
    await recordHistory(onboardingWorkflowId(employee.id), 'whole-path-legal-entity-employee-approved');
    await recordHistory(firstHeadApprovalWorkflowId(number), 'first-head-approval-approved');
  });

  describe('with an employee’s application waiting', () => {
    let waiting: Awaited<ReturnType<typeof employeeAwaitingApproval>>;
    /** Жумабеков's containers: the CA issued him, the first head of another organisation, a pair directly. */
    let otherHead: { dir: string; authSerial: string };

    beforeAll(async () => {
      waiting = await employeeAwaitingApproval();
      otherHead = await issuedDirectly();
    });

    it('shows another organisation’s first head none of it and lets them decide nothing (404)', async () => {
      const session = await firstHeadSignIn({ dir: otherHead.dir, apiUrl: api, password: CONTAINER_PASSWORD });
      expect(session).toMatchObject({ bin: OTHER_BIN, capacity: 'first_head' });
      const cabinet = asHead(session.token);
      const listed = await cabinet('GET', '/applications');
      expect(listed.status).toBe(200);
      expect(listed.body.map((a: { number: string }) => a.number)).not.toContain(waiting.number);
      expect((await cabinet('GET', `/applications/${waiting.number}`)).status).toBe(404);
      const signed = await signWithInstalledKey({ dir: otherHead.dir, kind: 'SIGN', password: CONTAINER_PASSWORD, content: Buffer.from('{}') });
      expect((await cabinet('POST', `/applications/${waiting.number}/approval`, { signature: signed.signature })).status).toBe(404);
      expect((await cabinet('POST', `/applications/${waiting.number}/rejection`, { reason: 'не наш сотрудник' })).status).toBe(404);
      // An applicant's token opens nothing here either.
      expect((await client.call('GET', '/api/v1/first-head/applications', { token: waiting.employee.token })).status).toBe(403);
      expect((await waiting.employee.status()).status).toBe('awaiting_first_head');
    });

    it('refuses a sign-in with a revoked first-head certificate, and a challenge used once', async () => {
      const challenge = await client.call('POST', '/api/v1/first-head/challenges');
      const signed = await signWithInstalledKey({ dir: otherHead.dir, kind: 'AUTH', password: CONTAINER_PASSWORD, content: Buffer.from(challenge.body.challenge, 'utf8') });
      await pki.revoke(otherHead.authSerial, 'keyCompromise');
      const refused = await client.call('POST', '/api/v1/first-head/sessions', { body: { challengeId: challenge.body.challengeId, signature: signed.signature } });
      expect(refused.status).toBe(403);
      expect(refused.body.message).toBe('Сертификат отозван: им нельзя войти или подписать / the certificate is revoked');
      const replayed = await client.call('POST', '/api/v1/first-head/sessions', { body: { challengeId: challenge.body.challengeId, signature: signed.signature } });
      expect(replayed.status).toBe(401);
      expect(await journal('first_head.sign_in_refused', challenge.body.challengeId)).toHaveLength(2);
    });

    it('lets the first head reject with a reason: the employee’s application ends with it', async () => {
      const session = await firstHeadSignIn({ dir: headKeys, apiUrl: api, password: CONTAINER_PASSWORD });
      const cabinet = asHead(session.token);
      expect((await cabinet('POST', `/applications/${waiting.number}/rejection`, { reason: ' ' })).status).toBe(400);
      const rejected = await cabinet('POST', `/applications/${waiting.number}/rejection`, { reason: 'Сотрудник переведён в другую организацию' });
      expect(rejected.status).toBe(200);
      expect(rejected.body).toMatchObject({ status: 'rejected' });
      const ended = await waiting.employee.waitFor('rejected');
      expect(ended.message).toBe('Заявка отклонена первым руководителем организации: Сотрудник переведён в другую организацию');
      expect(ended.nuc.statusTitle).toBe('Заявка отклонена первым руководителем');
      expect((await cabinet('GET', '/applications')).body).toEqual([]);
      expect(await journal('first_head.rejected', waiting.number)).toHaveLength(1);
      await recordHistory(onboardingWorkflowId(waiting.employee.id), 'whole-path-legal-entity-employee-rejected');
    });
  });

  /** A first-head pair for Жумабеков issued by the CA itself (his path is the one the first test takes), in containers as the key agent writes them. */
  async function issuedDirectly(): Promise<{ dir: string; authSerial: string }> {
    const dir = await mkdtemp(join(tmpdir(), 'other-head-'));
    const { authCsr, signCsr } = await generateKeys(dir, 'legal_entity');
    const app = await pki.applications.create({
      requestId: `it-other-head-${randomUUID()}`,
      identity: { subjectType: 'legal_entity', iin: OTHER_HEAD, surname: 'Жумабеков', givenName: 'Арман', patronymic: 'Серикович', bin: OTHER_BIN, organizationName: 'ТОО «Сарыарка Инжиниринг»', role: 'first_head' },
      template: 'Юридическое лицо - Первый руководитель',
      keyStorage: 'Персональный компьютер',
      authCsr,
      signCsr,
    });
    const pair = await pki.authority.issueForApplication(app.number);
    const builder = new Pkcs12Builder();
    for (const [kind, cert, prefix] of [['auth', pair.auth, 'AUTH_RSA256'], ['sign', pair.sign, 'RSA256']] as const) {
      const key = createPrivateKey(await readFile(join(dir, `${kind}.key`), 'utf8')).export({ type: 'pkcs8', format: 'der' });
      const p12 = await builder.build({ privateKeyPkcs8: key, certificate: Buffer.from(new x509.X509Certificate(cert.pem).rawData), password: CONTAINER_PASSWORD, subjectType: 'legal_entity' });
      await writeFile(join(dir, `${prefix}_${cert.serial}.p12`), p12);
    }
    return { dir, authSerial: pair.auth.serial };
  }
});
