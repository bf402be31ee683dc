import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { PORTAL_OWN_MESSAGES } from '@app/contracts';
import { Application, PortalAccount, StaffAccount } from '@app/models';
import { ApiError, ApiErrorCode } from '../common/api-error';
import { API_CONFIG, type ApiConfig } from '../common/config.token';
import { PUBLIC_ROUTE } from '@app/access';
import { applicationTokenMatches } from './application-token';
import { ROUTE_ACCESS, type RequestWithPrincipal, type RouteAccess } from './auth.decorators';
import { rolesOf } from './staff-accounts';
import { SessionService, sessionKindOf } from './session.service';
import type { Principal } from './principal';

export type RequestWithApplication = RequestWithPrincipal & { application: Application };

/** An application token is 32 random bytes, base64url. */
const APPLICANT_TOKEN = /^[A-Za-z0-9_-]{43}$/;

const WHO: Record<Principal['kind'], string> = {
  applicant: 'the application token: Authorization: Bearer <token>',
  staff: 'a staff session: sign in at POST /api/v1/staff/sessions, then Authorization: Bearer <token>',
  first_head: 'a first-head session: sign in with your certificate at POST /api/v1/first-head/sessions, then Authorization: Bearer <token>',
  citizen: 'a portal session: sign in with your ИИН/БИН and password at POST /api/v1/portal/sessions, then Authorization: Bearer <token>',
};

/**
 * Deny by default: a route opens only to the principal its @Authenticated names, or to anyone when
 * it is @Public. A credential of another kind (an applicant's token on a staff route, a staff session
 * on an applicant's) is 403; a missing, unknown or ended one is 401.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  private readonly key: Buffer;

  constructor(
    private readonly reflector: Reflector,
    private readonly sessions: SessionService,
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(API_CONFIG) config: ApiConfig,
  ) {
    this.key = Buffer.from(config.ACCESS_TOKEN_HMAC_KEY, 'base64');
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    const access = this.reflector.getAllAndOverride<RouteAccess | undefined>(ROUTE_ACCESS, targets);
    if (!access) {
      if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;
      throw new ApiError(ApiErrorCode.Unauthenticated, 'this route is closed: it names no principal that may call it');
    }
    const request = context.switchToHttp().getRequest<RequestWithApplication>();
    const [scheme, token] = (request.header('authorization') ?? '').split(' ');
    if (scheme !== 'Bearer' || !token) throw new ApiError(ApiErrorCode.Unauthenticated, `this call needs ${WHO[access.principal]}`);
    const claimed = sessionKindOf(token) ?? (APPLICANT_TOKEN.test(token) ? 'applicant' : null);
    if (claimed && claimed !== access.principal) {
      throw new ApiError(ApiErrorCode.Forbidden, `this route is not open to ${claimed === 'applicant' ? 'an application token' : `a ${claimed.replace('_', '-')} session`}; it needs ${WHO[access.principal]}`);
    }
    request.principal = await this.resolve(access, token, request);
    return true;
  }

  private async resolve(access: RouteAccess, token: string, request: RequestWithApplication): Promise<Principal> {
    switch (access.principal) {
      case 'applicant': {
        // A token that is not this application's → 404, so ids cannot be probed.
        const id = request.params.id;
        const application = typeof id === 'string' && /^[0-9a-f-]{36}$/.test(id) ? await this.dataSource.getRepository(Application).findOneBy({ id }) : null;
        if (!application || !applicationTokenMatches(this.key, application, token)) {
          throw new ApiError(ApiErrorCode.ApplicationNotFound, 'application not found');
        }
        request.application = application;
        return { kind: 'applicant', applicationId: application.id };
      }
      case 'staff': {
        const session = await this.sessions.resolve(token, 'staff');
        const account = session && (await this.dataSource.getRepository(StaffAccount).findOneBy({ id: session.subjectId }));
        if (!session || !account || account.disabledAt) throw new ApiError(ApiErrorCode.Unauthenticated, 'the staff session has ended or was revoked; sign in again');
        const roles = rolesOf(account);
        if (access.roles && !access.roles.some((r) => roles.includes(r))) {
          throw new ApiError(ApiErrorCode.Forbidden, `this needs the role ${access.roles.join(' or ')}; ask an administrator`);
        }
        return { kind: 'staff', staffId: account.id, username: account.username, roles, sessionId: session.id };
      }
      case 'first_head': {
        const session = await this.sessions.resolve(token, 'first_head');
        if (!session) throw new ApiError(ApiErrorCode.Unauthenticated, 'the first-head session has ended; sign in with your certificate again');
        const [iin, bin] = session.subjectId.split(':');
        return { kind: 'first_head', iin, bin, certificateSerial: String(session.data?.certificateSerial ?? ''), sessionId: session.id };
      }
      case 'citizen': {
        const session = await this.sessions.resolve(token, 'citizen');
        // Rights are read from the account on every call: a raise to full rights counts at once.
        const account = session && (await this.dataSource.getRepository(PortalAccount).findOneBy({ id: session.subjectId }));
        if (!session || !account) throw new ApiError(ApiErrorCode.Unauthenticated, 'the portal session has ended or was revoked; sign in again');
        if (access.fullRightsOnly && account.rights !== 'full') throw new ApiError(ApiErrorCode.Forbidden, PORTAL_OWN_MESSAGES.fullRightsRequired);
        return { kind: 'citizen', accountId: account.id, login: account.login, rights: account.rights, signedInWith: session.data?.method === 'signature' ? 'signature' : 'password', sessionId: session.id };
      }
    }
  }
}
