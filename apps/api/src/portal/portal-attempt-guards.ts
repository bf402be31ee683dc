import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { PORTAL_MESSAGES } from '@app/contracts';
import { PortalAttemptGuard, type PortalAttemptPurpose } from '@app/models';
import { ApiError, ApiErrorCode } from '../common/api-error';
import { API_CONFIG, type ApiConfig } from '../common/config.token';

export interface CountedFailure {
  /** Set when this failure (or an earlier one) blocked the ИИН/БИН. */
  blockedUntil: Date | null;
  attemptsLeft: number;
}

/**
 * Seed 000: «после 3 (трех) неудачных попыток Пользователь будет заблокирован на 15 минут». Failed
 * tries in a row per ИИН/БИН and purpose, counted under the row's lock so parallel tries count one by
 * one, whether or not an account has that ИИН/БИН.
 */
@Injectable()
export class PortalAttemptGuards {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
  ) {}

  async blockedUntil(purpose: PortalAttemptPurpose, subject: string, at = new Date()): Promise<Date | null> {
    const guard = await this.dataSource.getRepository(PortalAttemptGuard).findOneBy({ purpose, subject });
    return guard?.blockedUntil && guard.blockedUntil > at ? guard.blockedUntil : null;
  }

  async failed(purpose: PortalAttemptPurpose, subject: string, at = new Date()): Promise<CountedFailure> {
    return this.dataSource.transaction(async (manager) => {
      await manager.createQueryBuilder().insert().into(PortalAttemptGuard).values({ purpose, subject, failures: 0, blockedUntil: null, updatedAt: at }).orIgnore().execute();
      const guard = (await manager.getRepository(PortalAttemptGuard).findOne({ where: { purpose, subject }, lock: { mode: 'pessimistic_write' } }))!;
      if (guard.blockedUntil && guard.blockedUntil > at) return { blockedUntil: guard.blockedUntil, attemptsLeft: 0 };
      if (guard.blockedUntil) Object.assign(guard, { failures: 0, blockedUntil: null }); // a block that has run out: count afresh
      guard.failures += 1;
      guard.updatedAt = at;
      if (guard.failures >= this.config.PORTAL_MAX_FAILED_ATTEMPTS) Object.assign(guard, { failures: 0, blockedUntil: new Date(at.getTime() + this.config.PORTAL_BLOCK_SECONDS * 1000) });
      await manager.save(guard);
      return { blockedUntil: guard.blockedUntil, attemptsLeft: guard.blockedUntil ? 0 : this.config.PORTAL_MAX_FAILED_ATTEMPTS - guard.failures };
    });
  }

  async succeeded(purpose: PortalAttemptPurpose, subject: string): Promise<void> {
    await this.dataSource.getRepository(PortalAttemptGuard).update({ purpose, subject }, { failures: 0, blockedUntil: null, updatedAt: new Date() });
  }
}

/** 423 «Вы заблокированы!» with how long. */
export function blockedError(until: Date, details: Record<string, unknown> = {}): ApiError {
  const retryAfterSeconds = Math.max(1, Math.ceil((until.getTime() - Date.now()) / 1000));
  return new ApiError(ApiErrorCode.Blocked, PORTAL_MESSAGES.blocked, { blockedUntil: until.toISOString(), retryAfterSeconds, ...details }, retryAfterSeconds);
}
