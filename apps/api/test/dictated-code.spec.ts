import { judgeDictatedCode } from '../src/mcdb/dictated-code';

const now = new Date('2026-11-22T10:00:00Z');
const open = { status: 'code_sent' as const, codeExpiresAt: new Date(now.getTime() + 60_000), failedAttempts: 0 };

describe(judgeDictatedCode.name, () => {
  it('confirms the right code while it is valid', () => {
    expect(judgeDictatedCode(open, true, now, 3)).toEqual({ outcome: 'confirmed' });
  });

  it('counts wrong codes down and ends the registration at the third', () => {
    expect(judgeDictatedCode(open, false, now, 3)).toEqual({ outcome: 'wrong', attemptsLeft: 2 });
    expect(judgeDictatedCode({ ...open, failedAttempts: 1 }, false, now, 3)).toEqual({ outcome: 'wrong', attemptsLeft: 1 });
    expect(judgeDictatedCode({ ...open, failedAttempts: 2 }, false, now, 3)).toEqual({ outcome: 'attempts_exhausted' });
  });

  it('refuses even the right code once it expired, and anything on an ended registration', () => {
    expect(judgeDictatedCode({ ...open, codeExpiresAt: now }, true, now, 3)).toEqual({ outcome: 'expired' });
    expect(judgeDictatedCode({ ...open, status: 'registered' }, true, now, 3)).toEqual({ outcome: 'closed' });
    expect(judgeDictatedCode({ ...open, status: 'attempts_exhausted' }, true, now, 3)).toEqual({ outcome: 'closed' });
  });
});
