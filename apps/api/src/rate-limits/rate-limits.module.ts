import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { getDataSourceToken } from '@nestjs/typeorm';
import { ThrottlerModule, type ThrottlerOptions } from '@nestjs/throttler';
import type { DataSource } from 'typeorm';
import type { RateLimit } from '@app/config';
import { keyedHash } from '@app/crypto';
import { API_CONFIG, type ApiConfig } from '../common/config.token';
import { MysqlThrottlerStorage } from './mysql-throttler-storage';
import { RateLimitGuard } from './rate-limit.guard';
import { clientAddress, iinOfStart, iinTrackers } from './rate-limit-trackers';
import { RATE_LIMITED_ROUTES, rateLimitedRouteOf, type RateLimitedRoute } from './rate-limited.decorator';

@Module({ providers: [MysqlThrottlerStorage], exports: [MysqlThrottlerStorage] })
class RateLimitStorageModule {}

/** Which configured limits each route is under. */
function limitsOf(config: ApiConfig): Record<RateLimitedRoute, { address: RateLimit; iin?: RateLimit }> {
  return {
    start: { address: config.RATE_LIMIT_START_PER_ADDRESS, iin: config.RATE_LIMIT_START_PER_IIN },
    otp: { address: config.RATE_LIMIT_OTP_PER_ADDRESS, iin: config.RATE_LIMIT_OTP_PER_IIN },
    otp_resend: { address: config.RATE_LIMIT_OTP_RESEND_PER_ADDRESS, iin: config.RATE_LIMIT_OTP_RESEND_PER_IIN },
    nuc_status: { address: config.RATE_LIMIT_NUC_STATUS_PER_ADDRESS, iin: config.RATE_LIMIT_NUC_STATUS_PER_IIN },
    ocsp: { address: config.RATE_LIMIT_OCSP_PER_ADDRESS },
    portal: { address: config.RATE_LIMIT_PORTAL_PER_ADDRESS },
  };
}

function throttlersFor(config: ApiConfig, dataSource: DataSource): ThrottlerOptions[] {
  const iinOf = iinTrackers(dataSource);
  return RATE_LIMITED_ROUTES.flatMap((route) => {
    const { address, iin } = limitsOf(config)[route];
    const window = (limit: RateLimit) => ({ limit: limit.limit, ttl: limit.windowSeconds * 1000, blockDuration: 0 });
    const perAddress: ThrottlerOptions = { name: `${route}:address`, ...window(address), skipIf: (context) => rateLimitedRouteOf(context) !== route, getTracker: clientAddress };
    if (!iin || route === 'ocsp' || route === 'portal') return [perAddress];
    return [
      perAddress,
      {
        name: `${route}:iin`,
        ...window(iin),
        // A start without a well-formed IIN is refused by validation; it has no IIN to count.
        skipIf: (context) => rateLimitedRouteOf(context) !== route || (route === 'start' && iinOfStart(context) === null),
        getTracker: iinOf[route],
      },
    ] satisfies ThrottlerOptions[];
  });
}

/**
 * Limits of the public endpoints (@RateLimited routes) with @nestjs/throttler: per client address
 * and per IIN, counted in MySQL so every API process shares them. Counter keys are keyed hashes of
 * the limit and the address or IIN: neither is stored.
 */
@Module({
  imports: [
    ThrottlerModule.forRootAsync({
      imports: [RateLimitStorageModule],
      inject: [API_CONFIG, getDataSourceToken(), MysqlThrottlerStorage],
      useFactory: (config: ApiConfig, dataSource: DataSource, storage: MysqlThrottlerStorage) => {
        const key = Buffer.from(config.ACCESS_TOKEN_HMAC_KEY, 'base64');
        return {
          throttlers: throttlersFor(config, dataSource),
          storage,
          setHeaders: false,
          generateKey: (_context, tracker, name) => keyedHash(key, `rate-limit:${name}:${tracker}`).toString('hex'),
        };
      },
    }),
  ],
  providers: [{ provide: APP_GUARD, useClass: RateLimitGuard }],
})
export class RateLimitsModule {}
