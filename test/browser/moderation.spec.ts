import type { Browser, BrowserContext, Page } from 'playwright-core';
import { closeStaffAccounts, staffMember, type StaffMember } from '../integration/support/staff';
import { OnboardingClient } from '../integration/support/onboarding-client';
import { Applicant, printedFields } from '../integration/support/whole-path';
import { launchChromium, screenshot, seriousViolations, waitUntil } from './support/browser';

jest.setTimeout(900_000);

/** Оспанова Айгерим, whose card here is printed with another woman's photo: the face match fails. */
const AIGERIM = '871218425862';

describe('The moderator console in Chromium', () => {
  const client = new OnboardingClient();
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let moderator: StaffMember;
  const audits: Record<string, unknown[]> = {};
  async function screen(name: string) {
    await screenshot(page, name);
    audits[name] = await seriousViolations(page);
  }

  beforeAll(async () => {
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'ru-RU' });
    page = await context.newPage();
    moderator = await staffMember(['moderator'], 'moderator');
  });
  afterAll(async () => {
    await browser?.close();
    await closeStaffAccounts();
  });

  it('lets a moderator sign in with password and TOTP, claim a register mismatch, compare the evidence and approve it; the applicant’s page moves on and she finishes', async () => {
    // The applicant, through the API up to «Ваш документ на проверке» (her pages are the other spec's).
    const applicant = new Applicant(client, (await client.people()).find((p) => p.iin === AIGERIM)!);
    await applicant.throughCodes();
    await applicant.throughCapture();
    await applicant.setPin();
    const document = await applicant.document('stock-emotions-b-2');
    await applicant.submitDocument(document);
    await applicant.confirmDocument(printedFields(document));
    const review = await applicant.waitFor('under_review', 240_000);
    const caseId = review.moderationCaseId as string;

    // Her page, open in another tab, says the document is being checked.
    const applicantPage = await context.newPage();
    await applicantPage.goto(client.apiUrl + '/');
    await applicantPage.evaluate(`sessionStorage.setItem('digital-id.application', ${JSON.stringify(JSON.stringify({ applicationId: applicant.id, token: applicant.token, clientChecks: { webcam: true, keyAgent: true } }))})`);
    await applicantPage.reload();
    await applicantPage.getByText('Ваш документ на проверке. Мы пришлем вам SMS с результатом. После проверки вы сможете продолжить получение услуги в личном кабинете').waitFor();

    // Sign-in: a wrong code is refused in words, then password and the authenticator's code.
    await page.goto(client.apiUrl + '/moderation');
    await page.getByRole('heading', { name: 'Вход для сотрудников' }).waitFor();
    await screen('m01-sign-in');
    await page.getByLabel('Имя пользователя').fill(moderator.username);
    await page.getByLabel('Пароль').fill(moderator.password);
    await page.getByLabel('Код из приложения-аутентификатора (6 цифр)').fill('000000');
    await page.getByRole('button', { name: 'Войти' }).click();
    await page.locator('#staff-error').waitFor();
    await page.getByLabel('Код из приложения-аутентификатора (6 цифр)').fill(await moderator.code());
    await page.getByRole('button', { name: 'Войти' }).click();

    // The queue, filtered by reason.
    await page.getByRole('heading', { name: 'Очередь проверки' }).waitFor();
    await page.getByLabel('Причина').selectOption('face_mismatch');
    await page.getByRole('button', { name: 'Показать' }).click();
    const row = page.locator(`tr[data-case="${caseId}"]`);
    await row.waitFor();
    expect(await row.innerText()).toContain('Лица не совпадают');
    await screen('m02-queue');
    await row.getByRole('button').click();

    // The case: claim it, then the six images side by side, the faces against the threshold, the fields.
    await page.getByRole('button', { name: 'Взять в работу' }).click();
    await page.getByText('В работе у Вас до', { exact: false }).waitFor();
    const figures = page.locator('[data-evidence]');
    await waitUntil(page, "[...document.querySelectorAll('[data-evidence] img')].filter((img) => img.complete && img.naturalWidth > 0).length === 6");
    expect(await figures.count()).toBe(6);
    expect(await page.locator('tr[data-pair="selfie_document"]').innerText()).toContain('не совпадает');
    expect(await page.locator('tr[data-pair="selfie_register"]').innerText()).toContain('совпадает');
    expect(await page.locator('tr[data-field="iin"]').innerText()).toContain(AIGERIM);
    await screen('m03-case');

    // Approve: the decision is recorded and her page moves on by itself.
    await page.getByLabel('Одобрить').check();
    await page.getByRole('button', { name: 'Принять решение' }).click();
    await page.getByText('Решение принято: Одобрить', { exact: false }).waitFor();
    await screen('m04-decided');
    await applicantPage.getByText('Документ привязан к аккаунту').waitFor({ timeout: 60_000 });
    await screenshot(applicantPage, 'm05-applicant-after-approval');
    expect((await applicant.status()).status).toBe('document_linked');

    // And she finishes: consent, the НУЦ application, two installed certificates (over the API and the key agent: her pages have their own test).
    await applicant.consent();
    const { number, keys } = await applicant.applyToNuc();
    await applicant.waitFor('certificates_issued', 120_000);
    expect((await applicant.install(number, keys)).statusTitle).toBe('Сертификаты установлены');
  });

  it('has no serious accessibility violations on the console’s pages', () => {
    expect(Object.keys(audits).length).toBe(4);
    expect(Object.fromEntries(Object.entries(audits).filter(([, v]) => v.length > 0))).toEqual({});
  });
});
