import { timingSafeEqual } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { maskIin, maskPhone } from '@app/identity';
import type { MobileCitizenRegistry } from '@app/registers';
import type { SmsSender } from '@app/messaging';
import { OtpAuditEntry, OtpGuard, OtpVerifyAttempt, type OtpFailureReason } from '@app/models';
import { decideSend, decideVerify, EMPTY_GUARD, generateOtpCode, otpCodeHash, type OtpGuardState, type OtpPolicy, type SendDecision, type VerifyDecision } from './otp-policy';

export type SendOutcome =
  | { outcome: 'sent'; expiresAt: string; resendAvailableAt: string; phoneMasked: string }
  | { outcome: 'too_early'; retryAfterMs: number }
  | { outcome: 'blocked'; blockedUntil: string }
  | { outcome: 'no_phone' };

export type VerifyOutcome =
  | { outcome: 'verified' }
  | { outcome: 'wrong'; attemptsLeft: number }
  | { outcome: 'expired' }
  | { outcome: 'blocked'; blockedUntil: string };

export interface OtpServiceDeps {
  dataSource: DataSource;
  registry: MobileCitizenRegistry;
  sms: SmsSender;
  hmacKey: Buffer;
  policy: OtpPolicy;
  clock?: () => Date;
}

const AUDIT_REASON: Record<Exclude<VerifyDecision['outcome'], 'verified'>, OtpFailureReason> = {
  wrong: 'wrong_code',
  expired: 'expired_code',
  blocked: 'blocked',
  no_active_code: 'no_active_code',
};

/**
 * One-time passwords against the БМГ phone, with the limits kept per IIN in MySQL under a row
 * lock, so any number of worker processes agree.
 */
export class OtpService {
  private readonly clock: () => Date;

  constructor(private readonly deps: OtpServiceDeps) {
    this.clock = deps.clock ?? (() => new Date());
  }

  /** Sends a fresh code unless the IIN is blocked or in its resend cooldown. Idempotent per `sendKey`. */
  async send(input: { applicationId: string; iin: string; sendKey: string }): Promise<SendOutcome> {
    // A send that would be refused anyway is answered before the register is asked for the phone.
    const unsent = await this.refusedSend(input);
    if (unsent) return unsent;
    const phone = await this.deps.registry.findPhone(input.iin);
    if (!phone) return { outcome: 'no_phone' };

    const code = generateOtpCode(this.deps.policy.codeLength);
    const reserved = await this.withGuard(input.iin, async (guard, manager) => {
      const now = this.clock();
      const decision = decideSend(guard, input, now, this.deps.policy);
      if (decision.kind !== 'send') return { decision, guard };
      const next: OtpGuardState = {
        ...guard,
        sendKey: input.sendKey,
        applicationId: input.applicationId,
        codeHash: otpCodeHash(this.deps.hmacKey, input.applicationId, code),
        codeExpiresAt: new Date(now.getTime() + this.deps.policy.ttlMs),
        lastSentAt: now,
        delivered: false,
      };
      await manager.update(OtpGuard, { iin: input.iin }, next);
      return { decision, guard: next };
    });

    const { decision, guard } = reserved;
    if (decision.kind === 'blocked' || decision.kind === 'too_early') return refusal(decision);
    if (decision.kind === 'send') {
      // Outside the transaction: the provider call may be slow. A failure here leaves delivered=false,
      // so the activity's retry (same sendKey) sends a new code instead of being told to wait.
      await this.deps.sms.send(phone, `Одноразовый пароль: ${code}. Никому не сообщайте его. eGov`);
      await this.deps.dataSource.getRepository(OtpGuard).update({ iin: input.iin, sendKey: input.sendKey }, { delivered: true });
    }
    return {
      outcome: 'sent',
      expiresAt: guard.codeExpiresAt!.toISOString(),
      resendAvailableAt: new Date(guard.lastSentAt!.getTime() + this.deps.policy.resendCooldownMs).toISOString(),
      phoneMasked: maskPhone(phone),
    };
  }

