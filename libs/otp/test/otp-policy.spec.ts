import { randomBytes } from 'node:crypto';
import { decideSend, decideVerify, EMPTY_GUARD, liveCodeHolder, generateOtpCode, otpCodeHash, type OtpGuardState, type OtpPolicy } from '@app/otp';

const policy: OtpPolicy = { codeLength: 5, ttlMs: 90_000, resendCooldownMs: 120_000, maxAttempts: 3, blockMs: 15 * 60_000, blockGraceMs: 3600_000 };
/** A send by the application the key names (`app-2:1` is app-2's first). */
const send = (sendKey: string) => ({ applicationId: sendKey.split(':')[0], sendKey });
const key = randomBytes(32);
const t0 = new Date('2026-11-22T10:00:00Z');
const at = (ms: number) => new Date(t0.getTime() + ms);

function guardWithCode(code: string, overrides: Partial<OtpGuardState> = {}): OtpGuardState {
  return { ...EMPTY_GUARD, sendKey: 'app-1:1', applicationId: 'app-1', codeHash: otpCodeHash(key, 'app-1', code), codeExpiresAt: at(policy.ttlMs), lastSentAt: t0, delivered: true, ...overrides };
}
const matcher = (candidate: string, applicationId = 'app-1') => (stored: Buffer) => stored.equals(otpCodeHash(key, applicationId, candidate));

describe(generateOtpCode.name, () => {
  it('makes numeric codes of the configured length, keeping leading zeros', () => {
    const codes = Array.from({ length: 2000 }, () => generateOtpCode(5));
    expect(codes.every((c) => /^\d{5}$/.test(c))).toBe(true);
    expect(codes.some((c) => c.startsWith('0'))).toBe(true);
    expect(new Set(codes).size).toBeGreaterThan(1900);
    expect(generateOtpCode(6)).toMatch(/^\d{6}$/);
  });
});

describe(otpCodeHash.name, () => {
  it('binds the code to its application', () => {
    expect(otpCodeHash(key, 'app-1', '04802').equals(otpCodeHash(key, 'app-2', '04802'))).toBe(false);
  });
});

describe(decideSend.name, () => {
  it('sends the first code', () => {
    expect(decideSend(EMPTY_GUARD, send('app-1:1'), t0, policy)).toEqual({ kind: 'send' });
  });

  it('makes a resend wait 2 minutes after the last delivered code, whatever the application', () => {
    const guard = guardWithCode('12345');
    expect(decideSend(guard, send('app-2:1'), at(30_000), policy)).toEqual({ kind: 'too_early', retryAfterMs: 90_000 });
    expect(decideSend(guard, send('app-1:2'), at(120_000), policy)).toEqual({ kind: 'send' });
  });

  it('does not send twice for a retried send that was delivered, and re-sends one that was not', () => {
    expect(decideSend(guardWithCode('12345'), send('app-1:1'), at(1000), policy)).toEqual({ kind: 'already_sent' });
    expect(decideSend(guardWithCode('12345', { delivered: false }), send('app-1:1'), at(1000), policy)).toEqual({ kind: 'send' });
  });

  it('keeps another application from replacing a code the phone got until that code expires, even when the resend wait is shorter', () => {
    const shortWait = { ...policy, resendCooldownMs: 3_000, ttlMs: 20_000 };
    const guard = guardWithCode('12345', { codeExpiresAt: at(20_000) });
    expect(liveCodeHolder(guard, at(5_000))).toBe('app-1');
    expect(decideSend(guard, send('app-2:1'), at(5_000), shortWait)).toEqual({ kind: 'too_early', retryAfterMs: 15_000 });
    // The holder itself may resend after the short wait; the others once the code expired or was used.
    expect(decideSend(guard, send('app-1:2'), at(5_000), shortWait)).toEqual({ kind: 'send' });
    expect(decideSend(guard, send('app-2:1'), at(20_000), shortWait)).toEqual({ kind: 'send' });
    expect(liveCodeHolder({ ...guard, codeHash: null }, at(5_000))).toBeNull();
    expect(decideSend({ ...guard, codeHash: null }, send('app-2:1'), at(5_000), shortWait)).toEqual({ kind: 'send' });
  });

  it('sends nothing while the IIN is blocked', () => {
    const blockedUntil = at(60_000);
    expect(decideSend({ ...EMPTY_GUARD, blockedUntil }, send('app-1:1'), t0, policy)).toEqual({ kind: 'blocked', blockedUntil });
  });
});

