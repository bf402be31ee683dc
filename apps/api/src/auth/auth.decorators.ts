import { SetMetadata, createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import type { Principal, PrincipalKind, StaffRole } from './principal';

export { PUBLIC_ROUTE, Public } from '@app/access';
export const ROUTE_ACCESS = 'auth:access';

export interface RouteAccess {
  principal: PrincipalKind;
  /** Staff only: any one of these roles opens the route. */
  roles?: StaffRole[];
  /** Citizens only: the route is closed to an account with temporary rights (seed 000: «Проверка услуг»). */
  fullRightsOnly?: boolean;
}

/**
 * The route needs this kind of principal (and, for staff, one of these roles):
 * `@Authenticated({ principal: 'applicant' })` — the application's own token, on routes with `:id`;
 * `@Authenticated({ principal: 'staff', roles: ['moderator'] })`; `@Authenticated({ principal: 'first_head' })`;
 * `@Authenticated({ principal: 'citizen' })` (a portal session), `{ principal: 'citizen', fullRightsOnly: true }`.
 */
export const Authenticated = (access: RouteAccess) => SetMetadata(ROUTE_ACCESS, access);

export type RequestWithPrincipal = Request & { principal?: Principal };

/** The principal the guard resolved for this request. */
export const CurrentPrincipal = createParamDecorator((_: unknown, context: ExecutionContext): Principal => {
  const principal = context.switchToHttp().getRequest<RequestWithPrincipal>().principal;
  if (!principal) throw new Error('CurrentPrincipal on a route without @Authenticated');
  return principal;
});

/** Narrowing helpers for handlers whose route admits one kind. */
export function principalOf<K extends PrincipalKind>(principal: Principal, kind: K): Extract<Principal, { kind: K }> {
  if (principal.kind !== kind) throw new Error(`expected a ${kind} principal`);
  return principal as Extract<Principal, { kind: K }>;
}