  /**
   * Judges a submitted code (given as its keyed hash) and journals every failure. With `attemptKey`
   * (one per submission), a retry of the same submission gets the outcome recorded the first time:
   * it can neither count a second wrong code nor consume a right one.
   */
  async verify(input: { applicationId: string; iin: string; codeHash: Buffer; clientAddress: string; attemptKey?: string }): Promise<VerifyOutcome> {
    return this.withGuard(input.iin, async (guard, manager) => {
      if (input.attemptKey) {
        const earlier = await manager.getRepository(OtpVerifyAttempt).findOneBy({ attemptKey: input.attemptKey });
        if (earlier) return JSON.parse(earlier.outcome) as VerifyOutcome;
      }
      const outcome = await this.judge(input, guard, manager);
      if (input.attemptKey) await manager.insert(OtpVerifyAttempt, { attemptKey: input.attemptKey, outcome: JSON.stringify(outcome), createdAt: this.clock() });
      return outcome;
    });
  }

  private async judge(input: { applicationId: string; iin: string; codeHash: Buffer; clientAddress: string }, guard: OtpGuardState, manager: EntityManager): Promise<VerifyOutcome> {
    {
      const now = this.clock();
      const matches = (stored: Buffer) => stored.length === input.codeHash.length && timingSafeEqual(stored, input.codeHash);
      const decision = decideVerify(guard, input.applicationId, matches, now, this.deps.policy);
      await manager.update(OtpGuard, { iin: input.iin }, decision.next);
      if (decision.outcome !== 'verified') {
        await manager.insert(OtpAuditEntry, {
          applicationId: input.applicationId,
          iinMasked: maskIin(input.iin),
          reason: decision.outcome === 'blocked' && decision.newlyBlocked ? 'wrong_code' : AUDIT_REASON[decision.outcome],
          clientAddress: input.clientAddress.slice(0, 64),
          createdAt: now,
        });
      }
      switch (decision.outcome) {
        case 'verified':
          return { outcome: 'verified' };
        case 'wrong':
          return { outcome: 'wrong', attemptsLeft: decision.attemptsLeft };
        case 'blocked':
          return { outcome: 'blocked', blockedUntil: decision.blockedUntil.toISOString() };
        case 'expired':
        case 'no_active_code':
          return { outcome: 'expired' };
      }
    }
  }

  /** Blocked or too early by the guard as it stands (read without a lock: the locked decision follows). */
  private async refusedSend(input: { applicationId: string; iin: string; sendKey: string }): Promise<SendOutcome | null> {
    const guard = await this.deps.dataSource.getRepository(OtpGuard).findOneBy({ iin: input.iin });
    if (!guard) return null;
    const decision = decideSend(guard, input, this.clock(), this.deps.policy);
    return decision.kind === 'blocked' || decision.kind === 'too_early' ? refusal(decision) : null;
  }

  private async withGuard<T>(iin: string, work: (guard: OtpGuardState, manager: EntityManager) => Promise<T>): Promise<T> {
    return this.deps.dataSource.transaction(async (manager) => work(await lockOtpGuard(manager, iin), manager));
  }
}

function refusal(decision: Extract<SendDecision, { kind: 'blocked' | 'too_early' }>): SendOutcome {
  return decision.kind === 'blocked' ? { outcome: 'blocked', blockedUntil: decision.blockedUntil.toISOString() } : { outcome: 'too_early', retryAfterMs: decision.retryAfterMs };
}

/**
 * Locks the IIN's guard row (creating it first) until the surrounding transaction ends: the one
 * lock that serialises everything done per IIN — codes, attempts, and starting applications.
 */
export async function lockOtpGuard(manager: EntityManager, iin: string): Promise<OtpGuard> {
  // A no-op ON DUPLICATE KEY UPDATE takes the existing row's exclusive lock at once; INSERT IGNORE's
  // shared lock would deadlock two starts for one IIN that both go on to FOR UPDATE.
  await manager.createQueryBuilder().insert().into(OtpGuard).values({ ...EMPTY_GUARD, iin }).orUpdate(['iin'], ['iin']).execute();
  return manager.getRepository(OtpGuard).createQueryBuilder('g').setLock('pessimistic_write').where('g.iin = :iin', { iin }).getOneOrFail();
}

/** Until when the IIN is blocked; null when it is free. */
export async function otpBlockedUntil(dataSource: DataSource, iin: string, now = new Date()): Promise<Date | null> {
  const guard = await dataSource.getRepository(OtpGuard).findOneBy({ iin });
  return guard?.blockedUntil && guard.blockedUntil > now ? guard.blockedUntil : null;
}
