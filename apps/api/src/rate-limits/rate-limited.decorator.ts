import { SetMetadata, applyDecorators, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiTooManyRequestsResponse } from '@nestjs/swagger';

/** The public endpoints with limits of their own (each per client address and per IIN, from configuration). */
export const RATE_LIMITED_ROUTES = ['start', 'otp', 'otp_resend', 'nuc_status'] as const;
export type RateLimitedRoute = (typeof RATE_LIMITED_ROUTES)[number];

const RATE_LIMITED_ROUTE = 'rate-limited-route';
const reflector = new Reflector();

/**
 * Puts a route under the limits named `route`: past them it answers 429 with Retry-After and the
 * seconds to wait. The global RateLimitGuard enforces them; routes without it are not limited.
 */
export function RateLimited(route: RateLimitedRoute): MethodDecorator {
  return applyDecorators(
    SetMetadata(RATE_LIMITED_ROUTE, route),
    ApiTooManyRequestsResponse({ description: 'too many requests from this address or for this IIN: Retry-After and retryAfterSeconds say how long to wait' }),
  );
}

/** The limits a request's route is under, if any. */
export function rateLimitedRouteOf(context: ExecutionContext): RateLimitedRoute | undefined {
  return reflector.get<RateLimitedRoute | undefined>(RATE_LIMITED_ROUTE, context.getHandler());
}
