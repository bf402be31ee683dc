import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createConnection, type Connection as MysqlConnection } from 'mysql2/promise';
import { onboardingWorkflowId, moderationCaseWorkflowId } from '@app/contracts';
import { readStack } from './support/it-stack';
import { recordHistory } from './support/record-history';
import { closeStaffAccounts, staffSession, type StaffSession } from './support/staff';
import { OnboardingClient, type SeededPersonView } from './support/onboarding-client';
import { Applicant, CONTAINER_PASSWORD, face, printedFields } from './support/whole-path';

// The whole path runs the face models and OCR on a 2-core machine: minutes, not seconds.
jest.setTimeout(600_000);

/**
 * The whole path for an individual (seed 002 steps 1–27) through the HTTP API, with both workers
 * (onboarding + pki, biometrics + documents), real face models, OCR of generated documents and the key agent.
 */
describe('Whole path: from the verified code to installed certificates', () => {
  const client = new OnboardingClient();
  const stack = readStack();
  let db: MysqlConnection;
  let people: SeededPersonView[];
  const person = (iin: string) => people.find((p) => p.iin === iin)!;
  // Оспанова Айгерим: her register photo is stock-emotions-a-1 (woman A of the fixtures).
  const AIGERIM = '871218425862';
  // Ермекова Гүлнар: her ID card is registered as lost.
  const GULNAR = '010210656226';
  let staff: StaffSession;
  const moderator = (path: string, body?: unknown) => staff.call(body === undefined ? 'GET' : 'POST', `/api/v1/moderation/cases/${path}`, body);

  beforeAll(async () => {
    people = await client.people();
    db = await createConnection({ uri: stack.env.DATABASE_URL });
    staff = await staffSession(client, ['moderator'], 'moderator');
  });
  afterAll(async () => {
    await db.end();
    await closeStaffAccounts();
  });

  /** Consent, the НУЦ application with keys from the key agent, issuance and installation. */
  async function throughNuc(applicant: Applicant) {
    const wrongPin = await applicant.call('POST', '/consent', { pin: '246801', consent: true });
    expect(wrongPin.status).toBe(400);
    expect(wrongPin.body.message).toBe('Неверный PIN-код. Осталось попыток: 2');
    const consent = await applicant.consent();
    expect(consent.body).toMatchObject({ status: 'nuc_application', nextStep: 'nuc_application' });

    const { number, keys, answer: submitted } = await applicant.applyToNuc();
    expect(number).toMatch(/^\d{14}$/);
    expect(submitted.body.message).toBe(`ЗАЯВКА УСПЕШНО СФОРМИРОВАНА! Вашей заявке присвоен номер: ${number}`);

    const issued = await applicant.waitFor('certificates_issued', 60_000);
    expect(issued.message).toBe('Выпущены регистрационные свидетельства (сертификаты) по заявке');
    expect(issued.nuc.history.map((h: { title: string }) => h.title)).toEqual([
      'Новая заявка',
      'Пользователь идентифицирован центром регистрации',
      'Заявка на подписи в ИС НУЦ',
      'Выпущены регистрационные свидетельства (сертификаты) по заявке',
    ]);
    const linked = await db.query('SELECT nuc_application_number FROM applications WHERE id = ?', [applicant.id]);
    expect((linked[0] as Array<{ nuc_application_number: string }>)[0].nuc_application_number).toBe(number);

    const installed = await applicant.install(number, keys);
    expect(installed.statusTitle).toBe('Сертификаты установлены');
    const done = await applicant.waitFor('installed');
    expect(done.message).toBe('Сертификаты установлены. Поздравляем!!! Получение регистрационных свидетельств успешно завершено.');
    return { number, installed, keys };
  }

  it('takes an individual from IIN to two installed certificates issued from the register record', async () => {
    const applicant = new Applicant(client, person(AIGERIM));
    await applicant.throughCodes();
    const afterCodes = await applicant.status();
    expect(afterCodes.checklist).toEqual({ webcam: true, keyAgent: true, mobileCitizen: true });
    expect(afterCodes.message).toBe('Расположите лицо в центре области экрана и нажмите на иконку фотоснимка');

    await applicant.throughCapture();
    expect(await applicant.status()).toMatchObject({ status: 'pin_required', nextStep: 'pin' });
    await applicant.setPin();
    const pinRow = await db.query('SELECT pin_hash FROM digital_id_pins WHERE application_id = ?', [applicant.id]);
    expect((pinRow[0] as Array<{ pin_hash: string }>)[0].pin_hash).toMatch(/^\$argon2id\$/);

    const document = await applicant.document('stock-emotions-a-5');
    const read = await applicant.submitDocument(document);
    expect(read.recognised.iin).toBe(AIGERIM);
    expect(read.recognised.documentNumber).toBe(document.holder.documentNumber);
    const confirmed = await applicant.confirmDocument(printedFields(document));
    expect(confirmed.status).toBe(200);
    const linked = await applicant.waitFor('document_linked', 120_000);
    expect(linked.message).toBe('Документ загружен. Документ привязан к аккаунту');

    const { number, installed } = await throughNuc(applicant);
    const register = person(AIGERIM);
    for (const file of Object.values(installed.containers)) {
      // The container opens with the password and holds the key; the subject is the register's person, not the typing.
      const pem = execFileSync('openssl', ['pkcs12', '-in', file, '-passin', `pass:${CONTAINER_PASSWORD}`, '-nodes'], { encoding: 'utf8' });
      expect(pem).toContain('-----BEGIN PRIVATE KEY-----');
      const subject = execFileSync('openssl', ['x509', '-noout', '-subject', '-nameopt', 'oneline,-esc_msb'], { input: pem, encoding: 'utf8' });
      expect(subject).toContain(`CN = ${register.surname.toUpperCase()} ${register.name.toUpperCase()}`);
      expect(subject).toContain(`serialNumber = IIN${AIGERIM}`);
      expect(subject).toContain(`GN = ${register.patronymic!.toUpperCase()}`);
    }
    expect(readFileSync(installed.containers.AUTH).length).toBeGreaterThan(1000);
    // Anyone with the number sees the status, never who applied; the applicant's token shows the rest.
    const nuc = await client.call('GET', `/api/v1/nuc/applications/${number}`);
    expect(nuc.body.statusTitle).toBe('Сертификаты установлены');
    expect(Object.keys(nuc.body).sort()).toEqual(['history', 'number', 'status', 'statusTitle']);
    expect(JSON.stringify(nuc.body)).not.toContain(AIGERIM);
    const own = await client.call('GET', `/api/v1/nuc/applications/${number}`, { token: applicant.token });
    expect(own.body).toMatchObject({ iin: AIGERIM, fullName: `${register.surname} ${register.name} ${register.patronymic}`.toUpperCase() });
    expect((await client.call('GET', `/api/v1/nuc/applications/${number}/certificates`)).status).toBe(401);
    expect((await client.call('GET', `/api/v1/nuc/applications/${number}/certificates`, { token: applicant.token })).status).toBe(200);
    await recordHistory(onboardingWorkflowId(applicant.id), 'whole-path-individual-installed');
  });

  it('sends a document the register disagrees with to a moderator, who approves it; the applicant gets an SMS and finishes', async () => {
    const applicant = new Applicant(client, person(AIGERIM));
    await applicant.throughCodes();
    await applicant.throughCapture();
    await applicant.setPin();
    // Her card, but printed with another woman's photo: the face match must fail.
    const document = await applicant.document('stock-emotions-b-2');
    await applicant.submitDocument(document);
    await applicant.confirmDocument(printedFields(document));
    const review = await applicant.waitFor('under_review', 120_000);
    expect(review.message).toBe('Ваш документ на проверке. Мы пришлем вам SMS с результатом. После проверки вы сможете продолжить получение услуги в личном кабинете');
    const caseId: string = review.moderationCaseId;

    // The applicant's own token opens no staff route.
    const unauthorised = await client.call('POST', `/api/v1/moderation/cases/${caseId}/decision`, { body: { decision: 'approve' }, token: applicant.token });
    expect(unauthorised.status).toBe(403);
    const shown = await moderator(caseId);
    expect(shown.status).toBe(200);
    expect(shown.body.reasons).toContain('face_mismatch');
    expect(shown.body.evidence.selfieSampleId).toEqual(expect.any(String));
    expect(shown.body.distances.selfieToDocument.match).toBe(false);
    expect(shown.body.distances.selfieToRegister.match).toBe(true);
    expect(shown.body.distances.selfieToDocument.similarity).toBeLessThan(shown.body.distances.selfieToRegister.similarity);
    const row = await db.query('SELECT status, reasons FROM moderation_cases WHERE case_id = ?', [caseId]);
    expect((row[0] as Array<{ status: string }>)[0].status).toBe('open');

    const smsBefore = (await client.messagesTo(applicant.phone)).length;
    const decided = await moderator(`${caseId}/decision`, { decision: 'approve' });
    expect(decided.status).toBe(200);
    const again = await moderator(`${caseId}/decision`, { decision: 'reject', reason: 'late' });
    expect(again.status).toBe(409);
    await applicant.waitFor('document_linked');
    const sms = await client.messagesTo(applicant.phone);
    expect(sms.length).toBe(smsBefore + 1);
    expect(sms[0].body).toBe('Ваш документ проверен и подтвержден. Продолжите получение ЭЦП удаленно в личном кабинете. eGov');
    await throughNuc(applicant);
    await recordHistory(onboardingWorkflowId(applicant.id), 'whole-path-moderation-approved');
    await recordHistory(moderationCaseWorkflowId(caseId), 'moderation-case-approved');
  });

  it('asks again for a selfie with one face, refuses replayed frames and a stranger in the video, and lets the applicant try again', async () => {
    const applicant = new Applicant(client, person(AIGERIM));
    await applicant.throughCodes();
    const group = await applicant.upload('/biometrics/selfie', face('group-1'));
    expect(group.status).toBe(201);
    expect(group.body.outcome).toBe('retry');
    expect(group.body.problems).toContain('В кадре несколько лиц. В кадре должны быть только вы.');
    expect((await applicant.status()).status).toBe('selfie_required');
    const selfie = await applicant.upload('/biometrics/selfie', face('stock-emotions-a-4'));
    expect(selfie.body.outcome).toBe('passed');

    // The same frames played in another order than the instructions were given: refused.
    const replayed = await applicant.videoIdentification(undefined, ([frontal, ...poses]) => [frontal, ...poses.reverse()]);
    expect(replayed.body.outcome).toBe('retry');
    expect(replayed.body.problems).toContain('Действия выполнены не по порядку. Выполняйте указания по очереди.');
    // Another person in front of the camera: refused.
    const stranger = await applicant.videoIdentification(face('stock-teen-2'), (frames) => frames.map(() => face('stock-teen-2')));
    expect(stranger.body.outcome).toBe('retry');
    expect(stranger.body.problems.length).toBeGreaterThan(0);
    const performed = await applicant.videoIdentification();
    expect(performed.body.outcome).toBe('passed');
    expect((await applicant.status()).status).toBe('pin_required');
  });

  it('sends a lost document to a moderator with the reason, and ends the application when the moderator rejects it', async () => {
    const applicant = new Applicant(client, person(GULNAR));
    await applicant.throughCodes();
    await applicant.throughCapture();
    await applicant.setPin();
    const document = await applicant.document('stock-emotions-a-6', (d) => d.state === 'lost');
    await applicant.submitDocument(document);
    await applicant.confirmDocument(printedFields(document));
    const review = await applicant.waitFor('under_review', 120_000);
    const shown = await moderator(review.moderationCaseId);
    expect(shown.body.reasons).toEqual(expect.arrayContaining(['document_not_valid', 'register_photo_missing']));
    const refused = await moderator(`${review.moderationCaseId}/decision`, { decision: 'reject' });
    expect(refused.status).toBe(409);
    await moderator(`${review.moderationCaseId}/decision`, { decision: 'reject', reason: 'удостоверение числится утерянным' });
    const rejected = await applicant.waitFor('rejected');
    expect(rejected.message).toBe('Документ не прошел проверку: удостоверение числится утерянным');
    const sms = await client.messagesTo(applicant.phone);
    expect(sms[0].body).toBe('Ваш документ не прошел проверку. Подробности в личном кабинете. eGov');
  });
});
