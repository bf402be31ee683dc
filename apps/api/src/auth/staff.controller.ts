import { Body, Controller, Delete, Get, HttpCode, Inject, Injectable, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import type { Request } from 'express';
import type { DataSource } from 'typeorm';
import { ApiError, ApiErrorCode } from '../common/api-error';
import { API_CONFIG, type ApiConfig } from '../common/config.token';
import { AuditJournal } from './audit-journal';
import { Authenticated, CurrentPrincipal, Public, principalOf } from './auth.decorators';
import type { Principal, StaffRole } from './principal';
import { SessionService } from './session.service';
import { StaffAccounts, rolesOf, staffAccountsOptions } from './staff-accounts';

export class StaffSignInDto {
  @ApiProperty({ example: 'a.nurlanova' })
  @IsString()
  @MaxLength(64)
  username!: string;

  @ApiProperty()
  @IsString()
  @MaxLength(128)
  password!: string;

  @ApiPropertyOptional({ description: 'the six-digit code of the authenticator app (RFC 6238)', example: '492039' })
  @IsOptional()
  @Matches(/^\d{6}$/, { message: 'totp is the six-digit code from the authenticator app' })
  totp?: string;
}

export interface StaffSessionView {
  token: string;
  expiresAt: string;
  idleTimeoutSeconds: number;
  staff: { username: string; displayName: string; roles: StaffRole[] };
}

/** The Nest face of StaffAccounts (the command-line tool uses the class directly). */
@Injectable()
export class StaffAccountsProvider extends StaffAccounts {
  constructor(@InjectDataSource() dataSource: DataSource, @Inject(API_CONFIG) config: ApiConfig) {
    super(dataSource, staffAccountsOptions(config));
  }
}

@ApiTags('staff')
@Controller('api/v1/staff')
export class StaffController {
  constructor(
    private readonly accounts: StaffAccountsProvider,
    private readonly sessions: SessionService,
    private readonly journal: AuditJournal,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
  ) {}

  @Public()
  @Post('sessions')
  @ApiOperation({ summary: 'Sign in: username, password and the authenticator code; returns a session token' })
  async signIn(@Body() dto: StaffSignInDto, @Req() request: Request): Promise<StaffSessionView> {
    const clientAddress = request.ip ?? 'unknown';
    const outcome = await this.accounts.signIn(dto.username, dto.password, dto.totp);
    if (!outcome.ok) {
      await this.journal.record({
        actor: outcome.account ? { kind: 'staff', staffId: outcome.account.id, username: outcome.account.username, roles: [], sessionId: '' } : { kind: 'anonymous' },
        action: 'staff.sign_in_refused',
        target: dto.username.slice(0, 64),
        detail: { refusal: outcome.refusal },
        clientAddress,
      });
      switch (outcome.refusal) {
        case 'locked': {
          const seconds = Math.max(1, Math.ceil((outcome.lockedUntil!.getTime() - Date.now()) / 1000));
          throw new ApiError(ApiErrorCode.Blocked, `too many failed sign-ins: the account is locked for ${seconds} s (an administrator can unlock it)`, { lockedUntil: outcome.lockedUntil!.toISOString() }, seconds);
        }
        case 'disabled':
          throw new ApiError(ApiErrorCode.Forbidden, 'this staff account is disabled; ask an administrator');
        case 'no_second_factor_enrolled':
          throw new ApiError(ApiErrorCode.Forbidden, 'this account has no second factor; an administrator must enrol one (npm run staff -- reset-totp)');
        case 'second_factor_required':
          throw new ApiError(ApiErrorCode.Unauthenticated, 'the authenticator code is missing or wrong: enter the current six-digit code', { attemptsLeft: outcome.attemptsLeft });
        default:
          throw new ApiError(ApiErrorCode.Unauthenticated, 'wrong username or password', { attemptsLeft: outcome.attemptsLeft });
      }
    }
    const { account } = outcome;
    const session = await this.sessions.open({ kind: 'staff', subjectId: account.id, ttlSeconds: this.config.STAFF_SESSION_TTL_SECONDS, clientAddress });
    const roles = rolesOf(account);
    await this.journal.record({ actor: { kind: 'staff', staffId: account.id, username: account.username, roles, sessionId: session.sessionId }, action: 'staff.sign_in', target: account.username, clientAddress });
    return {
      token: session.token,
      expiresAt: session.expiresAt.toISOString(),
      idleTimeoutSeconds: this.config.STAFF_SESSION_IDLE_SECONDS,
      staff: { username: account.username, displayName: account.displayName, roles },
    };
  }

  @Authenticated({ principal: 'staff' })
  @ApiBearerAuth()
  @Get('me')
  @ApiOperation({ summary: 'Who this staff session belongs to' })
  me(@CurrentPrincipal() principal: Principal): { username: string; roles: StaffRole[] } {
    const staff = principalOf(principal, 'staff');
    return { username: staff.username, roles: staff.roles };
  }

  @Authenticated({ principal: 'staff' })
  @ApiBearerAuth()
  @Delete('sessions/current')
  @HttpCode(204)
  @ApiOperation({ summary: 'Sign out: the session token stops working at once' })
  async signOut(@CurrentPrincipal() principal: Principal, @Req() request: Request): Promise<void> {
    const staff = principalOf(principal, 'staff');
    await this.sessions.revoke(staff.sessionId);
    await this.journal.record({ actor: staff, action: 'staff.sign_out', target: staff.username, clientAddress: request.ip });
  }
}
