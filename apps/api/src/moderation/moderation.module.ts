import { createHash, timingSafeEqual } from 'node:crypto';
import { Body, Controller, Get, HttpCode, Inject, Injectable, Module, Param, Post, UseGuards, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import type { Request } from 'express';
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
import { API_CONFIG, type ApiConfig } from '../common/config.token';
import { TemporalClient } from '../temporal/temporal.module';

/**
 * Until staff accounts exist, the moderators' endpoints take one bearer token from configuration
 * (MODERATION_API_TOKEN); without it configured they answer 401 to everyone.
 */
@Injectable()
export class ModerationTokenGuard implements CanActivate {
  private readonly expected: Buffer | null;

  constructor(@Inject(API_CONFIG) config: ApiConfig) {
    this.expected = config.MODERATION_API_TOKEN ? digest(config.MODERATION_API_TOKEN) : null;
  }

  canActivate(context: ExecutionContext): boolean {
    const [scheme, token] = (context.switchToHttp().getRequest<Request>().header('authorization') ?? '').split(' ');
    if (!this.expected || scheme !== 'Bearer' || !token || !timingSafeEqual(digest(token), this.expected)) {
      throw new ApiError(ApiErrorCode.Unauthenticated, 'this call needs a moderator token: Authorization: Bearer <token>');
    }
    return true;
  }
}

const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();

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

  @ApiProperty({ description: 'who decides (until staff accounts: a name or staff number)' })
  @IsString()
  @Matches(/\S/, { message: 'moderator is required' })
  @MaxLength(100)
  moderator!: string;
}

@ApiTags('moderation')
@ApiBearerAuth()
@UseGuards(ModerationTokenGuard)
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
  async decide(@Param() { caseId }: CaseIdParams, @Body() dto: ModerationDecisionDto): Promise<ModerationCaseView> {
    try {
      return await this.temporal.client.workflow
        .getHandle(moderationCaseWorkflowId(caseId))
        .executeUpdate(decideModerationCaseUpdate, { args: [{ decision: dto.decision, reason: dto.reason, moderator: dto.moderator }] });
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

@Module({ controllers: [ModerationController], providers: [ModerationTokenGuard] })
export class ModerationModule {}
