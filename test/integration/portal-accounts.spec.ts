import { execFileSync } from 'node:child_process';
import { createConnection, type Connection as MysqlConnection } from 'mysql2/promise';
import { controlDigit } from '@app/identity';
import { passwordHashing } from '../../apps/api/src/auth/password-hashing';
import { certificatesFor, closeStackPki, signedChallenge, stackPki } from './support/certificates';
import { readStack } from './support/it-stack';
import { OnboardingClient, sleep, type SeededPersonView } from './support/onboarding-client';
import {
  Mailpit,
  activate,
  checkPerson,
  freshEmail,
  linkToken,
  portalPeople,
  registerTemporary,
  signIn,
  submitPassword,
  validDocument,
} from './support/portal';
import { recordHistory } from './support/record-history';

/** Seeds 000/001: portal accounts through the HTTP API on the real stack, the e-mail read from Mailpit. */
describe('Portal accounts (seeds 000/001)', () => {
  const client = new OnboardingClient();
  const mailpit = new Mailpit();
  const stack = readStack();
  let db: MysqlConnection;
  let nextPerson: () => SeededPersonView;
  let people: SeededPersonView[];

  beforeAll(async () => {
    db = await createConnection({ uri: stack.env.DATABASE_URL });
    nextPerson = await portalPeople(client);
    people = await client.people();
  });
  afterAll(async () => {
    await mailpit.refuseRecipients(false);
    await closeStackPki();
    await db.end();
  });

  const rows = async <T>(sql: string, params: unknown[]) => (await db.query(sql, params))[0] as T[];
  const masked = (iin: string) => `${iin.slice(0, 4)}******${iin.slice(10)}`;
  const journal = async (iin: string, action: string) =>
    (await rows<{ detail: { reason?: string } | null }>('SELECT detail FROM audit_journal WHERE target = ? AND action = ? ORDER BY id', [masked(iin), action])).map((r) => r.detail?.reason);
  const personWith = (test: (p: SeededPersonView) => boolean) => people.find(test)!;
  const me = (token: string) => client.call('GET', '/api/v1/portal/me', { token });
  const signatureSignIn = (body: { challengeId: string; signature: string }) => client.call('POST', '/api/v1/portal/sessions/signature', { body });
  const workflowStatus = (workflowId: string): string =>
    JSON.parse(execFileSync('temporal', ['workflow', 'describe', '--address', stack.env.TEMPORAL_ADDRESS, '-w', workflowId, '--output', 'json']).toString('utf8')).workflowExecutionInfo.status;

  it('registers without a signature: ГБД ФЛ confirms the person, the e-mail carries the seed\'s words and a link that opens the account with temporary rights, once', async () => {
    const person = nextPerson();
    const email = freshEmail(person);
    const password = 'Kazakhstan2026';

    const terms = await client.call('GET', '/api/v1/portal/registrations/terms');
    expect(terms.body).toMatchObject({ agreement: 'Я ознакомился и принимаю условия настоящего Соглашения', registrationTerms: 'Ознакомился и принимаю условия настоящей Регистрации' });
    const unaccepted = await checkPerson(client, person, { agreementAccepted: false });
    expect(unaccepted.status).toBe(400);
    expect(unaccepted.body.message).toContain('Для регистрации отметьте «Я ознакомился и принимаю условия настоящего Соглашения»');
    expect(unaccepted.body).toMatchObject({ code: 'validation_failed', fields: [{ field: 'agreementAccepted', constraints: ['equals'] }] });

    const checked = await checkPerson(client, person);
    expect(checked.status).toBe(200);
    expect(checked.body).toMatchObject({
      person: { iin: person.iin, documentNumber: validDocument(person).number, birthDate: person.birthDate },
      passwordRule: 'Длина пароля должна быть не менее 8 и не более 30 символов',
      emailWarning:
        'Не рекомендуется указывать адрес электронной почты, являющийся корпоративным или зарегистрированным на другое физическое лицо, т.к. в случае его утери Вы не сможете воспользоваться сервисом восстановления пароля',
    });
    const ticket: string = checked.body.registrationToken;

    const short = await submitPassword(client, ticket, 'Short1', email);
    expect(short.status).toBe(400);
    expect(short.body.message).toContain('Длина пароля должна быть не менее 8 и не более 30 символов');
    expect((await submitPassword(client, ticket, 'x'.repeat(31), email)).status).toBe(400);
    const unconfirmed = await client.call('POST', '/api/v1/portal/registrations/temporary', { body: { registrationToken: ticket, password, passwordConfirmation: `${password}!`, email } });
    expect(unconfirmed.status).toBe(422);

    const submitted = await submitPassword(client, ticket, password, email);
    expect(submitted.status).toBe(202);
    expect(submitted.body.message).toBe(`Для подтверждения регистрации пройдите по ссылке, высланной на Вашу электронную почту – ${email}`);
    // Step 2 does not go twice on one ticket.
    expect((await submitPassword(client, ticket, password, email)).body.message).toBe('К сожалению, произошла ошибка. Попробуйте еще раз пройти процесс регистрации');

    const mail = await mailpit.nthMessageTo(email, 1);
    expect(mail.Text).toContain(
      'Здравствуйте,\nВами подано заявление на регистрацию на веб-портале «электронного правительства» Республики Казахстан. ' +
        `Ваш ИИН/БИН ${person.iin}. Для активации учетной записи (подтверждение регистрации на Портале и электронного адреса) пройдите по ссылке. Ссылка будет активна в течение 72 часов`,
    );
    const token = linkToken(mail.Text);
    expect(mail.HTML).toContain('>ссылке</a>');

    // Until the link is followed there is no account; the link's token and the password are kept only as hashes.
    const [pending] = await rows<{ password_hash: string; token_hash: Buffer; stage: string }>('SELECT password_hash, token_hash, stage FROM portal_registrations WHERE login = ?', [person.iin]);
    expect(pending.stage).toBe('awaiting_activation');
    expect(pending.password_hash).toMatch(/^\$argon2id\$/);
    expect(pending.token_hash.toString('latin1')).not.toContain(token.split('.')[1]);
    expect((await signIn(client, person.iin, password)).status).toBe(401);

    const activated = await activate(client, token);
    expect(activated.status).toBe(201);
    expect(activated.body).toEqual({
      message:
        'Поздравляем, Вы успешно зарегистрировались на веб-Портале «электронного правительства» Республики Казахстан с временными правами. Для того, чтобы получить полные права, ' +
        'Вам необходимо авторизоваться при помощи ЭЦП либо получить электронную, подписанную Вашей ЭЦП. Если у вас нет ЭЦП, здесь Вы можете подать заявку на её получение. ' +
        'Напоминаем Вам о возможности записи ЭЦП на удостоверениях личности нового образца. Более подробную информацию об этом Вы можете найти на этой странице',
      login: person.iin,
      rights: 'temporary',
    });
    const again = await activate(client, token);
    expect(again.status).toBe(410);
    expect(again.body.message).toBe('Ссылка недействительна: она уже была использована или не выдавалась');
    expect(await rows('SELECT id FROM portal_registrations WHERE login = ?', [person.iin])).toHaveLength(0);

    const session = await signIn(client, person.iin, password);
    expect(session.status).toBe(201);
    expect(session.body.token).toMatch(/^ctz\./);
    expect(session.body.account).toEqual({ login: person.iin, subjectType: 'individual', rights: 'temporary', email });
    const profile = await me(session.body.token);
    expect(profile.body).toMatchObject({ login: person.iin, rights: 'temporary', email, language: 'ru', life: { phase: 'temporary' } });
    expect(await journal(person.iin, 'portal.account_activated')).toHaveLength(1);
  });

  it('writes the e-mail in Kazakh for a person who chose kk', async () => {
    const person = nextPerson();
    const email = freshEmail(person);
    const checked = await checkPerson(client, person);
    expect((await submitPassword(client, checked.body.registrationToken, 'Qazaqstan2026', email, { language: 'kk' })).status).toBe(202);
    const mail = await mailpit.nthMessageTo(email, 1);
    expect(mail.Subject).toBe('«Электрондық үкімет» порталында тіркелуді растау');
    expect(mail.Text).toContain(`Сәлеметсіз бе,\nСіз Қазақстан Республикасының «электрондық үкімет» веб-порталында тіркелуге өтініш бердіңіз. Сіздің ЖСН/БСН ${person.iin}.`);
    expect(mail.Text).toContain('Сілтеме 72 сағат бойы белсенді болады');
    expect((await activate(client, linkToken(mail.Text))).status).toBe(201);
  });

  it('says «неверный ИИН» for an IIN that breaks the pattern, and «Пользователь с таким ИИН-ом уже зарегистрирован» with «Забыли пароль?» where the account exists', async () => {
    const invalid = await checkPerson(client, nextPerson(), { iin: '910506451647' });
    expect(invalid.status).toBe(400);
    expect(invalid.body.message).toBe('неверный ИИН');

    const account = await registerTemporary(client, mailpit, nextPerson());
    const existing = await checkPerson(client, account.person);
    expect(existing.status).toBe(409);
    expect(existing.body).toMatchObject({ message: 'Пользователь с таким ИИН-ом уже зарегистрирован', forgotPassword: 'Забыли пароль?' });
  });

  it('answers «Пользователь с указанным ИИН/БИН уже зарегистрирован» at «Далее» when the account appeared since «Найти»; only the newest link opens it', async () => {
    const person = nextPerson();
    const first = await checkPerson(client, person);
    const second = await checkPerson(client, person);
    const emails = [freshEmail(person), freshEmail(person)];
    expect((await submitPassword(client, first.body.registrationToken, 'FirstPassword1', emails[0])).status).toBe(202);
    const stale = linkToken((await mailpit.nthMessageTo(emails[0], 1)).Text);
    const third = await checkPerson(client, person);
    expect((await submitPassword(client, third.body.registrationToken, 'ThirdPassword3', emails[1])).status).toBe(202);
    expect((await activate(client, stale)).status).toBe(410);
    expect((await activate(client, linkToken((await mailpit.nthMessageTo(emails[1], 1)).Text))).status).toBe(201);

    const late = await submitPassword(client, second.body.registrationToken, 'SecondPassword2', freshEmail(person));
    expect(late.status).toBe(409);
    expect(late.body).toMatchObject({ message: 'Пользователь с указанным ИИН/БИН уже зарегистрирован', forgotPassword: 'Забыли пароль?' });
    expect((await signIn(client, person.iin, 'ThirdPassword3')).status).toBe(201);
  });

  it('refuses, in seed 000 Appendix 2\'s words, a person the register rules exclude', async () => {
    const deceased = personWith((p) => p.lifeStatus === 9 && p.exclusionCode === null);
    const answer = await checkPerson(client, deceased);
    expect(answer.status).toBe(422);
    expect(answer.body.message).toBe('Невозможно создать учетную запись по введенному ИИН. За разъяснениями необходимо обратиться в отдел документирования населения в ЦОН (код:9)');
    for (const code of [1, 2, 3, 4, 5, 6, 7, 8]) {
      const excluded = personWith((p) => p.exclusionCode === code && p.lifeStatus === 1);
      expect((await checkPerson(client, excluded)).body.message).toBe(
        `Невозможно создать учетную запись по введенному ИИН. За разъяснениями необходимо обратиться в отдел документирования населения в ЦОН (код: ${code})`,
      );
    }
    const convicted = personWith((p) => p.capacityCode === 4);
    expect((await checkPerson(client, convicted)).body.message).toBe(
      'Невозможно создать учетную запись по введенному значению ИИН. За разъяснениями необходимо обратиться в Управление Комитета по правовой статистике и специальным учетам Генеральной прокуратуры Республики Казахстан http://www.pravstat.kz',
    );
    // Appendix 2 is the portal's rule set: citizenship is the remote-certificate path's rule, not the portal's.
    expect((await checkPerson(client, personWith((p) => p.citizenship !== 'KZ' && p.exclusionCode === null))).status).toBe(200);
    // A stranger's life status is not told to someone without their document number and birth date.
    const guessed = await checkPerson(client, personWith((p) => p.exclusionCode === 9), { documentNumber: 'N00000000' });
    expect(guessed.body.message).toBe('Номер документа или дата рождения не совпадают с данными государственной базы данных «Физические лица»');

    const unknownIin = (() => {
      for (let serial = 1000; ; serial++) {
        const first11 = `9001014${serial}`;
        const digit = controlDigit(first11);
        const iin = `${first11}${digit}`;
        if (digit !== null && !people.some((p) => p.iin === iin)) return iin;
      }
    })();
    expect((await checkPerson(client, deceased, { iin: unknownIin, birthDate: '1990-01-01' })).body.message).toBe(
      'ИИН не найден в государственной базе данных «Физические лица». Обратитесь в отдел документирования населения в ЦОН.',
    );
  });

  it('blocks an IIN for the (shortened) 15 minutes after three failed tries, «Вы заблокированы!», with every failure in the journal', async () => {
    const person = nextPerson();
    const wrongNumber = await checkPerson(client, person, { documentNumber: 'N99999999' });
    expect(wrongNumber.status).toBe(422);
    // The reason's code lets the pages say it in the person's language.
    expect(wrongNumber.body).toMatchObject({ message: 'Номер документа или дата рождения не совпадают с данными государственной базы данных «Физические лица»', reason: 'data_mismatch', attemptsLeft: 2 });
    expect((await checkPerson(client, person, { birthDate: '1901-01-01' })).body.attemptsLeft).toBe(1);
    const third = await checkPerson(client, person, { documentNumber: 'N99999999' });
    expect(third.status).toBe(423);
    expect(third.body.message).toBe('Вы заблокированы!');
    const rightData = await checkPerson(client, person);
    expect(rightData.status).toBe(423);
    expect(rightData.body.message).toBe('Вы заблокированы!');
    expect(Number(rightData.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await journal(person.iin, 'portal.registration_refused')).toEqual(['data_mismatch', 'data_mismatch', 'data_mismatch', 'blocked']);
    await sleep(6_500);
    expect((await checkPerson(client, person)).status).toBe(200);
  });

  it('leaves nothing half-made on a technical failure: «К сожалению, произошла ошибка. Попробуйте еще раз пройти процесс регистрации»', async () => {
    const person = nextPerson();
    const email = freshEmail(person);
    const checked = await checkPerson(client, person);
    await mailpit.refuseRecipients(true);
    let failed;
    try {
      failed = await submitPassword(client, checked.body.registrationToken, 'Password2026', email);
    } finally {
      await mailpit.refuseRecipients(false);
    }
    expect(failed.status).toBe(503);
    expect(failed.body.message).toBe('К сожалению, произошла ошибка. Попробуйте еще раз пройти процесс регистрации');
    expect(await rows('SELECT id FROM portal_registrations WHERE login = ?', [person.iin])).toHaveLength(0);
    expect(await rows('SELECT id FROM portal_accounts WHERE login = ?', [person.iin])).toHaveLength(0);
    expect(await journal(person.iin, 'portal.registration_failed')).toEqual(['mail_not_sent']);

    // ГБД ФЛ down at «Найти»: the same words, and no try is counted.
    await client.outage(2_000);
    const down = await checkPerson(client, person);
    expect(down.status).toBe(503);
    expect(down.body.message).toBe('К сожалению, произошла ошибка. Попробуйте еще раз пройти процесс регистрации');
    await sleep(2_200);
    // Starting again works.
    expect((await registerTemporary(client, mailpit, person)).login).toBe(person.iin);
  });

  it('opens nothing with an expired link', async () => {
    const person = nextPerson();
    const email = freshEmail(person);
    const checked = await checkPerson(client, person);
    await submitPassword(client, checked.body.registrationToken, 'Password2026', email);
    const token = linkToken((await mailpit.nthMessageTo(email, 1)).Text);
    await db.query('UPDATE portal_registrations SET expires_at = NOW(3) - INTERVAL 1 SECOND WHERE login = ?', [person.iin]);
    const expired = await activate(client, token);
    expect(expired.status).toBe(410);
    expect(expired.body.message).toBe('Срок действия ссылки истек. Пройдите процесс регистрации заново');
    expect(await rows('SELECT id FROM portal_registrations WHERE login = ?', [person.iin])).toHaveLength(0);
    expect(await rows('SELECT id FROM portal_accounts WHERE login = ?', [person.iin])).toHaveLength(0);
    expect((await activate(client, 'not-a-token')).status).toBe(410);
  });

  it('answers an unknown login and a wrong password alike, in the same time; three failures block the login, journaled', async () => {
    const accounts = [await registerTemporary(client, mailpit, nextPerson()), await registerTemporary(client, mailpit, nextPerson())];
    const strangers = [nextPerson(), nextPerson()];
    const timed = async (login: string) => {
      const started = process.hrtime.bigint();
      const answer = await signIn(client, login, 'NotThePassword1');
      return { answer, ms: Number(process.hrtime.bigint() - started) / 1e6 };
    };
    const unknown: Array<Awaited<ReturnType<typeof timed>>> = [];
    const wrong: typeof unknown = [];
    // Interleaved, so a busy moment of the machine falls on both alike.
    for (let attempt = 1; attempt <= 3; attempt++) {
      for (const [i, account] of accounts.entries()) {
        unknown.push(await timed(strangers[i].iin));
        wrong.push(await timed(account.login));
      }
    }
    for (const { answer } of [...unknown, ...wrong].filter((t) => t.answer.status !== 423)) {
      expect(answer.status).toBe(401);
      expect(answer.body.message).toBe('Ошибка авторизации: введен неверный логин или пароль');
      expect(answer.body.reason).toBe('sign_in_failed');
    }
    const seen = (ts: typeof unknown) => ts.map(({ answer: { status, body } }) => ({ status, ...body, blockedUntil: typeof body.blockedUntil }));
    expect(seen(unknown)).toEqual(seen(wrong));
    expect(unknown.slice(4).map((t) => t.answer.body.message)).toEqual(['Вы заблокированы!', 'Вы заблокированы!']);
    // Both verify an argon2id hash: without the verification for a nobody an unknown login answers in about 0.4 of the time (measured); the bounds leave room for a busy CI machine.
    const median = (ts: Array<{ ms: number }>) => ts.map((t) => t.ms).sort((a, b) => a - b)[Math.floor(ts.length / 2)];
    expect(median(unknown) / median(wrong)).toBeGreaterThan(0.6);
    expect(median(unknown) / median(wrong)).toBeLessThan(1.6);

    const [account] = accounts;
    expect((await signIn(client, account.login, account.password)).status).toBe(423);
    expect(await journal(account.login, 'portal.sign_in_refused')).toEqual(['wrong_password', 'wrong_password', 'wrong_password', 'blocked']);
    expect(await journal(strangers[0].iin, 'portal.sign_in_refused')).toEqual(['unknown_login', 'unknown_login', 'unknown_login']);
    await sleep(6_500);
    expect((await signIn(client, account.login, account.password)).status).toBe(201);
    expect((await signIn(client, '12345', 'whatever-1')).body.message).toBe('неверный ИИН');
  });

  it('keeps sessions on the server: they end at sign-out, at their expiry and at a password change, and open only portal routes', async () => {
    const account = await registerTemporary(client, mailpit, nextPerson());
    const first = (await signIn(client, account.login, account.password)).body.token as string;
    const second = (await signIn(client, account.login, account.password)).body.token as string;
    expect((await client.call('DELETE', '/api/v1/portal/sessions/current', { token: first })).status).toBe(204);
    const after = await me(first);
    expect(after.status).toBe(401);
    expect(after.body.message).toBe('the portal session has ended or was revoked; sign in again');
    expect((await me(second)).status).toBe(200);
    expect((await client.call('GET', '/api/v1/staff/me', { token: second })).status).toBe(403);
    expect((await client.call('GET', '/api/v1/portal/me')).status).toBe(401);

    const wrongCurrent = await client.call('PUT', '/api/v1/portal/me/password', { token: second, body: { currentPassword: 'NotThePassword1', newPassword: 'NewPassword2026', newPasswordConfirmation: 'NewPassword2026' } });
    expect(wrongCurrent.status).toBe(422);
    const changed = await client.call('PUT', '/api/v1/portal/me/password', { token: second, body: { currentPassword: account.password, newPassword: 'NewPassword2026', newPasswordConfirmation: 'NewPassword2026' } });
    expect(changed.status).toBe(204);
    expect((await me(second)).status).toBe(401);
    expect((await signIn(client, account.login, account.password)).status).toBe(401);
    const third = await signIn(client, account.login, 'NewPassword2026');
    expect(third.status).toBe(201);

    const sessionId = (third.body.token as string).split('.')[1];
    await db.query('UPDATE auth_sessions SET expires_at = NOW(3) - INTERVAL 1 SECOND WHERE id = ?', [sessionId]);
    expect((await me(third.body.token)).status).toBe(401);
  });

  it('«Забыли пароль» by e-mail: on a match a new password goes to the registered e-mail, never to the page, and the old one and its sessions stop working', async () => {
    const account = await registerTemporary(client, mailpit, nextPerson());
    const session = (await signIn(client, account.login, account.password)).body.token as string;
    const document = validDocument(account.person);
    const recover = (body: Record<string, unknown>) => client.call('POST', '/api/v1/portal/password-recovery/email', { body: { subjectType: 'individual', ...body } });

    const mismatch = await recover({ iin: account.login, documentNumber: document.number, documentIssueDate: '2000-01-01' });
    expect(mismatch.status).toBe(422);
    const stranger = nextPerson();
    const unknown = await recover({ iin: stranger.iin, documentNumber: validDocument(stranger).number, documentIssueDate: validDocument(stranger).issueDate });
    expect(unknown.body.message).toBe(mismatch.body.message);

    const recovered = await recover({ iin: account.login, documentNumber: document.number, documentIssueDate: document.issueDate });
    expect(recovered.status).toBe(202);
    expect(recovered.body).toEqual({ message: 'Новый пароль отправлен электронной почтой по адресу, указанному при регистрации' });
    const mail = await mailpit.messageTo(account.email, (m) => m.Subject === 'Новый пароль для входа на портал');
    const newPassword = /Новый пароль: (\S+)/.exec(mail.Text)![1];
    expect(newPassword.length).toBeGreaterThanOrEqual(8);
    expect(newPassword.length).toBeLessThanOrEqual(30);
    expect(JSON.stringify(recovered.body)).not.toContain(newPassword);
    expect((await me(session)).status).toBe(401);
    expect((await signIn(client, account.login, account.password)).status).toBe(401);
    expect((await signIn(client, account.login, newPassword)).status).toBe(201);
  });

  it('«Забыли пароль» by e-mail for a legal entity: БИН and the registration certificate number from ГБД ЮЛ', async () => {
    // Legal entities register with a signature (not built here): the account is put in as that registration would leave it.
    const entity = (await client.legalEntities()).find((e) => e.state === 'active' && e.bin === '070340001239') as unknown as { bin: string; registrationNumber: string };
    const email = `office.${Date.now()}@saryarka.kz`;
    await db.query(
      "INSERT INTO portal_accounts (id, subject_type, login, email, language, password_hash, rights, created_at, updated_at) VALUES (UUID(), 'legal_entity', ?, ?, 'ru', ?, 'full', NOW(3), NOW(3))",
      [entity.bin, email, await passwordHashing.hash('EntityPassword1')],
    );
    const recover = (registrationNumber: string) =>
      client.call('POST', '/api/v1/portal/password-recovery/email', { body: { subjectType: 'legal_entity', bin: entity.bin, registrationNumber } });
    expect((await recover('00000-0000-ТОО')).status).toBe(422);
    const recovered = await recover(entity.registrationNumber);
    expect(recovered.body.message).toBe('Новый пароль отправлен электронной почтой по адресу, указанному при регистрации');
    const newPassword = /Новый пароль: (\S+)/.exec((await mailpit.nthMessageTo(email, 1)).Text)![1];
    expect((await signIn(client, entity.bin, newPassword)).body.account).toMatchObject({ subjectType: 'legal_entity', rights: 'full' });
  });

  it('lists the person\'s applications in «История получения услуг»; with temporary rights no «Номер запроса», and «Проверка услуг» is closed', async () => {
    const account = await registerTemporary(client, mailpit, nextPerson());
    const started = await client.start(account.login);
    expect(started.status).toBe(201);
    const token = (await signIn(client, account.login, account.password)).body.token as string;
    const history = await client.call('GET', '/api/v1/portal/me/services', { token });
    expect(history.status).toBe(200);
    expect(history.body).toMatchObject({ rights: 'temporary', requestNumberShown: false });
    expect(history.body.items).toHaveLength(1);
    const [item] = history.body.items;
    expect(Object.keys(item).sort()).toEqual(['date', 'service', 'status', 'statusTitle']);
    expect(item).toMatchObject({ service: 'Получить ЭЦП удаленно', status: expect.stringMatching(/^(checking_phone|otp_sent)$/) });
    const check = await client.call('GET', `/api/v1/portal/me/services/${started.body.applicationId}`, { token });
    expect(check.status).toBe(403);
    expect(check.body.message).toBe('Сервис недоступен пользователю с временными правами. Для получения полных прав авторизуйтесь при помощи ЭЦП');

    // Full rights (a signature sign-in; not built here): the number shows, and the check opens.
    await db.query("UPDATE portal_accounts SET rights = 'full' WHERE login = ?", [account.login]);
    const full = await client.call('GET', '/api/v1/portal/me/services', { token });
    expect(full.body.items[0].requestNumber).toBe(started.body.applicationId);
    const opened = await client.call('GET', `/api/v1/portal/me/services/${started.body.applicationId}`, { token });
    expect(opened.status).toBe(200);
    expect(opened.body.history.map((h: { status: string }) => h.status)).toContain('checking_phone');
    expect((await client.call('GET', '/api/v1/portal/me/services/00000000-0000-0000-0000-000000000000', { token })).status).toBe(404);
  });

  it('registers with a signature: the ИИН from the certificate, the certificate\'s data on the page, full rights after the e-mail link', async () => {
    const person = nextPerson();
    const email = freshEmail(person);
    const pair = await certificatesFor(person, { email });
    const signed = await signedChallenge(client, 'registration', pair.auth);
    const registration = { ...signed, password: 'Signature2026', passwordConfirmation: 'Signature2026', email };
    const answer = await client.call('POST', '/api/v1/portal/registrations/signed', { body: registration });
    expect(answer.status).toBe(202);
    expect(answer.body.message).toBe(`Для подтверждения регистрации пройдите по ссылке, высланной на Вашу электронную почту – ${email}`);
    expect(answer.body.certificate).toMatchObject({ iin: person.iin, bin: null, email, validFrom: pair.auth.certificate.notBefore.toISOString(), validTo: pair.auth.certificate.notAfter.toISOString() });
    expect(answer.body.certificate.fullName.toUpperCase()).toContain(person.surname.toUpperCase());
    // The challenge is used once.
    const replayed = await client.call('POST', '/api/v1/portal/registrations/signed', { body: registration });
    expect(replayed.status).toBe(401);
    expect(replayed.body.message).toBe('Вызов для входа неизвестен, уже использован или истёк: запросите новый / the challenge is unknown, used or expired; ask for a new one');

    const activated = await activate(client, linkToken((await mailpit.nthMessageTo(email, 1)).Text));
    expect(activated.status).toBe(201);
    expect(activated.body).toEqual({
      message: 'Поздравляем, Вы успешно зарегистрировались на веб-Портале "Электронного Правительства" Республики Казахстан. Предлагаем пройти на страницу авторизации',
      login: person.iin,
      rights: 'full',
    });
    const session = await signIn(client, person.iin, 'Signature2026');
    expect(session.body.account).toMatchObject({ rights: 'full', subjectType: 'individual' });
    const profile = await me(session.body.token);
    expect(profile.body.rights).toBe('full');
    expect(profile.body.life).toBeUndefined();
  });

  it('registers a legal entity with its first head\'s certificate: the БИН from the certificate is the login', async () => {
    const entities = (await client.legalEntities()) as unknown as Array<{ bin: string; name: string; state: string; firstHeadIin: string }>;
    const entity = entities.find((e) => e.state === 'active' && !['120440900015', '070340001239'].includes(e.bin) && people.some((p) => p.iin === e.firstHeadIin && p.lifeStatus === 1 && p.exclusionCode === null))!;
    const head = people.find((p) => p.iin === entity.firstHeadIin)!;
    const pair = await certificatesFor(head, { legalEntity: { bin: entity.bin, name: entity.name } });
    const email = `office.${entity.bin}@company.kz`;
    const answer = await client.call('POST', '/api/v1/portal/registrations/signed', {
      body: { ...(await signedChallenge(client, 'registration', pair.auth)), password: 'Company2026x', passwordConfirmation: 'Company2026x', email },
    });
    expect(answer.status).toBe(202);
    expect(answer.body.certificate).toMatchObject({ iin: head.iin, bin: entity.bin, organizationName: entity.name });
    const mail = await mailpit.nthMessageTo(email, 1);
    expect(mail.Text).toContain(`Ваш ИИН/БИН ${entity.bin}.`);
    expect((await activate(client, linkToken(mail.Text))).body.rights).toBe('full');
    expect((await signIn(client, entity.bin, 'Company2026x')).body.account).toMatchObject({ login: entity.bin, subjectType: 'legal_entity', rights: 'full' });
  });

  it('raises a temporary account to full rights at a sign-in with a signature and ends its clock; a SIGN certificate, a used challenge and a revoked certificate are refused', async () => {
    const account = await registerTemporary(client, mailpit, nextPerson());
    const [{ id: accountId }] = await rows<{ id: string }>('SELECT id FROM portal_accounts WHERE login = ?', [account.login]);
    const pair = await certificatesFor(account.person);

    const withSign = await signatureSignIn(await signedChallenge(client, 'sign_in', pair.sign));
    expect(withSign.status).toBe(403);
    expect(withSign.body.message).toBe('Подпишите сертификатом AUTH (аутентификации), не SIGN / sign with your AUTH certificate');
    // A registration's challenge does not open a session.
    expect((await signatureSignIn(await signedChallenge(client, 'registration', pair.auth))).status).toBe(401);

    const body = await signedChallenge(client, 'sign_in', pair.auth);
    const session = await signatureSignIn(body);
    expect(session.status).toBe(201);
    expect(session.body).toMatchObject({ account: { login: account.login, rights: 'full', email: account.email }, emailRequired: false, certificate: { iin: account.login } });
    expect((await signatureSignIn(body)).status).toBe(401);
    expect((await rows<{ rights: string }>('SELECT rights FROM portal_accounts WHERE id = ?', [accountId]))[0].rights).toBe('full');
    expect(await journal(account.login, 'portal.rights_raised')).toHaveLength(1);
    const deadline = Date.now() + 10_000;
    while (workflowStatus(`portal-account-${accountId}`) !== 'WORKFLOW_EXECUTION_STATUS_COMPLETED' && Date.now() < deadline) await sleep(300);
    expect(workflowStatus(`portal-account-${accountId}`)).toBe('WORKFLOW_EXECUTION_STATUS_COMPLETED');
    await recordHistory(`portal-account-${accountId}`, 'portal-account-full-rights');
    const services = await client.call('GET', '/api/v1/portal/me/services', { token: session.body.token });
    expect(services.body.requestNumberShown).toBe(true);

    await (await stackPki()).revoke(pair.auth.certificate.serial);
    const revoked = await signatureSignIn(await signedChallenge(client, 'sign_in', pair.auth));
    expect(revoked.status).toBe(403);
    expect(revoked.body.message).toBe('Сертификат отозван: им нельзя войти или подписать / the certificate is revoked');
  });

  it('makes an account with full rights at a first sign-in with a signature and asks for the e-mail: «Сохранить»', async () => {
    const person = nextPerson();
    const pair = await certificatesFor(person);
    const session = await signatureSignIn(await signedChallenge(client, 'sign_in', pair.auth));
    expect(session.status).toBe(201);
    expect(session.body).toMatchObject({ account: { login: person.iin, rights: 'full', email: null }, emailRequired: true });
    const email = freshEmail(person);
    const saved = await client.call('PUT', '/api/v1/portal/me/email', { token: session.body.token, body: { email } });
    expect(saved.status).toBe(200);
    expect((await me(session.body.token)).body.email).toBe(email);
    // No password yet: the password sign-in answers as for anyone.
    expect((await signIn(client, person.iin, 'AnyPassword1')).body.message).toBe('Ошибка авторизации: введен неверный логин или пароль');
  });

  it('«Смена пароля по ЭЦП»: after a sign-in with the certificate, the e-mail (pre-filled) and a new password, without the old one', async () => {
    const account = await registerTemporary(client, mailpit, nextPerson());
    const byPassword = (await signIn(client, account.login, account.password)).body.token as string;
    expect((await client.call('PUT', '/api/v1/portal/me/password', { token: byPassword, body: { newPassword: 'Changed2026', newPasswordConfirmation: 'Changed2026' } })).status).toBe(422);
    const moved = await client.call('PUT', '/api/v1/portal/me/email', { token: byPassword, body: { email: 'someone.else@mail.kz' } });
    expect(moved.status).toBe(403);
    expect(moved.body.message).toBe('Электронный адрес можно изменить после входа по ЭЦП');

    const pair = await certificatesFor(account.person);
    const session = await signatureSignIn(await signedChallenge(client, 'sign_in', pair.auth));
    expect(session.body.account.email).toBe(account.email);
    const email = freshEmail(account.person);
    const changed = await client.call('PUT', '/api/v1/portal/me/password', { token: session.body.token, body: { email, newPassword: 'Changed2026', newPasswordConfirmation: 'Changed2026' } });
    expect(changed.status).toBe(204);
    expect((await me(session.body.token)).status).toBe(401);
    expect((await me(byPassword)).status).toBe(401);
    expect((await signIn(client, account.login, account.password)).status).toBe(401);
    const fresh = await signIn(client, account.login, 'Changed2026');
    expect(fresh.body.account).toMatchObject({ email, rights: 'full' });
  });

  it('sends the notice after the (shortened) 2 months without a sign-in, starts the clock again at a sign-in, and deletes the account a (shortened) month after the notice', async () => {
    const account = await registerTemporary(client, mailpit, nextPerson());
    const [{ id: accountId }] = await rows<{ id: string }>('SELECT id FROM portal_accounts WHERE login = ?', [account.login]);
    const isNotice = (m: { Subject: string }) => m.Subject === 'Уведомление об автоматическом удалении учетной записи';
    const notice = await mailpit.messageTo(account.email, isNotice, 25_000);
    expect(notice.Text).toContain('Уважаемый Пользователь, уведомляем, что по истечению ');
    expect(notice.Text).toContain(
      `учетная запись на портале «электронного правительства» будет автоматически удалена. Для продления срока действия учетной записи просим пройти по ссылке ${client.apiUrl}/portal/sign-in и авторизоваться на Портале.\n\n` +
        'Для получения полного доступа можете подтвердить Вашу личность посредством авторизаций при помощи электронной цифровой подписи (ЭЦП) либо получить одну из электронных услуг с обязательным подписанием ЭЦП',
    );

    // A sign-in after the notice keeps the account: the next thing due is another notice.
    const session = await signIn(client, account.login, account.password);
    const signedInAt = Date.now();
    expect((await me(session.body.token)).body.life).toMatchObject({ phase: 'temporary' });
    const notices = async () => (await mailpit.messagesTo(account.email)).filter(isNotice).length;
    const noticeDeadline = Date.now() + 25_000;
    while ((await notices()) < 2 && Date.now() < noticeDeadline) await sleep(300);
    expect(await notices()).toBe(2);
    expect(Date.now() - signedInAt).toBeGreaterThan(9_000);
    expect(await rows('SELECT id FROM portal_accounts WHERE id = ?', [accountId])).toHaveLength(1);

    // No sign-in after that notice: the account goes, with its sessions, and the IIN is free again.
    const deadline = Date.now() + 25_000;
    while ((await rows('SELECT id FROM portal_accounts WHERE id = ?', [accountId])).length > 0 && Date.now() < deadline) await sleep(500);
    expect(await rows('SELECT id FROM portal_accounts WHERE id = ?', [accountId])).toHaveLength(0);
    expect(await rows("SELECT id FROM auth_sessions WHERE kind = 'citizen' AND subject_id = ?", [accountId])).toHaveLength(0);
    expect(await journal(account.login, 'portal.account_deleted')).toEqual(['temporary_account_unused']);
    const gone = await signIn(client, account.login, account.password);
    expect(gone.body.message).toBe('Ошибка авторизации: введен неверный логин или пароль');
    expect((await checkPerson(client, account.person)).status).toBe(200);
    await recordHistory(`portal-account-${accountId}`, 'portal-account-deleted');
  }, 120_000);
});
