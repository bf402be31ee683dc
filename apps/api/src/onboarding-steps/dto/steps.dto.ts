import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Equals, IsEmail, IsIn, IsObject, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { NUC_KEY_STORAGES, NucCsrSubmissionDto } from '@app/pki';

export class DigitalIdPhoneDto {
  @ApiProperty({ example: '+77011234567', description: 'the mobile phone registered in the mobile citizens database (БМГ)' })
  @IsString()
  @Matches(/^\+?[\d\s()-]{10,20}$/, { message: 'phone must be a phone number, e.g. +77011234567' })
  phone!: string;
}

export class PinDto {
  @ApiProperty({ example: '135790' })
  @IsString()
  @Matches(/^\d+$/, { message: 'the PIN is made of digits' })
  pin!: string;

  @ApiProperty({ example: '135790', description: 'the same PIN again' })
  @IsString()
  pinConfirmation!: string;
}

export class ConsentDto {
  @ApiProperty({ example: '135790', description: 'the PIN set earlier (seed 002 step 21)' })
  @IsString()
  @Matches(/^\d+$/, { message: 'the PIN is made of digits' })
  pin!: string;

  @ApiProperty({ description: 'consent to pass the data to НУЦ (seed 002 step 20)' })
  @Equals(true, { message: 'consent must be given to continue' })
  consent!: boolean;
}

export class SubmitDocumentDto {
  @ApiProperty({ enum: ['id_card', 'passport'], description: '«Удостоверение» or «Паспорт»' })
  @IsIn(['id_card', 'passport'], { message: 'type must be id_card («Удостоверение») or passport («Паспорт»)' })
  type!: 'id_card' | 'passport';

  @ApiProperty({ description: 'scanId of the uploaded front' })
  @IsUUID('4', { message: 'frontScanId must be the scanId the upload of the front returned' })
  frontScanId!: string;

  @ApiPropertyOptional({ description: 'scanId of the uploaded back (required for an ID card)' })
  @IsOptional()
  @IsUUID('4', { message: 'backScanId must be the scanId the upload of the back returned' })
  backScanId?: string;
}

export class ConfirmDocumentDto {
  @ApiProperty({ description: 'the form as confirmed: documentNumber, iin, surname, givenName, patronymic, birthDate, birthPlace, nationality, issuingAuthority, issueDate, expiryDate' })
  @IsObject()
  fields!: Record<string, string>;

  @ApiProperty({ description: '«Подтверждаю, что данные достоверны»' })
  @Equals(true, { message: '«Подтверждаю, что данные достоверны» must be ticked' })
  confirmed!: boolean;
}

/** The НУЦ application form (seed 003) with the two requests the key agent made. */
export class NucApplicationDto extends NucCsrSubmissionDto {
  @ApiProperty({ description: '«Я прочитал(-а) и согласен(-на) с условиями пользовательского соглашения»' })
  @Equals(true, { message: 'the user agreement must be accepted («Я прочитал(-а) и согласен(-на) с условиями пользовательского соглашения»)' })
  agreementAccepted!: boolean;

  @ApiProperty({ example: 'Павлодарская область' })
  @IsString()
  @MaxLength(100)
  @Matches(/\S/, { message: 'region is required («Область»)' })
  region!: string;

  @ApiProperty({ example: 'г. Павлодар' })
  @IsString()
  @MaxLength(100)
  @Matches(/\S/, { message: 'locality is required («Населенный пункт»)' })
  locality!: string;

  @ApiProperty({ enum: NUC_KEY_STORAGES })
  declare keyStorage: (typeof NUC_KEY_STORAGES)[number];

  @ApiPropertyOptional()
  @IsOptional()
  @IsEmail({}, { message: 'email must be an e-mail address' })
  declare email?: string;
}
