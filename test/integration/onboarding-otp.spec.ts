import { createConnection, type Connection as MysqlConnection } from 'mysql2/promise';
import { onboardingWorkflowId } from '@app/contracts';
import { readStack } from './support/it-stack';
import { recordHistory } from './support/record-history';
import { OnboardingClient, peopleWithPhones, sleep } from './support/onboarding-client';

/** The first durable steps through the HTTP API, against MariaDB, Temporal, both simulators and the worker. */
describe('Onboarding: mobile citizens database and SMS one-time password', () => {
  const client = new OnboardingClient();
  const stack = readStack();
  let nextPerson: () => { iin: string; phone: string };
  let db: MysqlConnection;

  beforeAll(async () => {
    nextPerson = await peopleWithPhones(client, 0);
    db = await createConnection({ uri: stack.env.DATABASE_URL });
  });
  afterAll(async () => {
    await db.end();
  });

  const auditRows = async (applicationId: string) =>
    (await db.query('SELECT iin_masked, reason, client_address FROM otp_audit_journal WHERE application_id = ? ORDER BY id', [applicationId]))[0] as Array<{ iin_masked: string; reason: string; client_address: string }>;

  it('takes an applicant from IIN to a verified code, by an SMS from 1414 to the БМГ phone', async () => {
    const { iin, phone } = nextPerson();
    const started = await client.start(iin);
    expect(started.status).toBe(201);
    expect(started.body).toMatchObject({ status: 'otp_sent', nextStep: 'enter_otp', message: 'Одноразовый пароль отправлен на номер телефона' });
    expect(started.body.token).toEqual(expect.any(String));
    expect(started.body.otp.phoneMasked).toBe(`${phone.slice(0, 5)}*****${phone.slice(-2)}`);
    const expiresIn = Date.parse(started.body.otp.expiresAt) - Date.now();
    expect(expiresIn).toBeGreaterThan(0);
    expect(expiresIn).toBeLessThanOrEqual(20_000);

    const [sms] = await client.messagesTo(phone);
    expect(sms.from).toBe('1414');
    const code = await client.nthCode(phone, 1);
    expect(code).toMatch(/^\d{5}$/);

    const verified = await client.submitOtp(started.body.applicationId, started.body.token, code);
    expect(verified.status).toBe(200);
    expect(verified.body).toMatchObject({ status: 'otp_verified', nextStep: 'digital_id' });

    const read = await client.get(started.body.applicationId, started.body.token);
    expect(read.body.history.map((h: { status: string }) => h.status)).toEqual(['checking_phone', 'otp_sent', 'otp_verified']);
    const [rows] = await db.query('SELECT status, next_step FROM applications WHERE id = ?', [started.body.applicationId]);
    expect(rows).toEqual([{ status: 'otp_verified', next_step: 'digital_id' }]);
    // The code is single-use.
    expect((await client.submitOtp(started.body.applicationId, started.body.token, code)).status).toBe(409);

    await recordHistory(onboardingWorkflowId(started.body.applicationId), process.env.RECORD_HISTORY ?? '');
  });

  it('refuses a code after its validity (shortened to 20 s here) and journals the attempt', async () => {
    const { iin, phone } = nextPerson();
    const started = await client.start(iin);
    const code = await client.nthCode(phone, 1);
    await sleep(20_200);
    const late = await client.submitOtp(started.body.applicationId, started.body.token, code);
    expect(late.status).toBe(400);
    expect(late.body).toMatchObject({ code: 'otp_expired' });
    expect(await auditRows(started.body.applicationId)).toEqual([expect.objectContaining({ reason: 'expired_code', iin_masked: `${iin.slice(0, 4)}******${iin.slice(10)}` })]);
  });

  it('blocks the IIN after the third wrong code, across applications, and frees it after the window', async () => {
    const { iin, phone } = nextPerson();
    const started = await client.start(iin);
    const { applicationId, token } = started.body;
    const code = await client.nthCode(phone, 1);
    const wrong = code === '00000' ? '11111' : '00000';

    const first = await client.submitOtp(applicationId, token, wrong);
    expect(first.status).toBe(400);
    expect(first.body).toMatchObject({ code: 'otp_wrong', attemptsLeft: 2 });
    expect((await client.submitOtp(applicationId, token, wrong)).body).toMatchObject({ attemptsLeft: 1 });
    const third = await client.submitOtp(applicationId, token, wrong);
    expect(third.status).toBe(423);
    expect(third.body.message).toBe('Вы заблокированы!');
    expect(Number(third.headers.get('retry-after'))).toBeGreaterThan(0);

    // Even the right code, and even a new application for the same IIN, are refused while blocked.
    expect((await client.submitOtp(applicationId, token, code)).status).toBe(423);
    const another = await client.start(iin);
    expect(another.status).toBe(423);
    expect(another.body.message).toBe('Вы заблокированы!');

    const journal = await auditRows(applicationId);
    expect(journal.map((r) => r.reason)).toEqual(['wrong_code', 'wrong_code', 'wrong_code', 'blocked']);
    expect(journal.every((r) => r.iin_masked.includes('******') && !r.iin_masked.includes(iin) && r.client_address.length > 0)).toBe(true);

    await sleep(6200);
    const resent = await client.resend(applicationId, token);
    expect(resent.status).toBe(200);
    expect(resent.body.status).toBe('otp_sent');
    const fresh = await client.nthCode(phone, 2);
    const verified = await client.submitOtp(applicationId, token, fresh);
    expect(verified.status).toBe(200);
    expect(verified.body.status).toBe('otp_verified');
  });

  it('makes a resend wait 2 minutes (shortened to 3 s), then sends a new code that replaces the old', async () => {
    const { iin, phone } = nextPerson();
    const { body } = await client.start(iin);
    const firstCode = await client.nthCode(phone, 1);

    const early = await client.resend(body.applicationId, body.token);
    expect(early.status).toBe(429);
    expect(early.body.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect(early.body.retryAfterSeconds).toBeLessThanOrEqual(3);
    expect(early.headers.get('retry-after')).toBe(String(early.body.retryAfterSeconds));
    expect(await client.messagesTo(phone)).toHaveLength(1);

    await sleep(early.body.retryAfterSeconds * 1000 + 200);
    expect((await client.resend(body.applicationId, body.token)).status).toBe(200);
    const secondCode = await client.nthCode(phone, 2);
    if (secondCode !== firstCode) {
      expect((await client.submitOtp(body.applicationId, body.token, firstCode)).status).toBe(400);
    }
    expect((await client.submitOtp(body.applicationId, body.token, secondCode)).status).toBe(200);
  });

  it('tells an IIN without a БМГ phone to register it by video call, and succeeds once the operator has', async () => {
    const iin = '900101400559';
    const refused = await client.start(iin);
    expect(refused.status).toBe(201);
    expect(refused.body).toMatchObject({ status: 'phone_not_registered', nextStep: 'register_phone_via_operator' });
    expect(refused.body.message).toContain('Виртуальный ассистент');

    const phone = '+77059990011';
    expect(await client.registerPhone(iin, phone)).toBe(200);
    const again = await client.start(iin);
    expect(again.status).toBe(201);
    expect(again.body.status).toBe('otp_sent');
    const verified = await client.submitOtp(again.body.applicationId, again.body.token, await client.nthCode(phone, 1));
    expect(verified.body.status).toBe('otp_verified');
  });

  it('never supersedes the application whose code reached the phone: a new start waits until that code is used, and is itself superseded while it waits', async () => {
    const { iin, phone } = nextPerson();
    const owner = (await client.start(iin)).body;
    expect(owner.status).toBe('otp_sent');
    const code = await client.nthCode(phone, 1);

    const waiting = await client.start(iin);
    expect(waiting.status).toBe(201);
    expect(waiting.body).toMatchObject({ status: 'otp_cooldown', nextStep: 'wait' });
    // A start supersedes the one still waiting for a code, not the one whose code the phone got.
    const latest = await client.start(iin);
    expect(latest.status).toBe(201);
    await client.waitForStatus(waiting.body.applicationId, waiting.body.token, 'superseded');
    expect((await client.get(owner.applicationId, owner.token)).body.status).toBe('otp_sent');
    expect(await client.messagesTo(phone)).toHaveLength(1);

    const verified = await client.submitOtp(owner.applicationId, owner.token, code);
    expect(verified.status).toBe(200);
    expect(verified.body.status).toBe('otp_verified');

    // The latest gets a code of its own once the owner's can no longer be entered (used now; at most its 20 s).
    await client.waitForStatus(latest.body.applicationId, latest.body.token, 'otp_sent', 30_000);
    const second = await client.submitOtp(latest.body.applicationId, latest.body.token, await client.nthCode(phone, 2));
    expect(second.status).toBe(200);
  });

  it('supersedes an application whose code expired unused when the IIN starts again', async () => {
    const { iin, phone } = nextPerson();
    const older = (await client.start(iin)).body;
    const unused = await client.nthCode(phone, 1);
    await sleep(20_200);

    const newer = await client.start(iin);
    expect(newer.status).toBe(201);
    expect(newer.body.status).toBe('otp_sent');
    await client.waitForStatus(older.applicationId, older.token, 'superseded');
    expect((await client.submitOtp(older.applicationId, older.token, unused)).status).toBe(409);
    const verified = await client.submitOtp(newer.body.applicationId, newer.body.token, await client.nthCode(phone, 2));
    expect(verified.status).toBe(200);
  });
});
