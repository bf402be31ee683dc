import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Download, Page } from 'playwright-core';
import { OnboardingClient, type SeededPersonView } from '../integration/support/onboarding-client';
import { printedFields } from '../integration/support/whole-path';
import { generateDocumentForPerson } from '@app/documents';
import { facePath } from '@app/fixtures';
import { launchChromium, screenshot, seriousViolations, waitUntil } from './support/browser';
import { POSES_SHE_CAN_SHOW, installCamera } from './support/camera';

// Face models and OCR on a 2-core machine, through a real browser: minutes.
jest.setTimeout(900_000);

/** Оспанова Айгерим, woman A of the fixtures (her register photo is stock-emotions-a-1). */
const AIGERIM = '871218425862';
const PIN = '135790';
const KEY_FILE_PASSWORD = 'KeyFile2026pass';
const CONTAINER_PASSWORD = 'Aigerim2026x';

describe('The applicant’s pages in Chromium, with a camera that shows her', () => {
  const client = new OnboardingClient();
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let person: SeededPersonView;
  const work = mkdtempSync(join(tmpdir(), 'browser-applicant-'));
  const cspViolations: string[] = [];
  const sentBodies: string[] = [];
  const audits: Record<string, unknown[]> = {};

  /** Screenshot and axe audit of the screen as it is now. */
  async function screen(name: string) {
    await screenshot(page, name);
    audits[name] = await seriousViolations(page);
  }

  /** The newest SMS to her phone after `seen`, read as she would read it. */
  async function nextCode(seen: number): Promise<string> {
    for (let i = 0; i < 300; i++) {
      const messages = await client.messagesTo(person.bmgPhone!);
      if (messages.length > seen) return /\b(\d{5})\b/.exec(messages[0].body)![1];
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error('no SMS arrived');
  }
  const smsCount = async () => (await client.messagesTo(person.bmgPhone!)).length;

  beforeAll(async () => {
    person = (await client.people()).find((p) => p.iin === AIGERIM)!;
    browser = await launchChromium();
    context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1024, height: 900 }, locale: 'ru-RU' });
    await context.grantPermissions(['camera'], { origin: client.apiUrl });
    await installCamera(context);
    page = await context.newPage();
    page.on('console', (message) => {
      if (/Content[- ]Security[- ]Policy/i.test(message.text())) cspViolations.push(message.text());
    });
    page.on('request', (request) => {
      const body = request.postData();
      if (body) sentBodies.push(body);
    });
  });
  afterEach(async () => {
    // The screen each test ended on: where a failed step stopped.
    const name = expect.getState().currentTestName ?? 'test';
    if (page) await screenshot(page, `zz-end-of-${name.slice(-40).replace(/\W+/g, '-')}`).catch(() => undefined);
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('serves the pages from the API’s origin with a strict Content-Security-Policy and helmet’s headers', async () => {
    const response = await page.goto(client.apiUrl + '/');
    expect(response!.status()).toBe(200);
    const headers = response!.headers();
    const csp = headers['content-security-policy'];
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(headers['referrer-policy']).toBe('no-referrer');
    expect(headers['permissions-policy']).toContain('camera=(self)');
    // The app routes in the browser: a deep link gets the same page.
    expect((await fetch(`${client.apiUrl}/status/anything`, { headers: { accept: 'text/html' } })).status).toBe(200);
    // The API's own answers stay JSON.
    expect((await fetch(`${client.apiUrl}/api/v1/applications/nothing`)).status).toBe(401);
  });

  it('shows the start page in Kazakh, Russian and English, and keeps the chosen language', async () => {
    await page.getByRole('button', { name: 'Қазақша' }).click();
    await expect(page.getByRole('button', { name: 'Сұрау жіберу ›' }).isVisible()).resolves.toBe(true);
    expect(await page.getAttribute('html', 'lang')).toBe('kk');
    await screen('01-start-kk');
    await page.reload();
    await page.getByText('ЖСН енгізіңіз').waitFor();
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByText('Enter your IIN').waitFor();
    await screen('01-start-en');
    await page.getByRole('button', { name: 'Русский' }).click();
    await page.getByText('Веб-камера имеется').waitFor();
    await screen('01-start-ru');
    // A phone 360 px wide: nothing wider than the screen.
    await page.setViewportSize({ width: 360, height: 740 });
    await screen('01-start-ru-360px');
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(360);
    await page.setViewportSize({ width: 1024, height: 900 });
    // The check digit is checked as she types.
    await page.getByLabel('* Введите ИИН').fill('871218425863');
    await page.getByText('неверный ИИН').waitFor();
    await screen('02-start-invalid-iin');
  });

  it('takes her from the IIN to two PKCS#12 files the browser saved, which openssl opens', async () => {
    // STEP 1: the IIN, then the code with its countdown.
    let seen = await smsCount();
    await page.getByLabel('* Введите ИИН').fill(AIGERIM);
    await page.getByRole('button', { name: 'Отправить запрос ›' }).click();
    await page.getByText(/Остаток времени: \d+ секунд/).waitFor({ timeout: 30_000 });
    await page.getByText('Одноразовый пароль отправлен на номер телефона').waitFor();
    await screen('03-code');
    await page.getByLabel('* Введите одноразовый пароль').fill(await nextCode(seen));
    await page.getByRole('button', { name: 'ПРОВЕРИТЬ ОДНОРАЗОВЫЙ ПАРОЛЬ ›' }).click();

    // The checklist ticked, then the Digital ID page: the БМГ phone and the second code.
    const goOn = page.getByRole('button', { name: 'ПЕРЕЙТИ К ПОЛУЧЕНИЮ ЭЦП ›' });
    await goOn.waitFor({ timeout: 30_000 });
    for (const tick of ['Веб-камера имеется', 'Удалось подключиться к NCALayer', 'Пользователь зарегистрирован в базе мобильных граждан']) {
      expect(await page.locator('.tick.ok', { hasText: tick }).count()).toBe(1);
    }
    await screen('04-checklist');
    await goOn.click();
    await page.getByRole('heading', { name: 'Введите номер телефона' }).waitFor();
    seen = await smsCount();
    await page.getByLabel('Мобильный телефон').fill(person.bmgPhone!);
    await page.getByRole('button', { name: 'Продолжить ›' }).click();
    await page.getByText(/Повторная отправка через 0[01]:\d\d/).waitFor({ timeout: 30_000 });
    await screen('05-digital-id-code');
    await page.getByLabel('* Код из СМС').fill(await nextCode(seen));
    await page.getByRole('button', { name: 'Подтвердить ›' }).click();

    // Селфи from the camera.
    await page.getByRole('heading', { name: 'Создать Digital ID' }).waitFor({ timeout: 30_000 });
    await page.getByText('Расположите лицо в центре области экрана и нажмите на иконку фотоснимка').waitFor();
    const shutter = page.getByRole('button', { name: 'Сделать снимок' });
    await expect(shutter.isEnabled({ timeout: 10_000 })).resolves.toBe(true);
    await waitUntil(page, "(document.querySelector('video')?.videoWidth ?? 0) > 0");
    await screen('06-selfie-camera');
    // She steps away before the shot: the server's problem is shown in words, and she tries again.
    await page.evaluate("window.__cameraShows = 'nobody'");
    await page.waitForTimeout(200);
    await shutter.click();
    await page.getByRole('button', { name: 'Отправить' }).click();
    await page.getByText('Лицо не найдено. Посмотрите в камеру так, чтобы лицо было видно целиком.').waitFor({ timeout: 180_000 });
    await screen('06b-selfie-problem');
    await page.evaluate("window.__cameraShows = 'her'");
    await page.waitForTimeout(200);
    await shutter.click();
    await page.getByRole('button', { name: 'Попробовать еще раз' }).waitFor();
    await screen('07-selfie-preview');
    await page.getByRole('button', { name: 'Отправить' }).click();
    await page.getByRole('button', { name: 'Продолжить' }).waitFor({ timeout: 180_000 });
    await page.getByRole('button', { name: 'Продолжить' }).click();

    // Video identification: each instruction on screen; she follows it while the frame is taken.
    await page.getByRole('heading', { name: 'Видеоидентификация' }).waitFor({ timeout: 30_000 });
    await page.getByRole('button', { name: 'Начать' }).click();
    for (let i = 0; i < 20; i++) {
      await page.locator('[data-planned]').first().waitFor();
      const planned = await Promise.all((await page.locator('[data-planned]').all()).map((li) => li.getAttribute('data-planned')));
      if (planned.every((c) => POSES_SHE_CAN_SHOW.includes(c!))) break;
      // She cannot blink on a photo: she asks for another session, as a person would press «Начать» again.
      const restarted = page.waitForResponse((r) => r.url().endsWith('/video-identification') && r.request().method() === 'POST');
      await page.getByRole('button', { name: 'Начать заново' }).click();
      await restarted;
    }
    await screen('08-video-planned');
    await page.getByRole('button', { name: 'Я готов(а)' }).click();
    await page.locator('[data-challenge]:not([data-challenge="frontal"])').first().waitFor({ timeout: 30_000 });
    await screen('09-video-instruction');

    // PIN twice.
    await page.getByRole('heading', { name: 'Задайте PIN-код' }).waitFor({ timeout: 240_000 });
    await screen('10-pin');
    await page.getByLabel('PIN-код (6 цифр)').fill(PIN);
    await page.getByLabel('Повторите PIN-код').fill(PIN);
    await page.getByRole('button', { name: 'Задать PIN-код' }).click();

    // The document, both sides as photos she uploads.
    await page.getByText('Выберите один из документов, загрузите файл в JPEG или сделайте фотографию').waitFor({ timeout: 30_000 });
    const card = await generateDocumentForPerson(person, { document: person.documents.find((d) => d.type === 'id_card')!, portraitPath: facePath('stock-emotions-a-5'), layout: 'kz-id' });
    writeFileSync(join(work, 'front.jpg'), card.front);
    writeFileSync(join(work, 'back.jpg'), card.back!);
    await page.getByLabel('Лицевая сторона').setInputFiles(join(work, 'front.jpg'));
    await page.getByLabel('Обратная сторона').setInputFiles(join(work, 'back.jpg'));
    await screen('11-document');
    await page.getByRole('button', { name: 'Отправить' }).click();

    // The recognised fields: she checks, corrects what OCR misread, and confirms.
    await page.getByRole('heading', { name: 'Подтвердить документ' }).waitFor({ timeout: 240_000 });
    expect(await page.getByLabel(/^ИИН/).inputValue()).toBe(AIGERIM);
    await screen('12-confirm-document');
    const labels: Record<string, RegExp> = {
      documentNumber: /^Номер документа/,
      iin: /^ИИН/,
      surname: /^Фамилия/,
      givenName: /^Имя/,
      patronymic: /^Отчество/,
      birthDate: /^Дата рождения/,
      birthPlace: /^Место рождения/,
      nationality: /^Национальность/,
      issuingAuthority: /^Орган выдачи/,
      issueDate: /^Дата выдачи/,
      expiryDate: /^Срок действия/,
    };
    for (const [field, value] of Object.entries(printedFields(card))) await page.getByLabel(labels[field]).fill(value);
    await page.getByLabel('Подтверждаю, что данные достоверны').check();
    await page.getByRole('button', { name: 'Отправить' }).click();

    await page.getByText('Документ привязан к аккаунту').waitFor({ timeout: 240_000 });
    await screen('13-document-linked');
    await page.getByRole('button', { name: 'В личный кабинет' }).click();

    // Consent with the PIN.
    await page.getByText('Предоставьте доступ к Вашим сведениям и удостоверению личности для передачи в сервис Национального удостоверяющего центра и введите PIN-код').waitFor();
    await screen('14-consent');
    await page.getByLabel('Даю согласие на передачу сведений в Национальный удостоверяющий центр').check();
    await page.getByLabel('PIN-код').fill(PIN);
    await page.getByRole('button', { name: 'Предоставить доступ' }).click();

    // НУЦ: the agreement, the form, the keys made in the browser and saved to her key file.
    await page.getByRole('button', { name: 'Подтвердить' }).waitFor({ timeout: 30_000 });
    await screen('15-nuc-agreement');
    await page.getByRole('button', { name: 'Подтвердить' }).click();
    await page.getByLabel('Электронная почта').fill('aigerim@example.kz');
    await page.getByLabel('Область *').fill('Павлодарская область');
    await page.getByLabel('Населённый пункт *').fill('г. Павлодар');
    await page.getByLabel('Пароль файла ключей', { exact: true }).fill(KEY_FILE_PASSWORD);
    await page.getByLabel('Повторите пароль файла ключей').fill(KEY_FILE_PASSWORD);
    await screen('16-nuc-form');
    const keyFileDownload = page.waitForEvent('download', { timeout: 60_000 });
    await page.getByRole('button', { name: 'Подать заявку' }).click();
    const keyFile = join(work, (await keyFileDownload).suggestedFilename());
    await (await keyFileDownload).saveAs(keyFile);
    expect(keyFile).toMatch(/nuc-keys-.*\.json$/);

    await page.getByRole('heading', { name: 'ЗАЯВКА УСПЕШНО СФОРМИРОВАНА!' }).waitFor({ timeout: 60_000 });
    const number = /Вашей заявке присвоен номер: (\d{14})/.exec(await page.locator('.number').innerText())![1];
    await screen('17-nuc-created');

    // The timeline moves to «issued» and the installation form opens.
    await page.getByRole('heading', { name: 'Установка регистрационных свидетельств' }).waitFor({ timeout: 120_000 });
    await page.getByRole('cell', { name: 'Выпущены регистрационные свидетельства (сертификаты) по заявке' }).waitFor();
    expect(await page.getByRole('cell', { name: 'Новая заявка' }).count()).toBe(1);
    await screen('18-nuc-status-issued');

    await page.getByLabel('Файл ключей').setInputFiles(keyFile);
    await page.getByLabel('Пароль файла ключей').fill(KEY_FILE_PASSWORD);
    // The seed's rule, checked as she types.
    await page.getByLabel('Пароль на ключи ЭЦП').fill('aigerim2026');
    await page.locator('#p12-rule.field-error').waitFor();
    await page.getByText('Пароль восстановлению не подлежит!', { exact: false }).waitFor();
    await screen('19-install-weak-password');
    await page.getByLabel('Пароль на ключи ЭЦП').fill(CONTAINER_PASSWORD);
    await page.locator('#p12-rule.hint').waitFor();
    await page.getByLabel('Повторите пароль').fill(CONTAINER_PASSWORD);
    const downloads: Download[] = [];
    page.on('download', (d) => downloads.push(d));
    await page.getByRole('button', { name: 'Загрузить сертификаты' }).click();
    await page.getByRole('heading', { name: 'Сертификаты установлены' }).waitFor({ timeout: 60_000 });
    await screen('20-installed');

    const names = downloads.map((d) => d.suggestedFilename()).sort();
    expect(names).toEqual([expect.stringMatching(/^AUTH_RSA256_[0-9a-f]+\.p12$/), expect.stringMatching(/^RSA256_[0-9a-f]+\.p12$/)]);
    for (const download of downloads) {
      const file = join(work, download.suggestedFilename());
      await download.saveAs(file);
      const pem = execFileSync('openssl', ['pkcs12', '-in', file, '-passin', `pass:${CONTAINER_PASSWORD}`, '-nodes'], { encoding: 'utf8' });
      expect(pem).toContain('-----BEGIN PRIVATE KEY-----');
      const subject = execFileSync('openssl', ['x509', '-noout', '-subject', '-nameopt', 'oneline,-esc_msb'], { input: pem, encoding: 'utf8' });
      expect(subject).toContain(`serialNumber = IIN${AIGERIM}`);
      expect(() => execFileSync('openssl', ['pkcs12', '-in', file, '-passin', 'pass:wrong', '-nodes'], { stdio: 'pipe' })).toThrow();
    }
    const nuc = await client.call('GET', `/api/v1/nuc/applications/${number}`);
    expect(nuc.body.statusTitle).toBe('Сертификаты установлены');
    // Only the requests left the page: no private key in anything it sent.
    expect(sentBodies.filter((b) => /PRIVATE KEY|"sealed"|"pkcs8"/.test(b))).toEqual([]);
    expect(sentBodies.some((b) => b.includes('BEGIN CERTIFICATE REQUEST'))).toBe(true);
  });

  it('has no serious accessibility violations on any screen it visited, and broke no CSP rule', () => {
    expect(Object.keys(audits).length).toBeGreaterThanOrEqual(21);
    expect(Object.fromEntries(Object.entries(audits).filter(([, v]) => v.length > 0))).toEqual({});
    expect(cspViolations).toEqual([]);
  });
});
