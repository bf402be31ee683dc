import 'reflect-metadata';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as x509 from '@peculiar/x509';
import type { Browser, Page } from 'playwright-core';
import { Pkcs12Builder } from '@app/pki';
import { certificatesFor, closeStackPki, type HeldCertificate } from '../integration/support/certificates';
import { OnboardingClient, type SeededPersonView } from '../integration/support/onboarding-client';
import { Mailpit, activationLink, freshEmail, portalPeople, validDocument } from '../integration/support/portal';
import { launchChromium, screenshot, seriousViolations } from './support/browser';

jest.setTimeout(600_000);

const CONTAINER_PASSWORD = 'Portal2026key';

/** Seeds 000/001 in Chromium: the portal's registration, its e-mailed link, sign-in and password recovery. */
describe('Portal accounts in Chromium', () => {
  const client = new OnboardingClient();
  const mailpit = new Mailpit();
  let browser: Browser;
  let nextPerson: () => SeededPersonView;
  const audits: Record<string, unknown[]> = {};
  async function screen(page: Page, name: string) {
    await screenshot(page, name);
    audits[name] = await seriousViolations(page);
  }
  const newPage = async (locale: 'ru' | 'kk') => {
    const context = await browser.newContext({ viewport: { width: 1000, height: 900 }, locale: locale === 'ru' ? 'ru-RU' : 'kk-KZ' });
    const page = await context.newPage();
    // The language switch stays for the page's origin; start each page in the language asked for.
    await page.goto(client.apiUrl + '/portal');
    await page.getByRole('button', { name: locale === 'ru' ? 'Русский' : 'Қазақша' }).click();
    return page;
  };

  /** The temporary account the first test registers, for the recovery test. */
  let temporary: { person: SeededPersonView; email: string; password: string } | undefined;

  beforeAll(async () => {
    nextPerson = await portalPeople(client, 150);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await closeStackPki();
  });

  it('registers without a signature through the five steps, activates by the link read from Mailpit (once), and signs in with temporary rights', async () => {
    const person = nextPerson();
    const email = freshEmail(person);
    const password = 'Kazakhstan2026';
    const page = await newPage('ru');
    await page.goto(client.apiUrl + '/portal/registration');
    await page.getByText('СОГЛАШЕНИЕ о правах использования веб-портала «электронного правительства»').waitFor();
    await screen(page, 'p01-agreement');
    const register = page.getByRole('button', { name: 'Регистрация' });
    expect(await register.isDisabled()).toBe(true);
    await page.getByLabel('Я ознакомился и принимаю условия настоящего Соглашения').check();
    await register.click();

    await page.getByRole('heading', { name: 'Регистрация Гражданина РК' }).waitFor();
    const bar = await page.getByRole('list', { name: 'Шаги регистрации' }).innerText();
    expect(bar.replace(/\s+/g, ' ')).toBe('Шаг 1 Выбор вида регистрации Шаг 2 Регистрация Шаг 3 Подписание Шаг 4 Результат Шаг 5 Подтверждение');
    expect(await page.locator('.step-bar [aria-current="step"]').innerText()).toContain('Выбор вида регистрации');
    // The check digit is checked as the IIN is typed.
    const wrongDigit = person.iin.slice(0, 11) + String((Number(person.iin[11]) + 1) % 10);
    await page.getByLabel('ИИН*').fill(wrongDigit);
    await page.getByText('неверный ИИН').waitFor();
    await page.getByLabel('ИИН*').fill(person.iin);
    await page.getByLabel('Номер документа*').fill(validDocument(person).number);
    await page.getByLabel('Дата рождения*').fill(person.birthDate);
    await page.getByText('Данный вид регистрации предоставляет Вам временные права на пользование профилем.', { exact: false }).waitFor();
    await page.getByLabel('Ознакомился и принимаю условия настоящей Регистрации').check();
    await screen(page, 'p02-person-check');
    await page.getByRole('button', { name: 'Найти' }).click();

    await page.getByLabel('Создать пароль*').waitFor();
    expect(await page.locator('.step-bar [aria-current="step"]').innerText()).toContain('Регистрация');
    expect(await page.locator('.facts').innerText()).toContain(person.iin);
    await page.getByText('Не рекомендуется указывать адрес электронной почты, являющийся корпоративным', { exact: false }).waitFor();
    await page.getByLabel('Создать пароль*').fill('Short1');
    await page.getByRole('alert').filter({ hasText: 'Длина пароля должна быть не менее 8 и не более 30 символов' }).waitFor();
    await page.getByLabel('Создать пароль*').fill(password);
    await page.getByLabel('Подтверждение пароля*').fill(`${password}!`);
    await page.getByText('Пароль и подтверждение пароля не совпадают').waitFor();
    await page.getByLabel('Подтверждение пароля*').fill(password);
    await page.getByLabel('E-mail*').fill(email);
    await screen(page, 'p03-password');
    await page.getByRole('button', { name: 'Далее' }).click();
    await page.getByText(`Для подтверждения регистрации пройдите по ссылке, высланной на Вашу электронную почту – ${email}`).waitFor();
    expect(await page.locator('.step-bar [aria-current="step"]').innerText()).toContain('Результат');
    await screen(page, 'p04-link-sent');

    const link = activationLink((await mailpit.nthMessageTo(email, 1)).Text);
    expect(link.startsWith(`${client.apiUrl}/portal/registration/confirm?token=`)).toBe(true);
    await page.goto(link);
    await page
      .getByText('Поздравляем, Вы успешно зарегистрировались на веб-Портале «электронного правительства» Республики Казахстан с временными правами.', { exact: false })
      .waitFor();
    expect(await page.locator('.step-bar [aria-current="step"]').innerText()).toContain('Подтверждение');
    await screen(page, 'p05-activated');
    await page.reload();
    await page.getByText('Ссылка недействительна: она уже была использована или не выдавалась').waitFor();

    await page.goto(client.apiUrl + '/portal');
    await page.getByLabel('ИИН/БИН').fill(person.iin);
    await page.getByLabel('Пароль', { exact: true }).fill('Wrong-password-1');
    await page.getByRole('button', { name: 'Войти', exact: true }).click();
    await page.getByText('Ошибка авторизации: введен неверный логин или пароль').waitFor();
    await screen(page, 'p06-sign-in-failed');
    await page.getByLabel('Пароль', { exact: true }).fill(password);
    await page.getByRole('button', { name: 'Войти', exact: true }).click();
    await page.getByRole('heading', { name: 'Личный кабинет' }).waitFor();
    expect(await page.getByRole('status').first().innerText()).toContain(`Вы вошли как ${person.iin} · временные права`);
    await page.getByRole('heading', { name: 'История получения услуг' }).waitFor();
    await page.getByText('Сервис недоступен пользователю с временными правами. Для получения полных прав авторизуйтесь при помощи ЭЦП').waitFor();
    expect(await page.getByRole('columnheader', { name: 'Номер запроса' }).count()).toBe(0);
    await screen(page, 'p07-cabinet-temporary');
    await page.getByRole('button', { name: 'Выйти' }).click();
    await page.getByRole('heading', { name: 'Вход на портал «электронного правительства»' }).waitFor();

    // Registering the same IIN again: the seed's words, and the way to «Забыли пароль?».
    await page.goto(client.apiUrl + '/portal/registration');
    await page.getByLabel('Я ознакомился и принимаю условия настоящего Соглашения').check();
    await page.getByRole('button', { name: 'Регистрация' }).click();
    await page.getByLabel('ИИН*').fill(person.iin);
    await page.getByLabel('Номер документа*').fill(validDocument(person).number);
    await page.getByLabel('Дата рождения*').fill(person.birthDate);
    await page.getByLabel('Ознакомился и принимаю условия настоящей Регистрации').check();
    await page.getByRole('button', { name: 'Найти' }).click();
    await page.getByText('Пользователь с таким ИИН-ом уже зарегистрирован').waitFor();
    await page.getByRole('link', { name: 'Забыли пароль?' }).first().waitFor();
    temporary = { person, email, password };
    await page.context().close();
  });

  /** The AUTH certificate as the key agent saves it: a PKCS#12 file opened only in the browser. */
  function containerFile(held: HeldCertificate, dir: string): Promise<string> {
    const file = join(dir, `AUTH_RSA256_${held.certificate.serial}.p12`);
    return new Pkcs12Builder()
      .build({ privateKeyPkcs8: held.privateKeyPkcs8, certificate: Buffer.from(new x509.X509Certificate(held.certificate.pem).rawData), password: CONTAINER_PASSWORD, subjectType: 'individual' })
      .then((p12) => (writeFileSync(file, p12), file));
  }

  it('registers with a signature by a certificate of the project\'s CA (the container opened in the browser), then signs in with it: full rights', async () => {
    const person = nextPerson();
    const email = freshEmail(person);
    const pair = await certificatesFor(person);
    const auth = await containerFile(pair.auth, mkdtempSync(join(tmpdir(), 'portal-keys-')));
    const page = await newPage('ru');
    const sent: string[] = [];
    page.on('request', (r) => r.postData() && sent.push(r.postData()!));
    await page.goto(client.apiUrl + '/portal/registration');
    await page.getByLabel('Я ознакомился и принимаю условия настоящего Соглашения').check();
    await page.getByRole('button', { name: 'Регистрация' }).click();
    await page.getByLabel('Регистрация с электронной цифровой подписью').check();
    await page.getByLabel('Создать пароль*').fill('Signature2026');
    await page.getByLabel('Подтверждение пароля*').fill('Signature2026');
    await page.getByLabel('E-mail*').fill(email);
    await page.getByRole('button', { name: 'Далее' }).click();
    expect(await page.locator('.step-bar [aria-current="step"]').innerText()).toContain('Подписание');
    await page.getByLabel('Сертификат для входа (AUTH_RSA256_….p12)').setInputFiles(auth);
    await page.locator('#portal-auth-password').fill(CONTAINER_PASSWORD);
    const table = page.getByRole('table', { name: 'Данные сертификата' });
    await table.waitFor({ timeout: 30_000 });
    const shown = await table.innerText();
    expect(shown).toContain(person.iin);
    expect(shown).toContain(person.surname.toUpperCase());
    expect(shown).toContain('Срок действия');
    await screen(page, 'p08-signature-certificate');
    await page.getByRole('button', { name: 'Подписать' }).click();
    await page.getByText(`Для подтверждения регистрации пройдите по ссылке, высланной на Вашу электронную почту – ${email}`).waitFor({ timeout: 30_000 });

    await page.goto(activationLink((await mailpit.nthMessageTo(email, 1)).Text));
    await page.getByText('Поздравляем, Вы успешно зарегистрировались на веб-Портале "Электронного Правительства" Республики Казахстан. Предлагаем пройти на страницу авторизации').waitFor();
    await page.getByRole('link', { name: 'Перейти на страницу авторизации' }).click();

    await page.getByRole('button', { name: 'Войти по ЭЦП' }).click();
    await page.getByLabel('Сертификат для входа (AUTH_RSA256_….p12)').setInputFiles(auth);
    await page.locator('#portal-auth-password').fill(CONTAINER_PASSWORD);
    await page.getByRole('button', { name: 'Подписать' }).click();
    await page.getByRole('heading', { name: 'Личный кабинет' }).waitFor({ timeout: 30_000 });
    expect(await page.getByRole('status').first().innerText()).toContain(`Вы вошли как ${person.iin} · полные права`);
    await page.getByLabel('Номер запроса').waitFor();
    await screen(page, 'p09-cabinet-full');
    // The container and its password never left the page.
    const containerBytes = readFileSync(auth).toString('base64').slice(0, 64);
    expect(sent.filter((b) => b.includes(containerBytes) || b.includes(CONTAINER_PASSWORD))).toEqual([]);
    await page.context().close();
  });

  it('recovers a password by e-mail in Kazakh: a mismatch in the person\'s language, then the new password in the mailbox, never on the page', async () => {
    if (!temporary) throw new Error('the first test registers the account this one recovers');
    const { person, email, password } = temporary;
    const document = validDocument(person);
    const page = await newPage('kk');
    await page.goto(client.apiUrl + '/portal/password-recovery');
    await page.getByRole('heading', { name: 'Парольді өзгерту' }).waitFor();
    await page.getByRole('button', { name: 'Парольді е-мейл арқылы өзгерту' }).click();
    await page.getByLabel('ЖСН').fill(person.iin);
    await page.getByLabel('Құжат нөмірі').fill(document.number);
    await page.getByLabel('Берілген күні').fill('2000-01-01');
    await page.getByRole('button', { name: 'Жіберу' }).click();
    await page.getByText('Енгізілген деректер тіркелген пайдаланушының деректерімен сәйкес келмейді').waitFor();
    await screen(page, 'p10-recovery-mismatch-kk');
    await page.getByLabel('Берілген күні').fill(document.issueDate);
    await page.getByRole('button', { name: 'Жіберу' }).click();
    await page.getByText('Жаңа пароль тіркеу кезінде көрсетілген мекенжайға электрондық поштамен жіберілді').waitFor();
    await screen(page, 'p11-recovery-sent-kk');

    const mail = await mailpit.messageTo(email, (m) => /Новый пароль: |Жаңа құпиясөз: /.test(m.Text));
    const newPassword = /(?:Новый пароль|Жаңа құпиясөз): (\S+)/.exec(mail.Text)![1];
    expect(await page.content()).not.toContain(newPassword);
    await page.goto(client.apiUrl + '/portal');
    await page.getByLabel('ЖСН/БСН').fill(person.iin);
    await page.getByLabel('Пароль', { exact: true }).fill(password);
    await page.getByRole('button', { name: 'Кіру', exact: true }).click();
    await page.getByText('Авторизация қатесі: логин немесе пароль қате енгізілді').waitFor();
    await page.getByLabel('Пароль', { exact: true }).fill(newPassword);
    await page.getByRole('button', { name: 'Кіру', exact: true }).click();
    await page.getByRole('heading', { name: 'Жеке кабинет' }).waitFor();
    await screen(page, 'p12-cabinet-kk');
    await page.context().close();
  });

  it('has no serious accessibility violations on the portal\'s pages', () => {
    expect(Object.keys(audits).length).toBe(12);
    expect(Object.fromEntries(Object.entries(audits).filter(([, v]) => v.length > 0))).toEqual({});
  });
});
