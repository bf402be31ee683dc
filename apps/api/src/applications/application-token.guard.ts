import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Request } from 'express';
import type { Repository } from 'typeorm';
import { keyedHashMatches } from '@app/crypto';
import { Application } from '@app/models';
import { ApiError, ApiErrorCode } from '../common/api-error';
import { API_CONFIG, type ApiConfig } from '../common/config.token';

export type RequestWithApplication = Request & { application: Application };

/**
 * Each application has its own bearer token, given once at creation and stored only as a keyed hash.
 * No token → 401. A token that is not this application's → 404, so ids cannot be probed.
 */
@Injectable()
export class ApplicationTokenGuard implements CanActivate {
  private readonly key: Buffer;

  constructor(
    @InjectRepository(Application) private readonly applications: Repository<Application>,
    @Inject(API_CONFIG) config: ApiConfig,
  ) {
    this.key = Buffer.from(config.ACCESS_TOKEN_HMAC_KEY, 'base64');
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<RequestWithApplication>();
    const [scheme, token] = (request.header('authorization') ?? '').split(' ');
    if (scheme !== 'Bearer' || !token) throw new ApiError(ApiErrorCode.Unauthenticated, 'this call needs the application token: Authorization: Bearer <token>');
    const id = request.params.id;
    const application = typeof id === 'string' && /^[0-9a-f-]{36}$/.test(id) ? await this.applications.findOneBy({ id }) : null;
    if (!application || !keyedHashMatches(this.key, `token:${application.id}:${token}`, application.accessTokenHash)) {
      throw new ApiError(ApiErrorCode.ApplicationNotFound, 'application not found');
    }
    request.application = application;
    return true;
  }
}
