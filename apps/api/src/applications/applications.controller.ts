import { Body, Controller, Get, HttpCode, Ip, Param, ParseUUIDPipe, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Authenticated, Public } from '../auth/auth.decorators';
import type { RequestWithApplication } from '../auth/auth.guard';
import { RateLimited } from '../rate-limits/rate-limited.decorator';
import { ApplicationsService } from './applications.service';
import { CreateApplicationDto } from './dto/create-application.dto';
import { SubmitOtpDto } from './dto/submit-otp.dto';

@ApiTags('applications')
@Controller('api/v1/applications')
export class ApplicationsController {
  constructor(private readonly applications: ApplicationsService) {}

  @Public()
  @Post()
  @RateLimited('start')
  @ApiOperation({ summary: 'Start an application: IIN check, mobile citizens database, SMS one-time password' })
  @ApiCreatedResponse({ description: 'applicationId, status, nextStep and the bearer token for every later call' })
  @ApiResponse({ status: 400, description: '«неверный ИИН» or another invalid field' })
  @ApiResponse({ status: 423, description: '«Вы заблокированы!» — three wrong codes in the last 15 minutes' })
  create(@Body() dto: CreateApplicationDto) {
    return this.applications.create(dto);
  }

  @Get(':id')
  @ApiBearerAuth()
  @Authenticated({ principal: 'applicant' })
  @ApiOperation({ summary: 'Status, status history and next step' })
  get(@Param('id', ParseUUIDPipe) _id: string, @Req() req: RequestWithApplication) {
    return this.applications.get(req.application);
  }

  @Post(':id/otp')
  @HttpCode(200)
  @RateLimited('otp')
  @ApiBearerAuth()
  @Authenticated({ principal: 'applicant' })
  @ApiOperation({ summary: 'Submit the one-time password from the SMS' })
  @ApiResponse({ status: 400, description: 'wrong code (attempts left) or expired code' })
  @ApiResponse({ status: 423, description: '«Вы заблокированы!»' })
  @ApiConflictResponse({ description: 'no code is expected at this step' })
  submitOtp(@Param('id', ParseUUIDPipe) _id: string, @Body() dto: SubmitOtpDto, @Req() req: RequestWithApplication, @Ip() ip: string) {
    return this.applications.submitOtp(req.application, dto.code, ip ?? 'unknown');
  }

  @Post(':id/otp/resend')
  @HttpCode(200)
  @RateLimited('otp_resend')
  @ApiBearerAuth()
  @Authenticated({ principal: 'applicant' })
  @ApiOperation({ summary: 'Send a new one-time password (allowed 2 minutes after the last one)' })
  @ApiResponse({ status: 429, description: 'too early: retryAfterSeconds says how long to wait' })
  resendOtp(@Param('id', ParseUUIDPipe) _id: string, @Req() req: RequestWithApplication) {
    return this.applications.resendOtp(req.application);
  }
}
