import { Body, Controller, Get, HttpCode, Inject, Post, Req } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { PORTAL_MESSAGES } from '@app/contracts';
import { Public } from '../auth/auth.decorators';
import { RateLimited } from '../rate-limits/rate-limited.decorator';
import { API_CONFIG, type ApiConfig } from '../common/config.token';
import { ActivationDto, PersonCheckDto, TemporaryRegistrationDto } from './dto/registration.dto';
import { PortalRegistrations, type ActivatedAccountView } from './portal-registrations';
import { TemporaryRegistrationService, type PersonCheckView } from './temporary-registration.service';

@ApiTags('portal')
@Controller('api/v1/portal/registrations')
export class PortalRegistrationController {
  constructor(
    private readonly registrations: TemporaryRegistrationService,
    private readonly links: PortalRegistrations,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
  ) {}

  @Public()
  @Get('terms')
  @ApiOperation({ summary: 'What the registration pages ask the person to accept, and the temporary registration\'s terms' })
  terms(): { agreement: string; registrationTerms: string; temporaryRightsTerms: string; temporaryRightsDays: number; passwordRule: string; emailWarning: string } {
    const days = this.config.PORTAL_TEMPORARY_NOTICE_AFTER_DAYS + this.config.PORTAL_TEMPORARY_DELETE_AFTER_NOTICE_DAYS;
    return {
      agreement: PORTAL_MESSAGES.agreement,
      registrationTerms: PORTAL_MESSAGES.registrationTerms,
      temporaryRightsTerms: PORTAL_MESSAGES.temporaryRightsTerms(days),
      /** The same days, for the pages to say in the person's language. */
      temporaryRightsDays: days,
      passwordRule: PORTAL_MESSAGES.passwordLength,
      emailWarning: PORTAL_MESSAGES.corporateEmailWarning,
    };
  }

  @Public()
  @RateLimited('portal')
  @Post('temporary/person-check')
  @HttpCode(200)
  @ApiOperation({ summary: 'Temporary registration, step 1 («Найти»): ИИН, document number and birth date checked against ГБД ФЛ' })
  checkPerson(@Body() dto: PersonCheckDto, @Req() request: Request): Promise<PersonCheckView> {
    return this.registrations.checkPerson(dto, request.ip ?? 'unknown');
  }

  @Public()
  @RateLimited('portal')
  @Post('temporary')
  @HttpCode(202)
  @ApiOperation({ summary: 'Temporary registration, step 2 («Далее»): password and e-mail; the activation link is e-mailed' })
  submit(@Body() dto: TemporaryRegistrationDto, @Req() request: Request): Promise<{ message: string }> {
    return this.registrations.submitPasswordAndEmail(dto, request.ip ?? 'unknown');
  }

  @Public()
  @RateLimited('portal')
  @Post('activation')
  @ApiOperation({ summary: 'The e-mailed link (single use, 72 hours): makes the account, with temporary rights (or full, registered with a signature)' })
  activate(@Body() dto: ActivationDto, @Req() request: Request): Promise<ActivatedAccountView> {
    return this.links.activate(dto.token, request.ip ?? 'unknown');
  }
}
