import { randomInt, randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { Connection, Client } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { onboardingWorkflowId } from '@app/contracts';
import { httpOk, startService, stopServices, tsEntry, waitFor, type RunningService } from '../../scripts/stack';
import { OnboardingClient as StackClient } from '../../scripts/onboarding-client';
import { IT_DIR, IT_STATE_FILE, readStack } from './support/it-stack';
import { OnboardingClient, peopleWithPhones, sleep, type HttpAnswer } from './support/onboarding-client';

const EventType = temporal.api.enums.v1.EventType;

/** 429 with Retry-After, and the same seconds in the body and the message. */
function expectRateLimited(answer: HttpAnswer, windowSeconds: number): void {
  expect(answer.status).toBe(429);
  expect(answer.body.code).toBe('rate_limited');
  const seconds = answer.body.retryAfterSeconds;
  expect(seconds).toBeGreaterThanOrEqual(1);
  expect(seconds).toBeLessThanOrEqual(windowSeconds);
  expect(answer.headers.get('retry-after')).toBe(String(seconds));
  expect(answer.body.message).toBe(`Слишком много запросов. Повторите попытку через ${seconds} с`);
}

/**
 * Rate limits of the public endpoints, against an API process of this spec's own with low limits
 * behind one trusted proxy (the stack's API has them out of reach: every spec calls from 127.0.0.1).
 * Its counters are the stack's (MySQL), so the addresses are this run's own and the IINs this spec's.
 */
describe('Abuse of the public endpoints: limits per client address and per IIN', () => {
  const stack = readStack();
  const port = stack.ports.api + 7;
  let api: RunningService;
  let limited: StackClient;
  const run = `10.${randomInt(0, 255)}.${randomInt(0, 255)}`;
  let last = 0;
  /** A client address of its own for each caller, as the proxy forwards it. */
  const address = () => ({ 'x-forwarded-for': `${run}.${++last}` });

  beforeAll(async () => {
    const env = {
      ...stack.env,
      API_PORT: String(port),
      TRUST_PROXY_HOPS: '1',
      RATE_LIMIT_START_PER_ADDRESS: '3/60',
      RATE_LIMIT_START_PER_IIN: '3/60',
      RATE_LIMIT_OTP_PER_ADDRESS: '3/60',
      RATE_LIMIT_OTP_PER_IIN: '3/60',
      RATE_LIMIT_OTP_RESEND_PER_ADDRESS: '2/60',
      RATE_LIMIT_OTP_RESEND_PER_IIN: '2/60',
      RATE_LIMIT_NUC_STATUS_PER_ADDRESS: '2/60',
      RATE_LIMIT_NUC_STATUS_PER_IIN: '2/60',
      RATE_LIMIT_OCSP_PER_ADDRESS: '3/60',
      RATE_LIMIT_PORTAL_PER_ADDRESS: '4/60',
    };
    api = await startService(
      { name: 'api-low-limits', ...tsEntry('apps/api/src/main.ts'), env, ready: () => waitFor('API with low limits', httpOk(`http://127.0.0.1:${port}/health/live`)) },
      { dir: IT_DIR, echo: false },
    );
    // Stopped by the teardown too, should this spec not get to its afterAll.
    const state = readStack();
    writeFileSync(IT_STATE_FILE, JSON.stringify({ ...state, extraPids: [...state.extraPids, api.child.pid] }, null, 2));
    limited = new StackClient({ ports: { ...stack.ports, api: port }, env: stack.env });
  }, 180_000);
  afterAll(async () => {
    if (api) await stopServices([api]);
  });

  const start = (body: Record<string, unknown>, from = address()) => limited.call('POST', '/api/v1/applications', { body: { subjectType: 'individual', template: 'individual', ...body }, headers: from });

  it('answers the fourth start from one address within the window with 429, Retry-After and the seconds to wait; other addresses go on', async () => {
    const from = address();
    for (let i = 0; i < 3; i++) expect((await start({ iin: '123' }, from)).status).toBe(400);
    expectRateLimited(await start({ iin: '123' }, from), 60);
    expect((await start({ iin: '123' })).status).toBe(400);
  });

  it('counts simultaneous starts from one address one after the other: of ten at once three are answered and seven get 429, none fails', async () => {
    // Each count locks the address's counter row; taken as a shared lock first, simultaneous counts deadlocked (500).
    const from = address();
    const answers = await Promise.all(Array.from({ length: 10 }, () => start({ iin: '123' }, from)));
    expect(answers.map((a) => a.status).sort()).toEqual([400, 400, 400, 429, 429, 429, 429, 429, 429, 429]);
  });

  it('answers the fourth start for one IIN with 429, whichever address it comes from', async () => {
    // Someone the register refuses: each start ends at once, without an SMS.
    const deceased = (await limited.people()).filter((p) => p.lifeStatus === 9).at(-1)!;
    for (let i = 0; i < 3; i++) expect((await start({ iin: deceased.iin })).body.status).toBe('ineligible');
    expectRateLimited(await start({ iin: deceased.iin }), 60);
  });

  it('counts codes per IIN, but the application the phone\'s code went to in a window of its own: the others cannot use up its owner\'s tries', async () => {
    const { iin, phone } = (await peopleWithPhones(new OnboardingClient(), 140))();
    const owner = (await start({ iin })).body;
    expect(owner.status).toBe('otp_sent');
    const code = await limited.nthCode(phone, 1);
    const other = (await start({ iin })).body;
    expect(other.status).toBe('otp_cooldown');

    const submit = (application: { applicationId: string; token: string }, value: string) =>
      limited.call('POST', `/api/v1/applications/${application.applicationId}/otp`, { token: application.token, body: { code: value }, headers: address() });
    for (let i = 0; i < 3; i++) expect((await submit(other, '00000')).status).toBe(409);
    expectRateLimited(await submit(other, '00000'), 60);

    const verified = await submit(owner, code);
    expect(verified.status).toBe(200);
    expect(verified.body.status).toBe('otp_verified');
  });

  it('counts code submissions and resends per address before the token is even looked at', async () => {
    for (const [route, limit] of [['otp', 3], ['otp/resend', 2]] as const) {
      const from = address();
      const call = () => limited.call('POST', `/api/v1/applications/${randomUUID()}/${route}`, { token: 'not-a-token', body: route === 'otp' ? { code: '00000' } : undefined, headers: from });
      for (let i = 0; i < limit; i++) expect((await call()).status).toBe(404);
      expectRateLimited(await call(), 60);
    }
  });

  it('limits the OCSP responder per address: the fourth request in the window gets 429, another address is answered', async () => {
    const from = address();
    // Not a DER OCSPRequest: the responder answers malformedRequest (400) within the limit.
    const ask = (headers: Record<string, string>) => fetch(`${limited.apiUrl}/pki/ocsp`, { method: 'POST', headers: { 'content-type': 'application/ocsp-request', ...headers }, body: Buffer.from('not ocsp') });
    for (let i = 0; i < 3; i++) expect((await ask(from)).status).toBe(400);
    const refused = await ask(from);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await ask(address())).status).toBe(400);
  });

  it('limits the portal\'s public endpoints per address, together: a sign-in, a registration check and a recovery share one window', async () => {
    const from = address();
    const calls = [
      () => limited.call('POST', '/api/v1/portal/sessions', { body: { login: '880515300120', password: 'not-the-password' }, headers: from }),
      () => limited.call('POST', '/api/v1/portal/registrations/temporary/person-check', { body: { iin: '123', documentNumber: 'N1', birthDate: '1990-01-01', agreementAccepted: true, registrationTermsAccepted: true }, headers: from }),
      () => limited.call('POST', '/api/v1/portal/password-recovery/email', { body: { subjectType: 'individual', iin: '123', documentNumber: 'N1', documentIssueDate: '2020-01-01' }, headers: from }),
      () => limited.call('POST', '/api/v1/portal/signature-challenges', { body: { purpose: 'sign_in' }, headers: from }),
    ];
    for (const call of calls) expect((await call()).status).not.toBe(429);
    expectRateLimited(await calls[0](), 60);
    expectRateLimited(await calls[3](), 60);
    // The terms are not counted; another address goes on.
    expect((await limited.call('GET', '/api/v1/portal/registrations/terms', { headers: from })).status).toBe(200);
    expect((await limited.call('POST', '/api/v1/portal/signature-challenges', { body: { purpose: 'sign_in' }, headers: address() })).status).toBe(201);
  });

  it('limits the НУЦ status page per address', async () => {
    const from = address();
    const status = () => limited.call('GET', '/api/v1/nuc/applications/00000000000000', { headers: from });
    for (let i = 0; i < 2; i++) expect((await status()).status).toBe(404);
    expectRateLimited(await status(), 60);
  });
});

