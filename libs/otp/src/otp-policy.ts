import { randomInt } from 'node:crypto';
import { keyedHash } from '@app/crypto';

/** The seed's rules as numbers; every one is configuration (DESIGN §2.3). */
export interface OtpPolicy {
  codeLength: number;
  ttlMs: number;
  resendCooldownMs: number;
  maxAttempts: number;
  blockMs: number;
  /**
   * After a block ends, the IIN is not blocked again for this long: a third wrong code in that time
   * voids the code instead. Without it, whoever knows an IIN could keep it blocked for ever by
   * starting an application and typing three wrong codes every 15 minutes.
   */
  blockGraceMs: number;
}

/** What the per-IIN guard row holds, as the decisions below need it. */
export interface OtpGuardState {
  failedAttempts: number;
  blockedUntil: Date | null;
  /** The end of the IIN's latest block, kept after it passed (blockedUntil is cleared): the grace is counted from it. */
  lastBlockedUntil: Date | null;
  lastSentAt: Date | null;
  sendKey: string | null;
  applicationId: string | null;
  codeHash: Buffer | null;
  codeExpiresAt: Date | null;
  delivered: boolean;
}

export const EMPTY_GUARD: OtpGuardState = {
  failedAttempts: 0,
  blockedUntil: null,
  lastBlockedUntil: null,
  lastSentAt: null,
  sendKey: null,
  applicationId: null,
  codeHash: null,
  codeExpiresAt: null,
  delivered: false,
};

/** A uniformly random numeric code, zero-padded (04802 is a valid 5-digit code, as in the seed). */
export function generateOtpCode(length: number): string {
  return String(randomInt(0, 10 ** length)).padStart(length, '0');
}

/** The code is hashed together with its application, so a hash is useless for any other application. */
export function otpCodeHash(key: Buffer, applicationId: string, code: string): Buffer {
  return keyedHash(key, `otp:${applicationId}:${code}`);
}

export type SendDecision =
  | { kind: 'blocked'; blockedUntil: Date }
  | { kind: 'too_early'; retryAfterMs: number }
  | { kind: 'already_sent' }
  | { kind: 'send' };

/**
 * The application whose code reached the phone and can still be entered, or null. While there is
 * one, no other application of the IIN may take its place (nor its code).
 */
export function liveCodeHolder(guard: OtpGuardState, now: Date): string | null {
  const live = guard.delivered && guard.codeHash !== null && guard.codeExpiresAt !== null && guard.codeExpiresAt > now;
  return live ? guard.applicationId : null;
}

/**
 * May a code go out now? A retry of the same send (same key) that already reached the provider is
 * answered from the record; an undelivered one may be sent again with a fresh code. Another
 * application's code that the phone got and can still be entered is not replaced: the send waits
 * until it expires (or is used).
 */
export function decideSend(guard: OtpGuardState, send: { applicationId: string; sendKey: string }, now: Date, policy: OtpPolicy): SendDecision {
  if (guard.blockedUntil && guard.blockedUntil > now) return { kind: 'blocked', blockedUntil: guard.blockedUntil };
  if (guard.sendKey === send.sendKey) return guard.delivered ? { kind: 'already_sent' } : { kind: 'send' };
  let readyAt = 0;
  if (guard.lastSentAt && guard.delivered) readyAt = guard.lastSentAt.getTime() + policy.resendCooldownMs;
  const holder = liveCodeHolder(guard, now);
  if (holder !== null && holder !== send.applicationId) readyAt = Math.max(readyAt, guard.codeExpiresAt!.getTime());
  if (readyAt > now.getTime()) return { kind: 'too_early', retryAfterMs: readyAt - now.getTime() };
  return { kind: 'send' };
}

export type VerifyDecision =
  | { outcome: 'verified'; next: OtpGuardState }
  | { outcome: 'wrong'; attemptsLeft: number; next: OtpGuardState }
  | { outcome: 'blocked'; blockedUntil: Date; next: OtpGuardState; newlyBlocked: boolean }
  | { outcome: 'expired'; next: OtpGuardState }
  | { outcome: 'no_active_code'; next: OtpGuardState };

/**
 * Judges one submitted code. The third wrong code (policy.maxAttempts) blocks the IIN for
 * policy.blockMs and voids the code — or, within policy.blockGraceMs after the IIN's last block
 * ended, only voids the code (attemptsLeft 0: a new code is needed). A right code is single-use.
 * Pure: the caller persists `next`.
 */
export function decideVerify(
  guard: OtpGuardState,
  applicationId: string,
  candidateHashMatches: (stored: Buffer) => boolean,
  now: Date,
  policy: OtpPolicy,
): VerifyDecision {
  if (guard.blockedUntil && guard.blockedUntil > now) {
    return { outcome: 'blocked', blockedUntil: guard.blockedUntil, next: guard, newlyBlocked: false };
  }
  const released = guard.blockedUntil ? { ...guard, blockedUntil: null, failedAttempts: 0 } : guard;
  if (!released.codeHash || released.applicationId !== applicationId || !released.delivered) {
    return { outcome: 'no_active_code', next: released };
  }
  if (!released.codeExpiresAt || released.codeExpiresAt <= now) {
    return { outcome: 'expired', next: { ...released, codeHash: null } };
  }
  if (candidateHashMatches(released.codeHash)) {
    return { outcome: 'verified', next: { ...released, failedAttempts: 0, codeHash: null, codeExpiresAt: null } };
  }
  const failedAttempts = released.failedAttempts + 1;
  if (failedAttempts >= policy.maxAttempts) {
    const voided = { ...released, failedAttempts: 0, codeHash: null, codeExpiresAt: null };
    const graceEndsAt = released.lastBlockedUntil ? released.lastBlockedUntil.getTime() + policy.blockGraceMs : Number.NEGATIVE_INFINITY;
    if (now.getTime() < graceEndsAt) return { outcome: 'wrong', attemptsLeft: 0, next: voided };
    const blockedUntil = new Date(now.getTime() + policy.blockMs);
    return { outcome: 'blocked', blockedUntil, newlyBlocked: true, next: { ...voided, blockedUntil, lastBlockedUntil: blockedUntil } };
  }
  return { outcome: 'wrong', attemptsLeft: policy.maxAttempts - failedAttempts, next: { ...released, failedAttempts } };
}

/** Digits of a phone number as БМГ keeps it (+7…): what the Digital ID page's number is compared by. */
export function normalisePhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  return digits.length === 11 && digits.startsWith('8') ? `7${digits.slice(1)}` : digits;
}

/** Keyed hash of an IIN's phone number: the number typed on the Digital ID page never enters workflow history. */
export function phoneHash(key: Buffer, iin: string, phone: string): Buffer {
  return keyedHash(key, `phone:${iin}:${normalisePhone(phone)}`);
}
