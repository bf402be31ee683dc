import { Body, Controller, Get, HttpCode, Module, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import {
  MODERATION_DECISIONS,
  WorkflowFailureType,
  decideModerationCaseUpdate,
  getModerationCaseQuery,
  moderationCaseWorkflowId,
  type ModerationCaseView,
  type ModerationDecisionKind,
} from '@app/contracts';
import { ApiError, ApiErrorCode } from '../common/api-error';
import { Authenticated, CurrentPrincipal, principalOf } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { TemporalClient } from '../temporal/temporal.module';

class CaseIdParams {
  @Matches(/^[0-9a-f-]{36}-\d{1,4}$/, { message: 'caseId is the application id and the case number, e.g. …-1' })
  caseId!: string;
}

export class ModerationDecisionDto {
  @ApiProperty({ enum: MODERATION_DECISIONS })
  @IsIn(MODERATION_DECISIONS, { message: `decision must be one of: ${MODERATION_DECISIONS.join(', ')}` })
  decision!: ModerationDecisionKind;

  @ApiPropertyOptional({ description: 'required for reject: the applicant reads it' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  reason?: string;
}

@ApiTags('moderation')
@ApiBearerAuth()
@Authenticated({ principal: 'staff', roles: ['moderator'] })
@Controller('api/v1/moderation/cases')
export class ModerationController {
  constructor(private readonly temporal: TemporalClient) {}

  @Get(':caseId')
  @ApiOperation({ summary: 'A moderation case: evidence references, distances, fields beside the register, reasons' })
  async get(@Param() { caseId }: CaseIdParams): Promise<ModerationCaseView> {
    try {
      return await this.temporal.client.workflow.getHandle(moderationCaseWorkflowId(caseId)).query(getModerationCaseQuery);
    } catch (error) {
      if (error instanceof WorkflowNotFoundError) throw new ApiError(ApiErrorCode.ApplicationNotFound, 'case not found');
      throw error;
    }
  }

  @Post(':caseId/decision')
  @HttpCode(200)
  @ApiOperation({ summary: 'Approve, reject with a reason, or ask for a new selfie or document' })
  async decide(@Param() { caseId }: CaseIdParams, @Body() dto: ModerationDecisionDto, @CurrentPrincipal() principal: Principal): Promise<ModerationCaseView> {
    const moderator = principalOf(principal, 'staff').username;
    try {
      return await this.temporal.client.workflow
        .getHandle(moderationCaseWorkflowId(caseId))
        .executeUpdate(decideModerationCaseUpdate, { args: [{ decision: dto.decision, reason: dto.reason, moderator }] });
    } catch (error) {
      if (error instanceof WorkflowUpdateFailedError && (error.cause as { type?: string }).type === WorkflowFailureType.InvalidState) {
        throw new ApiError(ApiErrorCode.InvalidState, (error.cause as Error).message);
      }
      if (/already completed/i.test((error as Error).message)) throw new ApiError(ApiErrorCode.InvalidState, 'this case is already decided');
      if (error instanceof WorkflowNotFoundError) throw new ApiError(ApiErrorCode.ApplicationNotFound, 'case not found');
      throw error;
    }
  }
}

@Module({ controllers: [ModerationController] })
export class ModerationModule {}