/** The code step's own defences, on the stack's API (the seed's windows shortened: code 20 s, resend 3 s, block 6 s). */
describe('Abuse of the public endpoints: the code step', () => {
  const client = new OnboardingClient();
  const stack = readStack();
  let nextPerson: () => { iin: string; phone: string };
  let connection: Connection;
  let temporalClient: Client;

  beforeAll(async () => {
    nextPerson = await peopleWithPhones(client, 145);
    connection = await Connection.connect({ address: stack.env.TEMPORAL_ADDRESS });
    temporalClient = new Client({ connection });
  });
  afterAll(async () => {
    await connection.close();
  });

  it('refuses a resend within the wait in the update\'s validator: no activity runs, nothing enters the history', async () => {
    const { iin, phone } = nextPerson();
    const { applicationId, token } = (await client.start(iin)).body;
    await client.nthCode(phone, 1);

    const early = await client.resend(applicationId, token);
    expect(early.status).toBe(429);
    expect(early.body.code).toBe('otp_too_early');
    expect(early.headers.get('retry-after')).toBe(String(early.body.retryAfterSeconds));
    expect(early.body.message).toBe(`Повторно запросить одноразовый пароль можно через ${early.body.retryAfterSeconds} с`);

    const events = (await temporalClient.workflow.getHandle(onboardingWorkflowId(applicationId)).fetchHistory()).events ?? [];
    const activities = events.filter((e) => e.eventType === EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED).map((e) => e.activityTaskScheduledEventAttributes!.activityType!.name);
    expect(activities.filter((name) => name === 'sendOtp')).toHaveLength(1);
    const updates = events.filter((e) => e.eventType === EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED).map((e) => e.workflowExecutionUpdateAcceptedEventAttributes!.acceptedRequest!.input!.name);
    expect(updates).not.toContain('resendOtp');
    expect(await client.messagesTo(phone)).toHaveLength(1);

    // After the wait the resend goes through.
    await sleep(early.body.retryAfterSeconds * 1000 + 200);
    expect((await client.resend(applicationId, token)).status).toBe(200);
  });

  it('blocks the IIN once, then not again right after: three wrong codes in the hour after a block void the code, and a new one works', async () => {
    const { iin, phone } = nextPerson();
    const { applicationId, token } = (await client.start(iin)).body;
    const wrongFor = (code: string) => (code === '00000' ? '11111' : '00000');
    const first = await client.nthCode(phone, 1);
    for (let i = 0; i < 2; i++) expect((await client.submitOtp(applicationId, token, wrongFor(first))).status).toBe(400);
    const blocked = await client.submitOtp(applicationId, token, wrongFor(first));
    expect(blocked.status).toBe(423);
    expect(blocked.body.message).toBe('Вы заблокированы!');

    await sleep(6200);
    expect((await client.resend(applicationId, token)).status).toBe(200);
    const second = await client.nthCode(phone, 2);
    for (let i = 0; i < 2; i++) expect((await client.submitOtp(applicationId, token, wrongFor(second))).status).toBe(400);
    const voided = await client.submitOtp(applicationId, token, wrongFor(second));
    expect(voided.status).toBe(400);
    expect(voided.body).toMatchObject({ code: 'otp_wrong', attemptsLeft: 0, message: 'Неверный одноразовый пароль. Попытки исчерпаны: запросите новый одноразовый пароль' });
    // Not blocked, but the voided code is no longer accepted: a new one is needed.
    expect((await client.submitOtp(applicationId, token, second)).body.code).toBe('otp_expired');

    await sleep(3200);
    expect((await client.resend(applicationId, token)).status).toBe(200);
    const verified = await client.submitOtp(applicationId, token, await client.nthCode(phone, 3));
    expect(verified.status).toBe(200);
    expect(verified.body.status).toBe('otp_verified');
  });
});
