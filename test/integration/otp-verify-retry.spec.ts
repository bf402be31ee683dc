import { randomUUID } from 'node:crypto';
import { createDataSource } from '@app/models';
import { OtpService, otpCodeHash } from '@app/otp';
import { readStack } from './support/it-stack';

/** Exactly once: a retried code check (the activity ran, its answer was lost) must not count or consume twice. */
describe(`${OtpService.name} retries`, () => {
  const stack = readStack();
  const dataSource = createDataSource({ DATABASE_URL: stack.env.DATABASE_URL, DATABASE_POOL_SIZE: 2 });
  const key = Buffer.alloc(32, 7);
  const sent: string[] = [];
  const otp = new OtpService({
    dataSource,
    registry: { findPhone: async () => '+77000000001', registerPhone: async () => null },
    sms: { send: async (_to: string, body: string) => (sent.push(body), { providerMessageId: 'SM1' }) },
    hmacKey: key,
    policy: { codeLength: 5, ttlMs: 60_000, resendCooldownMs: 0, maxAttempts: 3, blockMs: 60_000, blockGraceMs: 0 },
  });
  // An IIN of its own for each test (the check digit does not matter to the guard): a live code of
  // one application is not replaced by another application's send.
  let serial = 0;
  const freshIin = () => `9${String(Date.now() + ++serial).slice(-11)}`;

  beforeAll(async () => {
    await dataSource.initialize();
  });
  afterAll(async () => {
    await dataSource.destroy();
  });

  it('answers a retried wrong code as before, without counting it again', async () => {
    const applicationId = randomUUID();
    const iin = freshIin();
    expect((await otp.send({ applicationId, iin, sendKey: `${applicationId}:1` })).outcome).toBe('sent');
    const wrong = { applicationId, iin, codeHash: otpCodeHash(key, applicationId, '00000'), clientAddress: '127.0.0.1', attemptKey: `${applicationId}:verify:1` };
    const first = await otp.verify(wrong);
    const retried = await otp.verify(wrong);
    expect(first).toEqual({ outcome: 'wrong', attemptsLeft: 2 });
    expect(retried).toEqual(first);
    // The next, different submission is the second wrong one, not the third.
    await expect(otp.verify({ ...wrong, attemptKey: `${applicationId}:verify:2` })).resolves.toEqual({ outcome: 'wrong', attemptsLeft: 1 });
    const rows = await dataSource.query('SELECT COUNT(*) AS n FROM otp_audit_journal WHERE application_id = ?', [applicationId]);
    expect(Number(rows[0].n)).toBe(2);
  });

  it('answers a retried right code as verified instead of "expired" (the code was consumed by the first attempt)', async () => {
    const applicationId = randomUUID();
    const iin = freshIin();
    expect((await otp.send({ applicationId, iin, sendKey: `${applicationId}:1` })).outcome).toBe('sent');
    const code = /\d{5}/.exec(sent.at(-1)!)![0];
    const right = { applicationId, iin, codeHash: otpCodeHash(key, applicationId, code), clientAddress: '127.0.0.1', attemptKey: `${applicationId}:verify:1` };
    await expect(otp.verify(right)).resolves.toEqual({ outcome: 'verified' });
    await expect(otp.verify(right)).resolves.toEqual({ outcome: 'verified' });
    await expect(otp.verify({ ...right, attemptKey: `${applicationId}:verify:2` })).resolves.toEqual({ outcome: 'expired' });
  });
});
