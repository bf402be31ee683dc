import 'reflect-metadata';
import { execFileSync } from 'node:child_process';
import { createPrivateKey, randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as x509 from '@peculiar/x509';
import type { Browser, Download, Page } from 'playwright-core';
import type { DataSource } from 'typeorm';
import { createDataSource } from '@app/models';
import { Pkcs12Builder, createPki, generateKeys } from '@app/pki';
import { readStack } from '../integration/support/it-stack';
import { OnboardingClient, type SeededPersonView } from '../integration/support/onboarding-client';
import { Applicant, CONTAINER_PASSWORD, WOMAN_A, WOMAN_B, printedFields, type StartChoice } from '../integration/support/whole-path';
import { launchChromium, screenshot, seriousViolations } from './support/browser';

jest.setTimeout(900_000);

const BIN = '120440900015'; // ТОО «Байтерек Консалтинг»: first head Оспанова, employee Смагулова
const AIGERIM = '871218425862';
const MOLDIR = '970303486292';
const AS_FIRST_HEAD: StartChoice = { subjectType: 'legal_entity', bin: BIN, template: 'legal_entity_first_head' };
const AS_EMPLOYEE: StartChoice = { subjectType: 'legal_entity', bin: BIN, template: 'legal_entity_employee' };
const OTHER_BIN = '070340001239'; // ТОО «Сарыарка Инжиниринг»
const OTHER_HEAD = '950408300015'; // Жумабеков Арман, its first head
const KEY_FILE_PASSWORD = 'KeyFile2026moldir';
/** Lower-case letters, digits and «#»: the legal-entity rule allows it, the individual's (upper and lower case) would not. */
const LEGAL_ENTITY_PASSWORD = 'moldir#2026';

describe('The first-head cabinet in Chromium', () => {
  const client = new OnboardingClient();
  let browser: Browser;
  let page: Page;
  let people: SeededPersonView[];
  const person = (iin: string) => people.find((p) => p.iin === iin)!;
  const audits: Record<string, unknown[]> = {};
  async function screen(name: string) {
    await screenshot(page, name);
    audits[name] = await seriousViolations(page);
  }

  /** Through the codes, capture, PIN, the document and consent (over the API: the applicant's pages have their own test). */
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

  /** Оспанова's installed containers, and Смагулова's application waiting for her. */
  let containers: Record<'AUTH' | 'SIGN', string>;
  let employee: Applicant;
  let number: string;

  beforeAll(async () => {
    people = await client.people();
    browser = await launchChromium();
    page = await (await browser.newContext({ viewport: { width: 1100, height: 900 }, locale: 'ru-RU' })).newPage();
    // Оспанова gets her own first-head certificates (the key agent writes the two containers).
    const head = new Applicant(client, person(AIGERIM), undefined, AS_FIRST_HEAD, WOMAN_A);
    await untilNucApplication(head, 'stock-emotions-a-5');
    const own = await head.applyToNuc(undefined, mkdtempSync(join(tmpdir(), 'first-head-keys-')));
    await head.waitFor('certificates_issued', 60_000);
    containers = (await head.install(own.number, own.keys)).containers;
    employee = new Applicant(client, person(MOLDIR), undefined, AS_EMPLOYEE, WOMAN_B);
    await untilNucApplication(employee, 'stock-emotions-b-2');
  });
  afterAll(async () => {
    await browser?.close();
  });

  /** Смагулова's own page, resumed where she left it (the tab keeps her application), with her key file. */
  let employeePage: Page;
  let keyFile: string;
  const work = mkdtempSync(join(tmpdir(), 'employee-browser-'));

  it('lets the employee apply to the НУЦ in her browser: the keys are made there and saved to her key file; her page waits for the first head', async () => {
    employeePage = await (await browser.newContext({ viewport: { width: 1000, height: 900 }, locale: 'ru-RU' })).newPage();
    await employeePage.goto(client.apiUrl + '/');
    const saved = { applicationId: employee.id, token: employee.token, clientChecks: { webcam: true, keyAgent: true }, subjectType: 'legal_entity' };
    await employeePage.evaluate(`sessionStorage.setItem('digital-id.application', ${JSON.stringify(JSON.stringify(saved))})`);
    await employeePage.reload();
    await employeePage.getByRole('button', { name: 'Подтвердить' }).click({ timeout: 30_000 });
    await employeePage.getByLabel('Область *').fill('г. Астана');
    await employeePage.getByLabel('Населённый пункт *').fill('г. Астана');
    await employeePage.getByLabel('Пароль файла ключей', { exact: true }).fill(KEY_FILE_PASSWORD);
    await employeePage.getByLabel('Повторите пароль файла ключей').fill(KEY_FILE_PASSWORD);
    const download = employeePage.waitForEvent('download', { timeout: 60_000 });
    await employeePage.getByRole('button', { name: 'Подать заявку' }).click();
    keyFile = join(work, (await download).suggestedFilename());
    await (await download).saveAs(keyFile);
    expect(JSON.parse(readFileSync(keyFile, 'utf8'))).toMatchObject({ format: 'digital-id-key-file/1', subjectType: 'legal_entity' });
    await employeePage.getByRole('heading', { name: 'ЗАЯВКА УСПЕШНО СФОРМИРОВАНА!' }).waitFor({ timeout: 60_000 });
    number = /Вашей заявке присвоен номер: (\d{14})/.exec(await employeePage.locator('.number').innerText())![1];
    await employee.waitFor('awaiting_first_head');
    await employeePage.getByRole('cell', { name: 'Ожидание подтверждения первого руководителя' }).waitFor({ timeout: 30_000 });
    audits['f00-employee-waiting'] = await seriousViolations(employeePage);
    await screenshot(employeePage, 'f00-employee-waiting');
  });

  it('shows the first head of another organisation none of it', async () => {
    const other = await containersIssuedDirectly();
    const otherPage = await browser.newPage({ locale: 'ru-RU' });
    await otherPage.goto(client.apiUrl + '/first-head');
    await otherPage.getByLabel('Ключ для входа (AUTH_RSA256_….p12)').setInputFiles(other.AUTH);
    await otherPage.locator('#auth-password').fill(CONTAINER_PASSWORD);
    await otherPage.getByRole('button', { name: 'Войти' }).click();
    await otherPage.getByText('ТОО «Сарыарка Инжиниринг»', { exact: false }).waitFor({ timeout: 30_000 });
    await otherPage.getByText('Заявок, ожидающих подтверждения, нет').waitFor();
    expect(await otherPage.locator(`[data-number="${number}"]`).count()).toBe(0);
    await screenshot(otherPage, 'f00-other-organisation');
    await otherPage.close();
    expect((await employee.status()).status).toBe('awaiting_first_head');
  });

  it('lets the first head sign in with her AUTH container and approve an employee with her SIGN container, both opened in the browser', async () => {
    await page.goto(client.apiUrl + '/first-head');
    await page.getByRole('heading', { name: 'Личный кабинет первого руководителя' }).waitFor();
    await screen('f01-sign-in');
    const sentBodies: string[] = [];
    page.on('request', (r) => r.postData() && sentBodies.push(r.postData()!));
    await page.getByLabel('Ключ для входа (AUTH_RSA256_….p12)').setInputFiles(containers.AUTH);
    await page.locator('#auth-password').fill('wrong-password1A');
    await page.getByText('Файл ключа не открывается этим паролем').waitFor();
    await page.locator('#auth-password').fill(CONTAINER_PASSWORD);
    await page.getByRole('button', { name: 'Войти' }).click();

    await page.getByText('ТОО «Байтерек Консалтинг»', { exact: false }).waitFor({ timeout: 30_000 });
    const item = page.locator(`[data-number="${number}"]`);
    await item.waitFor();
    expect(await item.innerText()).toContain('Юридическое лицо - Сотрудник организации');
    await screen('f02-pending');
    await page.getByLabel('Ключ для подписи (RSA256_….p12)').setInputFiles(containers.SIGN);
    await page.locator('#sign-password').fill(CONTAINER_PASSWORD);
    await item.getByRole('button', { name: 'Подтвердить (подписать)' }).click();
    await item.getByText('Заявка подтверждена').waitFor({ timeout: 30_000 });
    await screen('f03-approved');

    // The approval goes on: the employee's certificates are issued. The containers never left the page.
    await employee.waitFor('certificates_issued', 120_000);
    const containerBytes = readFileSync(containers.AUTH).toString('base64').slice(0, 64);
    expect(sentBodies.filter((b) => b.includes(containerBytes))).toEqual([]);
  });

  it('lets the employee install her pair in the browser under the legal-entity password rule: two PKCS#12 files openssl opens', async () => {
    const page = employeePage;
    await page.getByRole('heading', { name: 'Установка регистрационных свидетельств' }).waitFor({ timeout: 120_000 });
    await page.getByLabel('Файл ключей').setInputFiles(keyFile);
    await page.getByLabel('Пароль файла ключей').fill(KEY_FILE_PASSWORD);
    // Special characters are allowed to a legal entity (seed 003); too short is not.
    await page.getByLabel('Пароль на ключи ЭЦП').fill('ab#1');
    await page.locator('#p12-rule.field-error').waitFor();
    expect(await page.locator('#p12-rule').innerText()).toContain('Длина пароля: от 6 до 32 символов');
    await page.getByLabel('Пароль на ключи ЭЦП').fill(LEGAL_ENTITY_PASSWORD);
    await page.locator('#p12-rule.hint').waitFor();
    await page.getByLabel('Повторите пароль').fill(LEGAL_ENTITY_PASSWORD);
    await screenshot(page, 'f04-employee-install');
    audits['f04-employee-install'] = await seriousViolations(page);
    const downloads: Download[] = [];
    page.on('download', (d) => downloads.push(d));
    await page.getByRole('button', { name: 'Загрузить сертификаты' }).click();
    await page.getByRole('heading', { name: 'Сертификаты установлены' }).waitFor({ timeout: 60_000 });
    expect(downloads.map((d) => d.suggestedFilename()).sort()).toEqual([expect.stringMatching(/^AUTH_RSA256_[0-9a-f]+\.p12$/), expect.stringMatching(/^RSA256_[0-9a-f]+\.p12$/)]);
    for (const download of downloads) {
      const file = join(work, download.suggestedFilename());
      await download.saveAs(file);
      const pem = execFileSync('openssl', ['pkcs12', '-in', file, '-passin', `pass:${LEGAL_ENTITY_PASSWORD}`, '-nodes'], { encoding: 'utf8' });
      const subject = execFileSync('openssl', ['x509', '-noout', '-subject', '-nameopt', 'oneline,-esc_msb'], { input: pem, encoding: 'utf8' });
      expect(subject).toContain(`serialNumber = IIN${MOLDIR}`);
      expect(subject).toContain(`OU = BIN${BIN}`);
    }
    expect((await employee.status()).status).toBe('installed');
  });

  /** A first-head pair for Жумабеков issued by the CA itself (as test/integration/first-head.spec.ts does), in containers as the key agent writes them. */
  async function containersIssuedDirectly(): Promise<Record<'AUTH' | 'SIGN', string>> {
    const stack = readStack();
    const dataSource: DataSource = createDataSource({ DATABASE_URL: stack.env.DATABASE_URL, DATABASE_POOL_SIZE: 2 });
    await dataSource.initialize();
    try {
      const pki = await createPki(dataSource, { caKeyEncryptionKey: stack.env.PKI_CA_KEY_ENCRYPTION_KEY, publicBaseUrl: stack.env.PUBLIC_BASE_URL });
      const dir = mkdtempSync(join(tmpdir(), 'other-head-'));
      const { authCsr, signCsr } = await generateKeys(dir, 'legal_entity');
      const app = await pki.applications.create({
        requestId: `browser-other-head-${randomUUID()}`,
        identity: { subjectType: 'legal_entity', iin: OTHER_HEAD, surname: 'Жумабеков', givenName: 'Арман', patronymic: 'Серикович', bin: OTHER_BIN, organizationName: 'ТОО «Сарыарка Инжиниринг»', role: 'first_head' },
        template: 'Юридическое лицо - Первый руководитель',
        keyStorage: 'Персональный компьютер',
        authCsr,
        signCsr,
      });
      const pair = await pki.authority.issueForApplication(app.number);
      const files = {} as Record<'AUTH' | 'SIGN', string>;
      for (const [kind, cert, prefix] of [['AUTH', pair.auth, 'AUTH_RSA256'], ['SIGN', pair.sign, 'RSA256']] as const) {
        const key = createPrivateKey(await readFile(join(dir, `${kind.toLowerCase()}.key`), 'utf8')).export({ type: 'pkcs8', format: 'der' });
        const p12 = await new Pkcs12Builder().build({ privateKeyPkcs8: key, certificate: Buffer.from(new x509.X509Certificate(cert.pem).rawData), password: CONTAINER_PASSWORD, subjectType: 'legal_entity' });
        files[kind] = join(dir, `${prefix}_${cert.serial}.p12`);
        await writeFile(files[kind], p12);
      }
      return files;
    } finally {
      await dataSource.destroy();
    }
  }

  it('has no serious accessibility violations on the cabinet’s pages', () => {
    expect(Object.keys(audits).length).toBe(5);
    expect(Object.fromEntries(Object.entries(audits).filter(([, v]) => v.length > 0))).toEqual({});
  });
});
