import { Injectable, type ExecutionContext } from '@nestjs/common';
import { ThrottlerGuard, type ThrottlerLimitDetail } from '@nestjs/throttler';
import { ApiError, ApiErrorCode } from '../common/api-error';
import { rateLimitedRouteOf } from './rate-limited.decorator';

/**
 * The throttler's guard for the routes marked @RateLimited (the others pass untouched): over a
 * limit, 429 with Retry-After and a message with the seconds to wait, through the API's one filter.
 */
@Injectable()
export class RateLimitGuard extends ThrottlerGuard {
  protected override async shouldSkip(context: ExecutionContext): Promise<boolean> {
    return context.getType() !== 'http' || rateLimitedRouteOf(context) === undefined;
  }

  protected override async throwThrottlingException(_context: ExecutionContext, detail: ThrottlerLimitDetail): Promise<void> {
    const seconds = Math.max(1, detail.timeToBlockExpire);
    throw new ApiError(ApiErrorCode.RateLimited, `Слишком много запросов. Повторите попытку через ${seconds} с`, { retryAfterSeconds: seconds }, seconds);
  }
}
