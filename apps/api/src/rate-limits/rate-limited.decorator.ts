import type { ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { RATE_LIMITED_ROUTE, type RateLimitedRoute } from '@app/access';

export { RATE_LIMITED_ROUTES, RateLimited, type RateLimitedRoute } from '@app/access';

const reflector = new Reflector();

/** The limits a request's route is under, if any. */
export function rateLimitedRouteOf(context: ExecutionContext): RateLimitedRoute | undefined {
  return reflector.get<RateLimitedRoute | undefined>(RATE_LIMITED_ROUTE, context.getHandler());
}
