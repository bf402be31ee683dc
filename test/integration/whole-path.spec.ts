import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createConnection, type Connection as MysqlConnection } from 'mysql2/promise';
import { onboardingWorkflowId, moderationCaseWorkflowId } from '@app/contracts';
import { readStack } from './support/it-stack';
import { recordHistory } from './support/record-history';
import { closeStaffAccounts, staffSession, type StaffSession } from './support/staff';
import { OnboardingClient, type SeededPersonView } from './support/onboarding-client';
import { Mailpit, registerTemporary, signIn } from './support/portal';
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

  beforeAll(async () => {
    people = await client.people();
    db = await createConnection({ uri: stack.env.DATABASE_URL });
    staff = await staffSession(client, ['moderator'], 'moderator');
  });
  afterAll(async () => {
    await db.end();
    await closeStaffAccounts();
  });
  /** A portal sign-in every few seconds while a test runs (see the individual's test). */
  let visiting: NodeJS.Timeout | undefined;
  afterEach(() => clearInterval(visiting));

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

  it('takes an individual from IIN to two installed certificates issued from the register record; her temporary portal account gets full rights', async () => {
    // Her portal account, registered without a signature (seed 000): temporary rights until a service signed with her signature.
    const account = await registerTemporary(client, new Mailpit(), person(AIGERIM));
    expect((await signIn(client, account.login, account.password)).body.account.rights).toBe('temporary');
    // The stack shortens a temporary account's life to 10 s + 10 s: she keeps visiting the portal meanwhile.
    visiting = setInterval(() => void signIn(client, account.login, account.password), 3_000);
    const applicant = new Applicant(client, person(AIGERIM));
    await applicant.throughCodes();
    const afterCodes = await applicant.status();
    expect(afterCodes.checklist).toEqual({ webcam: true, keyAgent: true, mobileCitizen: true });
    expect(afterCodes.message).toBe('Расположите лицо в центре области экрана и нажмите на иконку фотоснимка');

    await applicant.throughCapture();
    expect(await applicant.status()).toMatchObject({ status: 'pin_required', nextStep: 'pin', pinLength: 6 });
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
    // Installing is signed with her new AUTH key (the proof of possession): «получить одну из электронных услуг с обязательным подписанием ЭЦП».
    expect((await signIn(client, account.login, account.password)).body.account.rights).toBe('full');
    clearInterval(visiting);
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

  /** The moderators' API as one staff member calls it. */
  const as = (who: StaffSession, method: string, path = '', body?: unknown) => who.call(method, `/api/v1/moderation/cases${path}`, body);
  /** An image of a case: the raw bytes and the headers (client.call reads JSON). */
  async function evidence(who: StaffSession, caseId: string, kind: string) {
    const response = await fetch(`${client.apiUrl}/api/v1/moderation/cases/${caseId}/evidence/${kind}`, { headers: { authorization: `Bearer ${who.token}` } });
    return { status: response.status, headers: response.headers, bytes: Buffer.from(await response.arrayBuffer()) };
  }
  /** Her card printed with another woman's photo: the face match fails and a case opens. */
  async function mismatchedDocument(applicant: Applicant) {
    await applicant.throughCodes();
    await applicant.throughCapture();
    await applicant.setPin();
    const document = await applicant.document('stock-emotions-b-2');
    await applicant.submitDocument(document);
    await applicant.confirmDocument(printedFields(document));
    const review = await applicant.waitFor('under_review', 120_000);
    expect(review.message).toBe('Ваш документ на проверке. Мы пришлем вам SMS с результатом. После проверки вы сможете продолжить получение услуги в личном кабинете');
    return { document, caseId: review.moderationCaseId as string };
  }

  it('queues a document the register disagrees with; the moderator claims it, sees the evidence, approves; the applicant gets the SMS and finishes', async () => {
    const applicant = new Applicant(client, person(AIGERIM));
    const { document, caseId } = await mismatchedDocument(applicant);
    const other = await staffSession(client, ['moderator'], 'moderator');

    // The applicant's own token opens no staff route.
    const unauthorised = await client.call('POST', `/api/v1/moderation/cases/${caseId}/decision`, { body: { decision: 'approve' }, token: applicant.token });
    expect(unauthorised.status).toBe(403);
    const queue = await as(staff, 'GET', '?reason=face_mismatch&youngerThanMinutes=60&pageSize=50');
    expect(queue.status).toBe(200);
    expect(queue.body.items.find((c: { caseId: string }) => c.caseId === caseId)).toMatchObject({ status: 'open', template: 'individual', reasons: expect.arrayContaining(['face_mismatch']), claim: null });
    // Before the claim: the summary, no faces, fields or images.
    const summary = await as(staff, 'GET', `/${caseId}`);
    expect(summary.body).toMatchObject({ caseId, status: 'open', reasons: expect.arrayContaining(['face_mismatch']) });
    expect(summary.body.detail).toBeUndefined();
    expect((await evidence(staff, caseId, 'selfie')).status).toBe(409);

    const claimed = await as(staff, 'POST', `/${caseId}/claim`);
    expect(claimed.status).toBe(200);
    expect(claimed.body.claim).toMatchObject({ moderator: staff.username, yours: true });
    const { detail } = (await as(staff, 'GET', `/${caseId}`)).body;
    const pair = (name: string) => detail.faces.pairs.find((p: { pair: string }) => p.pair === name);
    expect(pair('selfie_document').match).toBe(false);
    expect(pair('selfie_register').match).toBe(true);
    expect(pair('selfie_document').similarity).toBeLessThan(pair('selfie_register').similarity);
    expect(detail.fields.find((f: { field: string }) => f.field === 'iin')).toMatchObject({ confirmed: AIGERIM, register: AIGERIM, differsFromRegister: false });
    const kinds = ['selfie', 'liveness_best_frame', 'document_portrait', 'document_front', 'document_back', 'register_photo'];
    expect(detail.evidence.map((e: { kind: string }) => e.kind)).toEqual(kinds);

    // Another moderator: the summary with who holds the case, no images, no claim, no decision.
    const seen = await as(other, 'GET', `/${caseId}`);
    expect(seen.body.detail).toBeUndefined();
    expect(seen.body.claim).toMatchObject({ moderator: staff.username, yours: false });
    const refused = await evidence(other, caseId, 'selfie');
    expect(refused.status).toBe(403);
    expect(JSON.parse(refused.bytes.toString('utf8')).message).toMatch(new RegExp(`^this case is claimed by ${staff.username} until \\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2} UTC`));
    expect((await as(other, 'POST', `/${caseId}/claim`)).status).toBe(409);
    expect((await as(other, 'POST', `/${caseId}/decision`, { decision: 'reject', reason: 'не похожа' })).status).toBe(409);

    // The holder sees every image, decrypted on the fly and never cached; each view is journaled.
    for (const kind of kinds) {
      const image = await evidence(staff, caseId, kind);
      expect(image.status).toBe(200);
      expect(image.headers.get('content-type')).toBe('image/jpeg');
      expect(image.headers.get('cache-control')).toBe('no-store');
      expect(image.bytes.subarray(0, 3)).toEqual(Buffer.from([0xff, 0xd8, 0xff]));
    }
    expect((await evidence(staff, caseId, 'selfie')).bytes.equals(face('stock-emotions-a-4'))).toBe(true);
    expect((await evidence(staff, caseId, 'document_front')).bytes.equals(document.front)).toBe(true);
    const [[{ id: staffId }]] = (await db.query('SELECT id FROM staff_accounts WHERE username = ?', [staff.username])) as any;
    const [views] = (await db.query("SELECT actor_kind, actor_id, detail FROM audit_journal WHERE target = ? AND action = 'moderation.evidence_viewed' ORDER BY id", [caseId])) as any;
    expect(views.map((v: { actor_kind: string; actor_id: string }) => `${v.actor_kind}:${v.actor_id}`)).toEqual(Array(kinds.length + 2).fill(`staff:${staffId}`));
    expect(views.map((v: { detail: string | { kind: string } }) => (typeof v.detail === 'string' ? JSON.parse(v.detail) : v.detail).kind)).toEqual([...kinds, 'selfie', 'document_front']);
    const [projected] = (await db.query('SELECT status, claimed_by FROM moderation_cases WHERE case_id = ?', [caseId])) as any;
    expect(projected[0]).toEqual({ status: 'open', claimed_by: staff.username });

    const smsBefore = (await client.messagesTo(applicant.phone)).length;
    const decided = await as(staff, 'POST', `/${caseId}/decision`, { decision: 'approve' });
    expect(decided.status).toBe(200);
    expect(decided.body).toMatchObject({ status: 'decided', decided: { decision: 'approve', moderator: staff.username } });
    const again = await as(staff, 'POST', `/${caseId}/decision`, { decision: 'reject', reason: 'late' });
    expect(again.status).toBe(409);
    expect((await evidence(staff, caseId, 'selfie')).status).toBe(409);
    const [[journaled]] = (await db.query("SELECT actor_id, detail FROM audit_journal WHERE target = ? AND action = 'moderation.case_decided'", [caseId])) as any;
    expect(journaled.actor_id).toBe(staffId);
    await applicant.waitFor('document_linked');
    const sms = await client.messagesUntil(applicant.phone, smsBefore + 1);
    expect(sms.length).toBe(smsBefore + 1);
    expect(sms[0].body).toBe('Ваш документ проверен и подтвержден. Продолжите получение ЭЦП удаленно в личном кабинете. eGov');
    await throughNuc(applicant);
    await recordHistory(onboardingWorkflowId(applicant.id), 'whole-path-moderation-claimed-approved');
    await recordHistory(moderationCaseWorkflowId(caseId), 'moderation-case-claimed-approved');
  });

  it('lets the moderator ask for a new document: the applicant gets the SMS, photographs a good one and goes on', async () => {
    const applicant = new Applicant(client, person(AIGERIM));
    const { caseId } = await mismatchedDocument(applicant);
    expect((await as(staff, 'POST', `/${caseId}/claim`)).status).toBe(200);
    const smsBefore = (await client.messagesTo(applicant.phone)).length;
    expect((await as(staff, 'POST', `/${caseId}/decision`, { decision: 'new_document' })).status).toBe(200);
    const again = await applicant.waitFor('document_required');
    expect(again.moderationCaseId).toBeUndefined();
    const sms = await client.messagesUntil(applicant.phone, smsBefore + 1);
    expect(sms.length).toBe(smsBefore + 1);
    expect(sms[0].body).toBe('Для продолжения получения ЭЦП удаленно сделайте новое фото. Подробности в личном кабинете. eGov');
    const good = await applicant.document('stock-emotions-a-5');
    await applicant.submitDocument(good);
    await applicant.confirmDocument(printedFields(good));
    const linked = await applicant.waitFor('document_linked', 120_000);
    expect(linked.message).toBe('Документ загружен. Документ привязан к аккаунту');
    const [rows] = (await db.query('SELECT status, decision, decided_by FROM moderation_cases WHERE case_id = ?', [caseId])) as any;
    expect(rows[0]).toEqual({ status: 'decided', decision: 'new_document', decided_by: staff.username });
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

  it('queues a lost document with its reason, and ends the application when the moderator who claimed it rejects it', async () => {
    const applicant = new Applicant(client, person(GULNAR));
    await applicant.throughCodes();
    await applicant.throughCapture();
    await applicant.setPin();
    const document = await applicant.document('stock-emotions-a-6', (d) => d.state === 'lost');
    await applicant.submitDocument(document);
    await applicant.confirmDocument(printedFields(document));
    const review = await applicant.waitFor('under_review', 120_000);
    const caseId: string = review.moderationCaseId;
    const queued = await as(staff, 'GET', '?reason=document_not_valid&pageSize=50');
    expect(queued.body.items.find((c: { caseId: string }) => c.caseId === caseId)).toMatchObject({ status: 'open', reasons: expect.arrayContaining(['document_not_valid', 'register_photo_missing']) });
    expect((await as(staff, 'POST', `/${caseId}/claim`)).status).toBe(200);
    const shown = await as(staff, 'GET', `/${caseId}`);
    expect(shown.body.reasons).toEqual(expect.arrayContaining(['document_not_valid', 'register_photo_missing']));
    // No register photo: nothing to serve for it.
    expect(shown.body.detail.evidence.map((e: { kind: string }) => e.kind)).not.toContain('register_photo');
    expect((await evidence(staff, caseId, 'register_photo')).status).toBe(404);
    const refused = await as(staff, 'POST', `/${caseId}/decision`, { decision: 'reject' });
    expect(refused.status).toBe(400);
    expect(refused.body.message).toEqual(['a rejection needs a reason the applicant will read (at most 500 characters)']);
    const smsBefore = (await client.messagesTo(applicant.phone)).length;
    expect((await as(staff, 'POST', `/${caseId}/decision`, { decision: 'reject', reason: 'удостоверение числится утерянным' })).status).toBe(200);
    const rejected = await applicant.waitFor('rejected');
    expect(rejected.message).toBe('Документ не прошел проверку: удостоверение числится утерянным');
    const sms = await client.messagesUntil(applicant.phone, smsBefore + 1);
    expect(sms.length).toBe(smsBefore + 1);
    expect(sms[0].body).toBe('Ваш документ не прошел проверку. Подробности в личном кабинете. eGov');
  });
});
