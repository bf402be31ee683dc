import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Matches, Max, Min, ValidateIf } from 'class-validator';
import {
  CERTIFICATE_TEMPLATE_CODES,
  MODERATION_DECISIONS,
  MODERATION_QUEUE_STATUSES,
  MODERATION_REASONS,
  type CertificateTemplate,
  type ModerationDecisionKind,
  type ModerationQueueStatus,
  type ModerationReason,
} from '@app/contracts';
import { EVIDENCE_KINDS, type EvidenceKind } from '../case-page';

/** Cases a page of the queue holds at most. */
export const QUEUE_PAGE_SIZE_MAX = 50;

export class CaseIdParams {
  @Matches(/^[0-9a-f-]{36}-\d{1,4}$/, { message: 'caseId is the application id and the case number, e.g. …-1' })
  caseId!: string;
}

export class EvidenceParams extends CaseIdParams {
  @IsIn(EVIDENCE_KINDS, { message: `kind must be one of: ${EVIDENCE_KINDS.join(', ')}` })
  kind!: EvidenceKind;
}

export class QueueQueryDto {
  @ApiPropertyOptional({ enum: MODERATION_REASONS, description: 'cases with this automatic reason' })
  @IsOptional()
  @IsIn(MODERATION_REASONS, { message: `reason must be one of: ${MODERATION_REASONS.join(', ')}` })
  reason?: ModerationReason;

  @ApiPropertyOptional({ enum: CERTIFICATE_TEMPLATE_CODES })
  @IsOptional()
  @IsIn(CERTIFICATE_TEMPLATE_CODES, { message: `template must be one of: ${CERTIFICATE_TEMPLATE_CODES.join(', ')}` })
  template?: CertificateTemplate;

  @ApiPropertyOptional({ enum: MODERATION_QUEUE_STATUSES, description: 'default: every case not decided yet' })
  @IsOptional()
  @IsIn(MODERATION_QUEUE_STATUSES, { message: `status must be one of: ${MODERATION_QUEUE_STATUSES.join(', ')}` })
  status?: ModerationQueueStatus;

  @ApiPropertyOptional({ description: 'cases opened at least this many minutes ago' })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'olderThanMinutes is a whole number of minutes' })
  @Min(0)
  @Max(525_600)
  olderThanMinutes?: number;

  @ApiPropertyOptional({ description: 'cases opened less than this many minutes ago' })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'youngerThanMinutes is a whole number of minutes' })
  @Min(1)
  @Max(525_600)
  youngerThanMinutes?: number;

  @ApiPropertyOptional({ default: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'page is a whole number from 1' })
  @Min(1, { message: 'page is a whole number from 1' })
  page?: number;

  @ApiPropertyOptional({ default: 20, maximum: QUEUE_PAGE_SIZE_MAX })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: `pageSize is a whole number from 1 to ${QUEUE_PAGE_SIZE_MAX}` })
  @Min(1, { message: `pageSize is a whole number from 1 to ${QUEUE_PAGE_SIZE_MAX}` })
  @Max(QUEUE_PAGE_SIZE_MAX, { message: `pageSize is a whole number from 1 to ${QUEUE_PAGE_SIZE_MAX}` })
  pageSize?: number;
}

export class ModerationDecisionDto {
  @ApiProperty({ enum: MODERATION_DECISIONS })
  @IsIn(MODERATION_DECISIONS, { message: `decision must be one of: ${MODERATION_DECISIONS.join(', ')}` })
  decision!: ModerationDecisionKind;

  @ApiPropertyOptional({ description: 'required for reject: the applicant reads it' })
  @ValidateIf((dto: ModerationDecisionDto) => dto.decision === 'reject' || dto.reason !== undefined)
  // One rule, so a missing reason gets one message: a string with something in it, at most 500 characters.
  @Matches(/^(?=[\s\S]*\S)[\s\S]{1,500}$/, { message: 'a rejection needs a reason the applicant will read (at most 500 characters)' })
  reason?: string;
}
