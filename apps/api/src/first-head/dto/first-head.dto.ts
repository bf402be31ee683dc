import { ApiProperty } from '@nestjs/swagger';
import { IsString, IsUUID, Matches, MaxLength, MinLength } from 'class-validator';

/** A CMS signature as NCALayer gives it to a page: base64 DER, or PEM. */
export const SIGNATURE = /^(?:[A-Za-z0-9+/=\s]+|-----BEGIN [A-Z0-9 ]+-----[A-Za-z0-9+/=\s]+-----END [A-Z0-9 ]+-----\s*)$/;
export const SIGNATURE_MESSAGE = 'signature must be a CMS (PKCS#7) signature, base64 DER or PEM';

export class FirstHeadSignInDto {
  @ApiProperty({ description: 'challengeId from POST /api/v1/first-head/challenges' })
  @IsUUID('4', { message: 'challengeId must be the id POST /api/v1/first-head/challenges gave' })
  challengeId!: string;

  @ApiProperty({ description: 'detached CMS signature over the challenge text (UTF-8) with your AUTH certificate; base64 DER or PEM' })
  @IsString({ message: SIGNATURE_MESSAGE })
  @MaxLength(64 * 1024)
  @Matches(SIGNATURE, { message: SIGNATURE_MESSAGE })
  signature!: string;
}

export class FirstHeadApprovalDto {
  @ApiProperty({ description: 'detached CMS signature over approvalContent.text (UTF-8) with your SIGN certificate; base64 DER or PEM' })
  @IsString({ message: SIGNATURE_MESSAGE })
  @MaxLength(64 * 1024)
  @Matches(SIGNATURE, { message: SIGNATURE_MESSAGE })
  signature!: string;
}

export class FirstHeadRejectionDto {
  @ApiProperty({ description: 'why: the employee reads it', example: 'Сотрудник не работает в организации' })
  @IsString({ message: 'reason is required: the employee reads it' })
  @Matches(/\S/, { message: 'reason is required: the employee reads it' })
  @MinLength(3, { message: 'reason is required: the employee reads it (at least 3 characters)' })
  @MaxLength(500)
  reason!: string;
}

export class NucNumberParams {
  @Matches(/^\d{14}$/, { message: 'Номер заявки должен состоять из 14 цифр / the application number has 14 digits' })
  number!: string;
}
