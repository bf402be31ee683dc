import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { Authenticated, CurrentPrincipal, principalOf } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { ConfirmMcdbRegistrationDto, StartMcdbRegistrationDto } from './dto/mcdb-registration.dto';
import { McdbRegistrationsService, type McdbRegistrationView } from './mcdb-registrations.service';

/** The mobile-citizen-database (БМГ) operator, after the video call (seed 002 step 5). */
@ApiTags('mcdb')
@ApiBearerAuth()
@Authenticated({ principal: 'staff', roles: ['mcdb_operator'] })
@Controller('api/v1/mcdb/registrations')
export class McdbRegistrationsController {
  constructor(private readonly registrations: McdbRegistrationsService) {}

  @Post()
  @ApiOperation({ summary: 'Register or re-register the applicant\'s phone: an SMS code goes to that phone' })
  @ApiResponse({ status: 201, description: 'code_sent: ask the applicant to dictate the code' })
  @ApiResponse({ status: 422, description: 'the IIN is not in the population register' })
  start(@Body() dto: StartMcdbRegistrationDto, @CurrentPrincipal() principal: Principal, @Req() request: Request): Promise<McdbRegistrationView> {
    return this.registrations.start(principalOf(principal, 'staff'), dto, request.ip ?? 'unknown');
  }

  @Get(':id')
  @ApiOperation({ summary: 'One of this operator\'s registrations' })
  get(@Param('id', ParseUUIDPipe) id: string, @CurrentPrincipal() principal: Principal): Promise<McdbRegistrationView> {
    return this.registrations.get(principalOf(principal, 'staff'), id);
  }

  @Post(':id/confirmation')
  @HttpCode(200)
  @ApiOperation({ summary: 'The code the applicant dictated; when right, the phone is registered in БМГ' })
  @ApiResponse({ status: 400, description: 'wrong code (attempts left) or expired code' })
  @ApiResponse({ status: 423, description: 'the last attempt was wrong: start again for a new code' })
  confirm(@Param('id', ParseUUIDPipe) id: string, @Body() dto: ConfirmMcdbRegistrationDto, @CurrentPrincipal() principal: Principal, @Req() request: Request): Promise<McdbRegistrationView> {
    return this.registrations.confirm(principalOf(principal, 'staff'), id, dto.code, request.ip ?? 'unknown');
  }
}
