import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Algorithm, hash, verify } from '@node-rs/argon2';
import type { DataSource } from 'typeorm';
import { DigitalIdPin } from '@app/models';
import { ApiError, ApiErrorCode } from '../common/api-error';
import { API_CONFIG, type ApiConfig } from '../common/config.token';

/** OWASP's argon2id baseline: 19 MiB, 2 passes, one lane. */
const ARGON2 = { algorithm: Algorithm.Argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 };

/**
 * The Digital ID PIN (seed 002 step 13, step 21): kept only as an argon2id hash in MySQL, never in
 * workflow history or logs; wrong PINs at the consent step are counted and limited.
 */
@Injectable()
export class PinService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
  ) {}

  /** Checks the two entries and stores the hash (replacing an earlier one of this application). */
  async set(applicationId: string, pin: string, confirmation: string): Promise<void> {
    if (pin.length !== this.config.PIN_LENGTH) throw new ApiError(ApiErrorCode.PinMismatch, `PIN-код состоит из ${this.config.PIN_LENGTH} цифр`);
    if (/^(\d)\1+$/.test(pin) || '01234567890'.includes(pin) || '09876543210'.includes(pin)) {
      throw new ApiError(ApiErrorCode.PinMismatch, 'PIN-код слишком простой: не используйте одинаковые цифры или цифры подряд');
    }
    if (pin !== confirmation) throw new ApiError(ApiErrorCode.PinMismatch, 'PIN-коды не совпадают');
    const now = new Date();
    const pinHash = await hash(pin, ARGON2);
    await this.dataSource
      .createQueryBuilder()
      .insert()
      .into(DigitalIdPin)
      .values({ applicationId, pinHash, failedAttempts: 0, createdAt: now, updatedAt: now })
      .orUpdate(['pin_hash', 'failed_attempts', 'updated_at'], ['application_id'])
      .execute();
  }

  /** Verifies the PIN at consent; the attempt is counted under a row lock, so parallel guesses cannot slip past the limit. */
  async check(applicationId: string, pin: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const row = await manager.getRepository(DigitalIdPin).findOne({ where: { applicationId }, lock: { mode: 'pessimistic_write' } });
      if (!row) throw new ApiError(ApiErrorCode.InvalidState, 'no PIN is set for this application');
      const max = this.config.PIN_MAX_ATTEMPTS;
      if (row.failedAttempts >= max) throw new ApiError(ApiErrorCode.PinLocked, 'PIN-код заблокирован: превышено число попыток. Начните получение ЭЦП заново.');
      if (await verify(row.pinHash, pin)) {
        if (row.failedAttempts) await manager.update(DigitalIdPin, { applicationId }, { failedAttempts: 0, updatedAt: new Date() });
        return;
      }
      const failed = row.failedAttempts + 1;
      await manager.update(DigitalIdPin, { applicationId }, { failedAttempts: failed, updatedAt: new Date() });
      if (failed >= max) throw new ApiError(ApiErrorCode.PinLocked, 'PIN-код заблокирован: превышено число попыток. Начните получение ЭЦП заново.');
      throw new ApiError(ApiErrorCode.PinWrong, `Неверный PIN-код. Осталось попыток: ${max - failed}`, { attemptsLeft: max - failed });
    });
  }
}
