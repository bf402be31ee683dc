import { SetMetadata, applyDecorators } from '@nestjs/common';
import { ApiTooManyRequestsResponse } from '@nestjs/swagger';

/**
 * The metadata key the API's global AuthGuard reads: a route marked with it needs no principal.
 * It lives here, apart from the guard, so libraries with their own controllers (the CA's CRL,
 * OCSP and certificate endpoints) can mark public routes without depending on the API.
 */
export const PUBLIC_ROUTE = 'auth:public';

/** Anyone may call this route: it needs no principal. Everything else is denied by default. */
export const Public = () => SetMetadata(PUBLIC_ROUTE, true);

/** The public endpoints with limits of their own (per client address, and per IIN where a request has one; from the API's configuration). */
export const RATE_LIMITED_ROUTES = ['start', 'otp', 'otp_resend', 'nuc_status', 'ocsp', 'portal'] as const;
export type RateLimitedRoute = (typeof RATE_LIMITED_ROUTES)[number];

/** The metadata key the API's global RateLimitGuard reads. */
export const RATE_LIMITED_ROUTE = 'rate-limit:route';

/**
 * Puts a route under the limits named `route`: past them it answers 429 with Retry-After and the
 * seconds to wait. The API's global RateLimitGuard enforces them; routes without it are not limited.
 */
export const RateLimited = (route: RateLimitedRoute): MethodDecorator =>
  applyDecorators(
    SetMetadata(RATE_LIMITED_ROUTE, route),
    ApiTooManyRequestsResponse({ description: 'too many requests from this address or for this IIN: Retry-After and retryAfterSeconds say how long to wait' }),
  );
