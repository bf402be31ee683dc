import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsOptional, IsString, Length, MaxLength } from 'class-validator';
import { PORTAL_MESSAGES } from '@app/contracts';
import { PORTAL_PASSWORD_MAX, PORTAL_PASSWORD_MIN } from '@app/portal-accounts';

/** «Вход по двум критериям: ИИН/БИН и пароль». */
export class PortalSignInDto {
  @ApiProperty({ description: 'ИИН/БИН', example: '910506451646' })
  @IsString()
  @MaxLength(32)
  login!: string;

  @ApiProperty()
  @IsString()
  @MaxLength(100)
  password!: string;
}

/** A new password: after a password sign-in with the current one; after a signature sign-in with the e-mail («Смена пароля по ЭЦП»). */
export class PasswordChangeDto {
  @ApiPropertyOptional({ description: 'required after a sign-in with the password; not asked after a sign-in with a signature' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  currentPassword?: string;

  @ApiProperty({ description: PORTAL_MESSAGES.passwordLength })
  @IsString()
  @Length(PORTAL_PASSWORD_MIN, PORTAL_PASSWORD_MAX, { message: PORTAL_MESSAGES.passwordLength })
  newPassword!: string;

  @ApiProperty()
  @IsString()
  @MaxLength(100)
  newPasswordConfirmation!: string;

  @ApiPropertyOptional({ description: 'Электронный адрес (after a sign-in with a signature only), pre-filled with the one on record' })
  @IsOptional()
  @IsEmail({}, { message: 'email is an e-mail address, e.g. name@mail.kz' })
  @MaxLength(254)
  email?: string;
}

/** «Сохранить»: the e-mail asked for at a signature sign-in when the profile has none. */
export class EmailDto {
  @ApiProperty({ example: 'w.pleasure91@mail.ru' })
  @IsEmail({}, { message: 'email is an e-mail address, e.g. name@mail.kz' })
  @MaxLength(254)
  email!: string;
}
