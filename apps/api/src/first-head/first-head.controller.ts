import { Body, Controller, Get, HttpCode, Param, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import type { FirstHeadApprovalView } from '@app/contracts';
import { Authenticated, CurrentPrincipal, Public, principalOf } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { FirstHeadApprovalDto, FirstHeadRejectionDto, FirstHeadSignInDto, NucNumberParams } from './dto/first-head.dto';
import { FirstHeadCabinetService, type ApplicationToDecide, type PendingApplication } from './first-head-cabinet.service';
import { FirstHeadSignInService, type FirstHeadSessionView, type IssuedChallenge } from './first-head-sign-in.service';

@ApiTags('first head')
@Controller('api/v1/first-head')
export class FirstHeadSignInController {
  constructor(private readonly signIns: FirstHeadSignInService) {}

  @Public()
  @Post('challenges')
  @ApiOperation({ summary: 'A random challenge to sign with your AUTH certificate (valid FIRST_HEAD_CHALLENGE_TTL_SECONDS, used once)' })
  challenge(): Promise<IssuedChallenge> {
    return this.signIns.issueChallenge();
  }

  @Public()
  @Post('sessions')
  @ApiOperation({ summary: 'Sign in: the challenge signed (detached CMS) with your AUTH certificate; ГБД ЮЛ must name you first head, acting head or signing-right employee of its BIN' })
  signIn(@Body() dto: FirstHeadSignInDto, @Req() request: Request): Promise<FirstHeadSessionView> {
    return this.signIns.signIn(dto.challengeId, dto.signature, request.ip ?? 'unknown');
  }
}

@ApiTags('first head')
@ApiBearerAuth()
@Authenticated({ principal: 'first_head' })
@Controller('api/v1/first-head/applications')
export class FirstHeadCabinetController {
  constructor(private readonly cabinet: FirstHeadCabinetService) {}

  @Get()
  @ApiOperation({ summary: 'Your organisation’s applications waiting for your approval, oldest first' })
  list(@CurrentPrincipal() principal: Principal): Promise<PendingApplication[]> {
    return this.cabinet.pending(principalOf(principal, 'first_head'));
  }

  @Get(':number')
  @ApiOperation({ summary: 'One application with approvalContent: the exact text an approval signs' })
  get(@Param() { number }: NucNumberParams, @CurrentPrincipal() principal: Principal): Promise<ApplicationToDecide> {
    return this.cabinet.application(principalOf(principal, 'first_head'), number);
  }

  @Post(':number/approval')
  @HttpCode(200)
  @ApiOperation({ summary: 'Approve: approvalContent.text signed (detached CMS) with your SIGN certificate' })
  approve(@Param() { number }: NucNumberParams, @Body() dto: FirstHeadApprovalDto, @CurrentPrincipal() principal: Principal, @Req() request: Request): Promise<FirstHeadApprovalView> {
    return this.cabinet.approve(principalOf(principal, 'first_head'), number, dto.signature, request.ip ?? 'unknown');
  }

  @Post(':number/rejection')
  @HttpCode(200)
  @ApiOperation({ summary: 'Reject with a reason the employee reads; their application ends' })
  reject(@Param() { number }: NucNumberParams, @Body() dto: FirstHeadRejectionDto, @CurrentPrincipal() principal: Principal, @Req() request: Request): Promise<FirstHeadApprovalView> {
    return this.cabinet.reject(principalOf(principal, 'first_head'), number, dto.reason, request.ip ?? 'unknown');
  }
}