describe(decideVerify.name, () => {
  it('accepts the right code once', () => {
    const first = decideVerify(guardWithCode('04802'), 'app-1', matcher('04802'), at(10_000), policy);
    expect(first.outcome).toBe('verified');
    const replay = decideVerify(first.next, 'app-1', matcher('04802'), at(11_000), policy);
    expect(replay.outcome).toBe('no_active_code');
  });

  it('counts wrong codes down and blocks the IIN for 15 minutes after the third', () => {
    let guard = guardWithCode('04802');
    const left: number[] = [];
    for (let i = 0; i < 2; i++) {
      const d = decideVerify(guard, 'app-1', matcher('11111'), at(1000 * i), policy);
      if (d.outcome !== 'wrong') throw new Error(`expected wrong, got ${d.outcome}`);
      left.push(d.attemptsLeft);
      guard = d.next;
    }
    expect(left).toEqual([2, 1]);
    const third = decideVerify(guard, 'app-1', matcher('11111'), at(5000), policy);
    expect(third).toMatchObject({ outcome: 'blocked', newlyBlocked: true, blockedUntil: at(5000 + 15 * 60_000) });
    // Even the right code is refused during the block, and the old code is void afterwards.
    expect(decideVerify(third.next, 'app-1', matcher('04802'), at(60_000), policy).outcome).toBe('blocked');
    expect(decideVerify(third.next, 'app-1', matcher('04802'), at(5000 + 15 * 60_000), policy).outcome).toBe('no_active_code');
  });

  it('refuses a code after its 90 seconds', () => {
    expect(decideVerify(guardWithCode('04802'), 'app-1', matcher('04802'), at(90_000), policy).outcome).toBe('expired');
    expect(decideVerify(guardWithCode('04802'), 'app-1', matcher('04802'), at(89_999), policy).outcome).toBe('verified');
  });

  it('refuses a code sent for another application of the same IIN', () => {
    expect(decideVerify(guardWithCode('04802'), 'app-2', matcher('04802', 'app-2'), at(1000), policy).outcome).toBe('no_active_code');
  });

  it('keeps counting across applications: a new code does not reset the attempts', () => {
    const afterTwoWrong = { ...guardWithCode('04802'), failedAttempts: 2 };
    const newCode = { ...afterTwoWrong, applicationId: 'app-1', codeHash: otpCodeHash(key, 'app-1', '55555') };
    expect(decideVerify(newCode, 'app-1', matcher('00000'), at(1000), policy).outcome).toBe('blocked');
  });

  it('does not block the IIN again within the grace after a block: the third wrong code only voids the code', () => {
    const blockEnded = at(15 * 60_000);
    const afterBlock = guardWithCode('04802', { lastBlockedUntil: blockEnded, lastSentAt: at(16 * 60_000), codeExpiresAt: at(16 * 60_000 + policy.ttlMs) });
    let guard: OtpGuardState = afterBlock;
    for (let i = 0; i < 2; i++) guard = decideVerify(guard, 'app-1', matcher('11111'), at(16 * 60_000 + i), policy).next;
    const third = decideVerify(guard, 'app-1', matcher('11111'), at(16 * 60_000 + 2), policy);
    expect(third).toMatchObject({ outcome: 'wrong', attemptsLeft: 0 });
    expect(third.next).toMatchObject({ blockedUntil: null, failedAttempts: 0, codeHash: null });
    // The voided code is no longer accepted, right or not.
    expect(decideVerify(third.next, 'app-1', matcher('04802'), at(16 * 60_000 + 3), policy).outcome).toBe('no_active_code');
  });

  it('blocks the IIN again once the grace after its last block has passed', () => {
    const graceOver = 15 * 60_000 + policy.blockGraceMs;
    const guard = guardWithCode('04802', { lastBlockedUntil: at(15 * 60_000), failedAttempts: 2, codeExpiresAt: at(graceOver + policy.ttlMs) });
    const third = decideVerify(guard, 'app-1', matcher('11111'), at(graceOver), policy);
    expect(third).toMatchObject({ outcome: 'blocked', newlyBlocked: true, blockedUntil: at(graceOver + policy.blockMs) });
    expect(third.next.lastBlockedUntil).toEqual(at(graceOver + policy.blockMs));
  });
});
