import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsString, ValidateIf, ValidateNested, registerDecorator, type ValidationArguments } from 'class-validator';
import { CERTIFICATE_TEMPLATE_CODES, MESSAGES, SUBJECT_TYPES, type CertificateTemplate, type SubjectType } from '@app/contracts';
import { isValidBin, isValidIin } from '@app/identity';

/** A 12-digit IIN or BIN that passes the check-digit rule («неверный ИИН» / «неверный БИН» otherwise). */
export function IsIdentificationNumber(kind: 'iin' | 'bin') {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: kind === 'iin' ? 'isIin' : 'isBin',
      target: target.constructor,
      propertyName,
      options: { message: kind === 'iin' ? MESSAGES.invalidIin : MESSAGES.invalidBin },
      validator: { validate: (value: unknown) => typeof value === 'string' && (kind === 'iin' ? isValidIin(value) : isValidBin(value)) },
    });
}

/** What the client's own capability checks found (seed 002: «Веб-камера имеется»). */
export class ClientChecksDto {
  @ApiPropertyOptional() @IsOptional() @IsBoolean() webcam?: boolean;
  @ApiPropertyOptional({ description: 'the key agent (NCALayer\'s role) answered' }) @IsOptional() @IsBoolean() keyAgent?: boolean;
}

const LEGAL_ENTITY_TEMPLATES: CertificateTemplate[] = ['legal_entity_employee', 'legal_entity_first_head', 'legal_entity_signer', 'treasury_client'];

export class CreateApplicationDto {
  @ApiProperty({ enum: SUBJECT_TYPES })
  @IsIn(SUBJECT_TYPES, { message: `subjectType must be one of: ${SUBJECT_TYPES.join(', ')}` })
  subjectType!: SubjectType;

  @ApiProperty({ example: '880515300120', description: '12-digit IIN (ИИН)' })
  @IsString()
  @IsIdentificationNumber('iin')
  iin!: string;

  @ApiPropertyOptional({ example: '070340001239', description: 'BIN (БИН) of the legal entity; required for legal_entity' })
  @ValidateIf((dto: CreateApplicationDto) => dto.subjectType === 'legal_entity' || dto.bin !== undefined)
  @IsString({ message: 'bin is required for a legal entity' })
  @IsIdentificationNumber('bin')
  bin?: string;

  @ApiProperty({ enum: CERTIFICATE_TEMPLATE_CODES })
  @IsIn(CERTIFICATE_TEMPLATE_CODES, { message: `template must be one of: ${CERTIFICATE_TEMPLATE_CODES.join(', ')}` })
  @ValidateIf((dto: CreateApplicationDto) => SUBJECT_TYPES.includes(dto.subjectType))
  @IsTemplateOfSubject()
  template!: CertificateTemplate;

  @ApiPropertyOptional({ type: ClientChecksDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => ClientChecksDto)
  clientChecks?: ClientChecksDto;
}

function IsTemplateOfSubject() {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'isTemplateOfSubject',
      target: target.constructor,
      propertyName,
      options: {
        message: (args: ValidationArguments) =>
          (args.object as CreateApplicationDto).subjectType === 'individual'
            ? 'an individual applies with the "individual" template'
            : `a legal entity applies with one of: ${LEGAL_ENTITY_TEMPLATES.join(', ')}`,
      },
      validator: {
        validate: (value: unknown, args: ValidationArguments) => {
          const subjectType = (args.object as CreateApplicationDto).subjectType;
          return subjectType === 'individual' ? value === 'individual' : LEGAL_ENTITY_TEMPLATES.includes(value as CertificateTemplate);
        },
      },
    });
}
