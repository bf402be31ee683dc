import { Body, Controller, Delete, Get, HttpCode, Post, Put, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Request } from 'express';
import type { DataSource } from 'typeorm';
import type { PortalAccountLifeView, PortalLanguage, PortalRights, SubjectType } from '@app/contracts';
import { PortalAccount } from '@app/models';
import { Authenticated, CurrentPrincipal, Public, principalOf } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { EmailPasswordRecoveryDto } from './dto/password-recovery.dto';
import { PasswordChangeDto, PortalSignInDto } from './dto/sign-in.dto';
import { PasswordRecoveryService } from './password-recovery.service';
import { PortalAccountLife } from './portal-account-life';
import { PortalSignInService, type PortalSessionView } from './portal-sign-in.service';
import { RateLimited } from '../rate-limits/rate-limited.decorator';

export interface PortalProfileView {
  login: string;
  subjectType: SubjectType;
  rights: PortalRights;
  email: string | null;
  language: PortalLanguage;
  registeredAt: string;
  lastSignInAt: string | null;
  /** A temporary account: when the notice and the deletion are due. */
  life?: PortalAccountLifeView;
}

@ApiTags('portal')
@Controller('api/v1/portal')
export class PortalSessionsController {
  constructor(
    private readonly signIns: PortalSignInService,
    private readonly recovery: PasswordRecoveryService,
    private readonly life: PortalAccountLife,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  @Public()
  @RateLimited('portal')
  @Post('sessions')
  @ApiOperation({ summary: 'Sign in with ИИН/БИН and password; returns a session token' })
  signIn(@Body() dto: PortalSignInDto, @Req() request: Request): Promise<PortalSessionView> {
    return this.signIns.signIn(dto, request.ip ?? 'unknown');
  }

  @Authenticated({ principal: 'citizen' })
  @ApiBearerAuth()
  @Delete('sessions/current')
  @HttpCode(204)
  @ApiOperation({ summary: 'Sign out: the session token stops working at once' })
  signOut(@CurrentPrincipal() principal: Principal, @Req() request: Request): Promise<void> {
    return this.signIns.signOut(principalOf(principal, 'citizen'), request.ip ?? 'unknown');
  }

  @Authenticated({ principal: 'citizen' })
  @ApiBearerAuth()
  @Get('me')
  @ApiOperation({ summary: 'The signed-in account: rights, e-mail and, for temporary rights, when the notice and the deletion are due' })
  async me(@CurrentPrincipal() principal: Principal): Promise<PortalProfileView> {
    const account = await this.dataSource.getRepository(PortalAccount).findOneByOrFail({ id: principalOf(principal, 'citizen').accountId });
    const life = account.rights === 'temporary' ? await this.life.view(account.id) : null;
    return {
      login: account.login,
      subjectType: account.subjectType,
      rights: account.rights,
      email: account.email,
      language: account.language,
      registeredAt: account.createdAt.toISOString(),
      lastSignInAt: account.lastSignInAt?.toISOString() ?? null,
      ...(life ? { life } : {}),
    };
  }

  @Authenticated({ principal: 'citizen' })
  @ApiBearerAuth()
  @Put('me/password')
  @HttpCode(204)
  @ApiOperation({ summary: 'Change the password (the current one first); every session of the account ends' })
  changePassword(@CurrentPrincipal() principal: Principal, @Body() dto: PasswordChangeDto, @Req() request: Request): Promise<void> {
    return this.signIns.changePassword(principalOf(principal, 'citizen'), dto, request.ip ?? 'unknown');
  }

  @Public()
  @RateLimited('portal')
  @Post('password-recovery/email')
  @HttpCode(202)
  @ApiOperation({ summary: '«Забыли пароль» by e-mail: the register data match, a new password goes to the registered e-mail' })
  recoverByEmail(@Body() dto: EmailPasswordRecoveryDto, @Req() request: Request): Promise<{ message: string }> {
    return this.recovery.recoverByEmail(dto, request.ip ?? 'unknown');
  }
}
