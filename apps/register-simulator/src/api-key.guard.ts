import { timingSafeEqual } from 'node:crypto';
import { type CanActivate, type ExecutionContext, Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import type { Request } from 'express';

export const REGISTER_API_KEY = Symbol('REGISTER_API_KEY');

/** The government service bus admits only known callers: every register call carries the caller's key. */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(@Inject(REGISTER_API_KEY) private readonly apiKey: string) {}

  canActivate(context: ExecutionContext): boolean {
    const presented = context.switchToHttp().getRequest<Request>().header('x-api-key') ?? '';
    const a = Buffer.from(presented);
    const b = Buffer.from(this.apiKey);
    if (a.length !== b.length || !timingSafeEqual(a, b)) throw new UnauthorizedException('a valid x-api-key header is required');
    return true;
  }
}
