import { Body, Controller, HttpCode, Post, Put, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { Authenticated, CurrentPrincipal, Public, principalOf } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import type { IssuedChallenge } from '../auth/signature-challenges';
import { EmailDto } from './dto/sign-in.dto';
import { PortalChallengeDto, SignedChallengeDto, SignedRegistrationDto } from './dto/signature.dto';
import { PortalSignatureService, type CertificateView, type SignatureSessionView } from './portal-signature.service';
import { RateLimited } from '../rate-limits/rate-limited.decorator';

@ApiTags('portal')
@Controller('api/v1/portal')
export class PortalSignatureController {
  constructor(private readonly signatures: PortalSignatureService) {}

  @Public()
  @RateLimited('portal')
  @Post('signature-challenges')
  @ApiOperation({ summary: 'A random challenge to sign with your AUTH certificate (valid PORTAL_SIGNATURE_CHALLENGE_TTL_SECONDS, used once)' })
  challenge(@Body() dto: PortalChallengeDto): Promise<IssuedChallenge> {
    return this.signatures.issueChallenge(dto.purpose);
  }

  @Public()
  @RateLimited('portal')
  @Post('registrations/signed')
  @HttpCode(202)
  @ApiOperation({ summary: 'Registration with a signature: password, e-mail and the signed challenge; the e-mailed link gives an account with full rights' })
  register(@Body() dto: SignedRegistrationDto, @Req() request: Request): Promise<{ message: string; certificate: CertificateView }> {
    return this.signatures.register(dto, request.ip ?? 'unknown');
  }

  @Public()
  @RateLimited('portal')
  @Post('sessions/signature')
  @ApiOperation({ summary: '«Войти по ЭЦП»: the signed challenge; full rights; emailRequired when the profile has no e-mail' })
  signIn(@Body() dto: SignedChallengeDto, @Req() request: Request): Promise<SignatureSessionView> {
    return this.signatures.signIn(dto, request.ip ?? 'unknown');
  }

  @Authenticated({ principal: 'citizen' })
  @ApiBearerAuth()
  @Put('me/email')
  @ApiOperation({ summary: '«Сохранить»: the e-mail of the profile (from a session opened with a signature)' })
  saveEmail(@CurrentPrincipal() principal: Principal, @Body() dto: EmailDto, @Req() request: Request): Promise<{ email: string }> {
    return this.signatures.saveEmail(principalOf(principal, 'citizen'), dto.email, request.ip ?? 'unknown');
  }
}
