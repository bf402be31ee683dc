import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsString, Length, Matches, MaxLength, ValidateIf } from 'class-validator';
import { SUBJECT_TYPES, type SubjectType } from '@app/contracts';

/**
 * «Смена пароля по е-майл» (seed 000 §V): an individual gives ИИН, Номер документа, Дата выдачи; a
 * legal entity БИН and Номер свидетельства о регистрации (from ГБД ЮЛ).
 */
export class EmailPasswordRecoveryDto {
  @ApiProperty({ enum: SUBJECT_TYPES })
  @IsIn(SUBJECT_TYPES, { message: `subjectType is one of: ${SUBJECT_TYPES.join(', ')}` })
  subjectType!: SubjectType;

  @ApiPropertyOptional({ description: 'ИИН (an individual)' })
  @ValidateIf((dto: EmailPasswordRecoveryDto) => dto.subjectType === 'individual')
  @IsString({ message: 'iin (ИИН) is required for an individual' })
  @MaxLength(32)
  iin?: string;

  @ApiPropertyOptional({ description: 'Номер документа (an individual)' })
  @ValidateIf((dto: EmailPasswordRecoveryDto) => dto.subjectType === 'individual')
  @IsString({ message: 'documentNumber (Номер документа) is required for an individual' })
  @Length(1, 20)
  documentNumber?: string;

  @ApiPropertyOptional({ description: 'Дата выдачи документа, YYYY-MM-DD (an individual)' })
  @ValidateIf((dto: EmailPasswordRecoveryDto) => dto.subjectType === 'individual')
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'documentIssueDate (Дата выдачи) is a date YYYY-MM-DD' })
  documentIssueDate?: string;

  @ApiPropertyOptional({ description: 'БИН (a legal entity)' })
  @ValidateIf((dto: EmailPasswordRecoveryDto) => dto.subjectType === 'legal_entity')
  @IsString({ message: 'bin (БИН) is required for a legal entity' })
  @MaxLength(32)
  bin?: string;

  @ApiPropertyOptional({ description: 'Номер свидетельства о регистрации (a legal entity)' })
  @ValidateIf((dto: EmailPasswordRecoveryDto) => dto.subjectType === 'legal_entity')
  @IsString({ message: 'registrationNumber (Номер свидетельства о регистрации) is required for a legal entity' })
  @Length(1, 64)
  registrationNumber?: string;
}
