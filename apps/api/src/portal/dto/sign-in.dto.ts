import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length, MaxLength } from 'class-validator';
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

export class PasswordChangeDto {
  @ApiProperty()
  @IsString()
  @MaxLength(100)
  currentPassword!: string;

  @ApiProperty({ description: PORTAL_MESSAGES.passwordLength })
  @IsString()
  @Length(PORTAL_PASSWORD_MIN, PORTAL_PASSWORD_MAX, { message: PORTAL_MESSAGES.passwordLength })
  newPassword!: string;

  @ApiProperty()
  @IsString()
  @MaxLength(100)
  newPasswordConfirmation!: string;
}
