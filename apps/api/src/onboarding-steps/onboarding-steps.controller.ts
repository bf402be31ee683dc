import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post, Put, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { InstallationReportDto, ApplicationNumberParams } from '@app/pki';
import { Authenticated, Public } from '../auth/auth.decorators';
import type { RequestWithApplication } from '../auth/auth.guard';
import { ConfirmDocumentDto, ConsentDto, DigitalIdPhoneDto, NucApplicationDto, PinDto, SubmitDocumentDto } from './dto/steps.dto';
import { OnboardingStepsService } from './onboarding-steps.service';

/** The applicant's steps after the code; every call needs the application's bearer token. */
@ApiTags('applications')
@ApiBearerAuth()
@Authenticated({ principal: 'applicant' })
@Controller('api/v1/applications/:id')
export class OnboardingStepsController {
  constructor(private readonly steps: OnboardingStepsService) {}

  @Post('digital-id')
  @HttpCode(200)
  @ApiOperation({ summary: '«Перейти к получению ЭЦП»: the phone registered in БМГ, then a second SMS code (seed 002 step 8)' })
  @ApiResponse({ status: 422, description: 'not the phone registered in the mobile citizens database' })
  digitalId(@Param('id', ParseUUIDPipe) _id: string, @Body() dto: DigitalIdPhoneDto, @Req() req: RequestWithApplication) {
    return this.steps.startDigitalId(req.application, dto.phone);
  }

  @Post('video-identification')
  @HttpCode(200)
  @ApiOperation({ summary: '«Начать»: a new video-identification session with its instructions' })
  startVideo(@Param('id', ParseUUIDPipe) _id: string, @Req() req: RequestWithApplication) {
    return this.steps.startVideoIdentification(req.application);
  }

  @Post('video-identification/finish')
  @HttpCode(200)
  @ApiOperation({ summary: 'Judge the frames uploaded against the open session' })
  finishVideo(@Param('id', ParseUUIDPipe) _id: string, @Req() req: RequestWithApplication) {
    return this.steps.finishVideoIdentification(req.application);
  }

  @Put('pin')
  @ApiOperation({ summary: '«Задать PIN-код»: twice; kept only as an argon2id hash' })
  setPin(@Param('id', ParseUUIDPipe) _id: string, @Body() dto: PinDto, @Req() req: RequestWithApplication) {
    return this.steps.setPin(req.application, dto.pin, dto.pinConfirmation);
  }

  @Post('document')
  @HttpCode(200)
  @ApiOperation({ summary: 'Read the uploaded document (OCR and the machine-readable zone); answers the recognised fields' })
  submitDocument(@Param('id', ParseUUIDPipe) _id: string, @Body() dto: SubmitDocumentDto, @Req() req: RequestWithApplication) {
    return this.steps.submitDocument(req.application, dto);
  }

  @Post('document/confirmation')
  @HttpCode(200)
  @ApiOperation({ summary: '«Подтверждаю, что данные достоверны»: the fields as checked and corrected; then the register match' })
  confirmDocument(@Param('id', ParseUUIDPipe) _id: string, @Body() dto: ConfirmDocumentDto, @Req() req: RequestWithApplication) {
    return this.steps.confirmDocument(req.application, dto);
  }

  @Post('consent')
  @HttpCode(200)
  @ApiOperation({ summary: 'Consent to pass the data to НУЦ, confirmed with the PIN (seed 002 steps 20–21)' })
  @ApiResponse({ status: 400, description: 'wrong PIN (attempts left)' })
  @ApiResponse({ status: 423, description: 'too many wrong PINs' })
  consent(@Param('id', ParseUUIDPipe) _id: string, @Body() dto: ConsentDto, @Req() req: RequestWithApplication) {
    return this.steps.giveConsent(req.application, dto.pin);
  }

  @Post('nuc-application')
  @HttpCode(201)
  @ApiOperation({ summary: 'The НУЦ application with the AUTH and SIGN requests made by the key agent (seed 002 steps 22–26)' })
  @ApiResponse({ status: 422, description: 'a certificate request was refused (the reason says why)' })
  nucApplication(@Param('id', ParseUUIDPipe) _id: string, @Body() dto: NucApplicationDto, @Req() req: RequestWithApplication) {
    return this.steps.submitNucApplication(req.application, dto);
  }
}

/** The key agent reports installation by the НУЦ application number (seed 002 step 27). Public: the proof of the AUTH key is the credential. */
@Public()
@ApiTags('nuc')
@Controller('api/v1/nuc/applications')
export class NucInstallationController {
  constructor(private readonly steps: OnboardingStepsService) {}

  @Post(':number/installation')
  @HttpCode(200)
  @ApiOperation({ summary: 'Installation reported with proof of possession of the AUTH key → «Сертификаты установлены»' })
  async installed(@Param() { number }: ApplicationNumberParams, @Body() body: InstallationReportDto) {
    const view = await this.steps.reportInstallation(number, body.proof);
    return { status: 'INSTALLED', statusTitle: 'Сертификаты установлены', application: view, nuc: view.nuc };
  }
}
