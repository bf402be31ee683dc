import { randomInt } from 'node:crypto';
import { createConnection, type Connection as MysqlConnection } from 'mysql2/promise';
import { isValidIin } from '@app/identity';
import { readStack } from './support/it-stack';
import { OnboardingClient, isEligible, peopleWithPhones, type SeededPersonView } from './support/onboarding-client';
import { closeStaffAccounts, staffSession, type StaffSession } from './support/staff';

const REGISTRATIONS = '/api/v1/mcdb/registrations';

/** The БМГ operator after the video call (seed 002 step 5), through the API, the register simulator and the SMS path. */
describe('Mobile-citizen-database operator: registering the applicant\'s phone', () => {
  const client = new OnboardingClient();
  const stack = readStack();
  let db: MysqlConnection;
  let operator: StaffSession;
  let withoutPhone: SeededPersonView[];

  beforeAll(async () => {
    db = await createConnection({ uri: stack.env.DATABASE_URL });
    operator = await staffSession(client, ['mcdb_operator'], 'mcdb');
    // From the end of the list: the other specs take people without a phone from its start.
    withoutPhone = (await client.people()).filter((p) => !p.bmgPhone && isEligible(p) && !p.photoFile && p.iin !== '900101400559').reverse();
  });
  afterAll(async () => {
    await db.end();
    await closeStaffAccounts();
  });

  const newPhone = () => `+7705${String(randomInt(0, 10_000_000)).padStart(7, '0')}`;
  const journal = async (registrationId: string) =>
    ((await db.query('SELECT action, detail FROM audit_journal WHERE target = ? ORDER BY id', [registrationId]))[0] as Array<{ action: string; detail: Record<string, unknown> | null }>);
  const bmgPhoneOf = async (iin: string) => (await client.people()).find((p) => p.iin === iin)!.bmgPhone;

  it('registers a phone for someone without one once the applicant dictates the SMS code; the applicant then gets the one-time password on it', async () => {
    const person = withoutPhone[0];
    const before = await client.start(person.iin);
    expect(before.body).toMatchObject({ status: 'phone_not_registered', nextStep: 'register_phone_via_operator' });

    const phone = newPhone();
    const started = await operator.call('POST', REGISTRATIONS, { iin: person.iin, phone });
    expect(started.status).toBe(201);
    expect(started.body).toMatchObject({ status: 'code_sent', reregistration: false, attemptsLeft: 3, phoneMasked: `${phone.slice(0, 5)}*****${phone.slice(-2)}` });
    const [sms] = await client.messagesTo(phone);
    expect(sms.from).toBe('1414');
    const code = await client.nthCode(phone, 1);
    const id: string = started.body.registrationId;

    const wrong = await operator.call('POST', `${REGISTRATIONS}/${id}/confirmation`, { code: code === '00000' ? '11111' : '00000' });
    expect(wrong.status).toBe(400);
    expect(wrong.body).toMatchObject({ code: 'otp_wrong', attemptsLeft: 2, message: 'Неверный код. Осталось попыток: 2' });
    expect(await bmgPhoneOf(person.iin)).toBeNull();

    const confirmed = await operator.call('POST', `${REGISTRATIONS}/${id}/confirmation`, { code });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body).toMatchObject({ status: 'registered', message: 'Номер телефона зарегистрирован в базе мобильных граждан' });
    expect(await bmgPhoneOf(person.iin)).toBe(phone);
    // The code is good once.
    expect((await operator.call('POST', `${REGISTRATIONS}/${id}/confirmation`, { code })).status).toBe(409);

    const application = await client.start(person.iin);
    expect(application.status).toBe(201);
    expect(application.body.status).toBe('otp_sent');
    const verified = await client.submitOtp(application.body.applicationId, application.body.token, await client.nthCode(phone, 2));
    expect(verified.body.status).toBe('otp_verified');

    const entries = await journal(id);
    expect(entries.map((e) => e.action)).toEqual(['mcdb.code_sent', 'mcdb.code_wrong', 'mcdb.phone_registered']);
    const written = JSON.stringify(entries);
    expect(written).not.toContain(person.iin);
    expect(written).not.toContain(phone);
    const [[row]] = (await db.query('SELECT phone, code_hash FROM mcdb_phone_registrations WHERE id = ?', [id])) as unknown as [Array<{ phone: string | null; code_hash: Buffer | null }>];
    expect(row).toEqual({ phone: null, code_hash: null });
  });

  it('re-registers a phone, refuses the right code after three wrong ones, and keeps each operator to their own registrations', async () => {
    const { iin, phone: oldPhone } = (await peopleWithPhones(client, 160))();
    const phone = newPhone();
    const started = await operator.call('POST', REGISTRATIONS, { iin, phone });
    expect(started.body).toMatchObject({ status: 'code_sent', reregistration: true });
    const id: string = started.body.registrationId;
    const code = await client.nthCode(phone, 1);
    const wrong = code === '00000' ? '11111' : '00000';

    const colleague = await staffSession(client, ['mcdb_operator'], 'mcdb');
    expect((await colleague.call('POST', `${REGISTRATIONS}/${id}/confirmation`, { code })).status).toBe(404);

    expect((await operator.call('POST', `${REGISTRATIONS}/${id}/confirmation`, { code: wrong })).body.attemptsLeft).toBe(2);
    expect((await operator.call('POST', `${REGISTRATIONS}/${id}/confirmation`, { code: wrong })).body.attemptsLeft).toBe(1);
    const exhausted = await operator.call('POST', `${REGISTRATIONS}/${id}/confirmation`, { code: wrong });
    expect(exhausted.status).toBe(423);
    expect(exhausted.body.code).toBe('code_attempts_exhausted');
    expect((await operator.call('POST', `${REGISTRATIONS}/${id}/confirmation`, { code })).status).toBe(409);
    expect(await bmgPhoneOf(iin)).toBe(oldPhone);
    expect((await journal(id)).map((e) => e.action)).toEqual(['mcdb.code_sent', 'mcdb.code_wrong', 'mcdb.code_wrong', 'mcdb.attempts_exhausted']);

    // A new registration, a new code: this time dictated right, and the new number replaces the old.
    const again = (await operator.call('POST', REGISTRATIONS, { iin, phone })).body;
    const confirmed = await operator.call('POST', `${REGISTRATIONS}/${again.registrationId}/confirmation`, { code: await client.nthCode(phone, 2) });
    expect(confirmed.body).toMatchObject({ status: 'registered', message: 'Номер телефона перерегистрирован в базе мобильных граждан' });
    expect(await bmgPhoneOf(iin)).toBe(phone);
  });

  it('refuses a moderator-only session (403) and a caller without one (401), and an IIN the population register does not have (422)', async () => {
    const moderator = await staffSession(client, ['moderator'], 'moderator');
    const forbidden = await moderator.call('POST', REGISTRATIONS, { iin: withoutPhone[1].iin, phone: newPhone() });
    expect(forbidden.status).toBe(403);
    expect((await client.call('POST', REGISTRATIONS, { body: { iin: withoutPhone[1].iin, phone: newPhone() } })).status).toBe(401);

    const malformed = await operator.call('POST', REGISTRATIONS, { iin: '880515300121', phone: newPhone() });
    expect(malformed.status).toBe(400);
    expect(malformed.body.message).toEqual(expect.arrayContaining(['неверный ИИН']));

    const seeded = new Set((await client.people()).map((p) => p.iin));
    const nobody = Array.from({ length: 1000 }, (_, n) => `8805153${String(n).padStart(5, '0')}`).find((iin) => isValidIin(iin) && !seeded.has(iin))!;
    const phone = newPhone();
    const unknown = await operator.call('POST', REGISTRATIONS, { iin: nobody, phone });
    expect(unknown.status).toBe(422);
    expect(unknown.body.message).toBe('ИИН не найден в государственной базе данных физических лиц: проверьте ИИН по удостоверению личности');
    expect(await client.messagesTo(phone)).toEqual([]);
  });
});
