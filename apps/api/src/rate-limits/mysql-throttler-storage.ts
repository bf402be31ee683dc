import { Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { ThrottlerStorage } from '@nestjs/throttler';
import { LessThan, type DataSource } from 'typeorm';
import { RateLimitCounter } from '@app/models';
import { countRequest, type ThrottlerStorageRecord } from './rate-limit-window';

/** Counters whose window ended this long ago are deleted. */
const KEEP_ENDED_MS = 3600_000;
const SWEEP_EVERY_MS = 10 * 60_000;

/**
 * The throttler's storage in MySQL, so every API process counts against the same windows (nothing
 * is held in process memory). Each count takes the counter's row lock: concurrent requests for
 * one key are counted one after the other.
 */
@Injectable()
export class MysqlThrottlerStorage implements ThrottlerStorage, OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(MysqlThrottlerStorage.name);
  private sweep?: NodeJS.Timeout;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** `key` is the hex of a keyed hash (see RateLimitsModule); ttl and blockDuration in milliseconds. */
  async increment(key: string, ttl: number, limit: number, blockDuration: number): Promise<ThrottlerStorageRecord> {
    const counterKey = Buffer.from(key, 'hex');
    return this.dataSource.transaction(async (manager) => {
      const now = new Date();
      // ON DUPLICATE KEY UPDATE (a no-op update), not INSERT IGNORE: on an existing row it takes the
      // exclusive lock at once. INSERT IGNORE takes a shared one, and two requests holding it that
      // both go on to FOR UPDATE deadlock (20 applicants from one address made 15 starts fail).
      await manager
        .createQueryBuilder()
        .insert()
        .into(RateLimitCounter)
        .values({ counterKey, hits: 0, windowEndsAt: new Date(now.getTime() + ttl), blockedUntil: null })
        .orUpdate(['counter_key'], ['counter_key'])
        .execute();
      const window = await manager.getRepository(RateLimitCounter).createQueryBuilder('c').setLock('pessimistic_write').where('c.counter_key = :counterKey', { counterKey }).getOneOrFail();
      const { next, record } = countRequest(window, now, ttl, limit, blockDuration);
      if (next !== window) await manager.update(RateLimitCounter, { counterKey }, { hits: next.hits, windowEndsAt: next.windowEndsAt, blockedUntil: next.blockedUntil });
      return record;
    });
  }

  onModuleInit(): void {
    this.sweep = setInterval(() => void this.deleteEnded(), SWEEP_EVERY_MS);
    this.sweep.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.sweep);
  }

  private async deleteEnded(): Promise<void> {
    const before = new Date(Date.now() - KEEP_ENDED_MS);
    await this.dataSource
      .getRepository(RateLimitCounter)
      .createQueryBuilder()
      .delete()
      .where({ windowEndsAt: LessThan(before) })
      .andWhere('(blocked_until IS NULL OR blocked_until < :before)', { before })
      .execute()
      .catch((error: Error) => this.logger.warn(`could not delete ended rate-limit counters: ${error.message}`));
  }
}
