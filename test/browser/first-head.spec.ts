import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { OnboardingClient, type SeededPersonView } from '../integration/support/onboarding-client';
import { Applicant, CONTAINER_PASSWORD, WOMAN_A, WOMAN_B, printedFields, type StartChoice } from '../integration/support/whole-path';
import { launchChromium, screenshot, seriousViolations } from './support/browser';

jest.setTimeout(900_000);

const BIN = '120440900015'; // ТОО «Байтерек Консалтинг»: first head Оспанова, employee Смагулова
const AIGERIM = '871218425862';
const MOLDIR = '970303486292';
const AS_FIRST_HEAD: StartChoice = { subjectType: 'legal_entity', bin: BIN, template: 'legal_entity_first_head' };
const AS_EMPLOYEE: StartChoice = { subjectType: 'legal_entity', bin: BIN, template: 'legal_entity_employee' };

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

  beforeAll(async () => {
    people = await client.people();
    browser = await launchChromium();
    page = await (await browser.newContext({ viewport: { width: 1100, height: 900 }, locale: 'ru-RU' })).newPage();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('lets the first head sign in with her AUTH container and approve an employee with her SIGN container, both opened in the browser', async () => {
    // Оспанова gets her own first-head certificates (the key agent writes the two containers).
    const head = new Applicant(client, person(AIGERIM), undefined, AS_FIRST_HEAD, WOMAN_A);
    await untilNucApplication(head, 'stock-emotions-a-5');
    const own = await head.applyToNuc(undefined, mkdtempSync(join(tmpdir(), 'first-head-keys-')));
    await head.waitFor('certificates_issued', 60_000);
    const { containers } = await head.install(own.number, own.keys);

    // Смагулова's application waits for her.
    const employee = new Applicant(client, person(MOLDIR), undefined, AS_EMPLOYEE, WOMAN_B);
    await untilNucApplication(employee, 'stock-emotions-b-2');
    const { number } = await employee.applyToNuc();
    await employee.waitFor('awaiting_first_head');

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

  it('has no serious accessibility violations on the cabinet’s pages', () => {
    expect(Object.keys(audits).length).toBe(3);
    expect(Object.fromEntries(Object.entries(audits).filter(([, v]) => v.length > 0))).toEqual({});
  });
});
