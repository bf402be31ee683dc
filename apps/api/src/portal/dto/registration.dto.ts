import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Equals, IsEmail, IsIn, IsOptional, IsString, Length, Matches, MaxLength } from 'class-validator';
import { PORTAL_LANGUAGES, PORTAL_MESSAGES, PORTAL_OWN_MESSAGES, type PortalLanguage } from '@app/contracts';
import { PORTAL_PASSWORD_MAX, PORTAL_PASSWORD_MIN } from '@app/portal-accounts';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Step 1, «Найти»: ИИН, Номер документа, Дата рождения, and both acceptances. */
export class PersonCheckDto {
  @ApiProperty({ description: 'ИИН', example: '910506451646' })
  @IsString()
  @MaxLength(32)
  iin!: string;

  @ApiProperty({ description: 'Номер документа (удостоверения личности или паспорта)', example: 'N07513162' })
  @IsString()
  @Length(1, 20, { message: 'documentNumber (Номер документа) has 1–20 characters' })
  documentNumber!: string;

  @ApiProperty({ description: 'Дата рождения, YYYY-MM-DD', example: '1991-05-06' })
  @Matches(ISO_DATE, { message: 'birthDate (Дата рождения) is a date YYYY-MM-DD' })
  birthDate!: string;

  @ApiProperty({ description: `«${PORTAL_MESSAGES.agreement}»` })
  @Equals(true, { message: PORTAL_OWN_MESSAGES.agreementRequired })
  agreementAccepted!: boolean;

  @ApiProperty({ description: `«${PORTAL_MESSAGES.registrationTerms}»` })
  @Equals(true, { message: PORTAL_OWN_MESSAGES.registrationTermsRequired })
  registrationTermsAccepted!: boolean;
}

/** Step 2, «Далее»: Создать пароль, Подтверждение пароля, E-mail. */
export class TemporaryRegistrationDto {
  @ApiProperty({ description: 'the registrationToken step 1 returned' })
  @IsString()
  @MaxLength(100)
  registrationToken!: string;

  @ApiProperty({ description: PORTAL_MESSAGES.passwordLength })
  @IsString()
  @Length(PORTAL_PASSWORD_MIN, PORTAL_PASSWORD_MAX, { message: PORTAL_MESSAGES.passwordLength })
  password!: string;

  @ApiProperty()
  @IsString()
  @MaxLength(100)
  passwordConfirmation!: string;

  @ApiProperty({ description: PORTAL_MESSAGES.corporateEmailWarning, example: 'w.pleasure91@mail.ru' })
  @IsEmail({}, { message: 'email is an e-mail address, e.g. name@mail.kz' })
  @MaxLength(254)
  email!: string;

  @ApiPropertyOptional({ enum: PORTAL_LANGUAGES, description: 'the language of the e-mails (default ru)' })
  @IsOptional()
  @IsIn(PORTAL_LANGUAGES, { message: `language is one of: ${PORTAL_LANGUAGES.join(', ')}` })
  language?: PortalLanguage;
}

/** The token of the e-mailed link, as the activation page POSTs it. */
export class ActivationDto {
  @ApiProperty()
  @IsString()
  @MaxLength(100)
  token!: string;
}
