import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsEmail, IsOptional, IsString, IsUUID, Length, Matches, MaxLength } from 'class-validator';
import { PORTAL_LANGUAGES, PORTAL_MESSAGES, type PortalLanguage } from '@app/contracts';
import { PORTAL_PASSWORD_MAX, PORTAL_PASSWORD_MIN } from '@app/portal-accounts';
import { SIGNATURE, SIGNATURE_MESSAGE } from '../../first-head/dto/first-head.dto';

export const PORTAL_CHALLENGE_PURPOSES = ['sign_in', 'registration'] as const;
export type PortalChallengePurpose = (typeof PORTAL_CHALLENGE_PURPOSES)[number];

export class PortalChallengeDto {
  @ApiProperty({ enum: PORTAL_CHALLENGE_PURPOSES, description: '«Войти по ЭЦП» (also «Смена пароля по ЭЦП») or «Регистрация с ЭЦП»' })
  @IsIn(PORTAL_CHALLENGE_PURPOSES, { message: `purpose is one of: ${PORTAL_CHALLENGE_PURPOSES.join(', ')}` })
  purpose!: PortalChallengePurpose;
}

/** The challenge signed (detached CMS) with the AUTH certificate, as NCALayer gives it. */
export class SignedChallengeDto {
  @ApiProperty({ description: 'challengeId from POST /api/v1/portal/signature-challenges' })
  @IsUUID('4', { message: 'challengeId must be the id POST /api/v1/portal/signature-challenges gave' })
  challengeId!: string;

  @ApiProperty({ description: 'detached CMS signature over the challenge text (UTF-8) with your AUTH certificate; base64 DER or PEM' })
  @IsString({ message: SIGNATURE_MESSAGE })
  @MaxLength(64 * 1024)
  @Matches(SIGNATURE, { message: SIGNATURE_MESSAGE })
  signature!: string;
}

/** «Регистрация с электронно-цифровой подписью»: Новый пароль, Подтверждение пароля, Электронный адрес, then «Подписать». */
export class SignedRegistrationDto extends SignedChallengeDto {
  @ApiProperty({ description: PORTAL_MESSAGES.passwordLength })
  @IsString()
  @Length(PORTAL_PASSWORD_MIN, PORTAL_PASSWORD_MAX, { message: PORTAL_MESSAGES.passwordLength })
  password!: string;

  @ApiProperty()
  @IsString()
  @MaxLength(100)
  passwordConfirmation!: string;

  @ApiProperty({ description: PORTAL_MESSAGES.corporateEmailWarning })
  @IsEmail({}, { message: 'email is an e-mail address, e.g. name@mail.kz' })
  @MaxLength(254)
  email!: string;

  @ApiPropertyOptional({ enum: PORTAL_LANGUAGES })
  @IsOptional()
  @IsIn(PORTAL_LANGUAGES, { message: `language is one of: ${PORTAL_LANGUAGES.join(', ')}` })
  language?: PortalLanguage;
}
