import { Injectable, Logger } from '@nestjs/common';
import { WorkflowNotFoundError, WorkflowUpdateFailedError, type WorkflowHandle } from '@temporalio/client';
import {
  WorkflowFailureType,
  claimModerationCaseUpdate,
  decideModerationCaseUpdate,
  getModerationCaseQuery,
  moderationCaseWorkflowId,
  releaseModerationCaseUpdate,
  type ModerationCaseView,
  type ModerationDecisionKind,
} from '@app/contracts';
import { ApiError, ApiErrorCode } from '../common/api-error';
import { TemporalClient } from '../temporal/temporal.module';
import type { StaffViewer } from './case-page';

/**
 * The API's way into moderation case workflows: the case as it stands (query) and the claim, release
 * and decision updates. The workflow validates every one of them (only the holder of a live claim
 * decides; one claim at a time); its refusals become 409s with its words.
 */
@Injectable()
export class ModerationCasesService {
  private readonly logger = new Logger(ModerationCasesService.name);

  constructor(private readonly temporal: TemporalClient) {}

  async view(caseId: string): Promise<ModerationCaseView> {
    try {
      return await this.handle(caseId).query(getModerationCaseQuery);
    } catch (error) {
      if (error instanceof WorkflowNotFoundError) throw new ApiError(ApiErrorCode.CaseNotFound, `there is no moderation case ${caseId}`);
      this.logger.error(`moderation case query failed: ${(error as Error).message}`);
      throw new ApiError(ApiErrorCode.ServiceUnavailable, 'the case could not be read right now; please try again');
    }
  }

  claim(caseId: string, staff: StaffViewer): Promise<ModerationCaseView> {
    return this.update(caseId, (h) => h.executeUpdate(claimModerationCaseUpdate, { args: [{ staffId: staff.staffId, moderator: staff.username }] }));
  }

  release(caseId: string, staff: StaffViewer): Promise<ModerationCaseView> {
    return this.update(caseId, (h) => h.executeUpdate(releaseModerationCaseUpdate, { args: [{ staffId: staff.staffId }] }));
  }

  /** The decision carries the staff account and its username from the session, never a name from the body. */
  decide(caseId: string, staff: StaffViewer, decision: { decision: ModerationDecisionKind; reason?: string }): Promise<ModerationCaseView> {
    return this.update(caseId, (h) =>
      h.executeUpdate(decideModerationCaseUpdate, { args: [{ decision: decision.decision, reason: decision.reason?.trim() || undefined, moderator: staff.username, staffId: staff.staffId }] }),
    );
  }

  private handle(caseId: string): WorkflowHandle {
    return this.temporal.client.workflow.getHandle(moderationCaseWorkflowId(caseId));
  }

  private async update(caseId: string, call: (handle: WorkflowHandle) => Promise<ModerationCaseView>): Promise<ModerationCaseView> {
    try {
      return await call(this.handle(caseId));
    } catch (error) {
      if (error instanceof WorkflowUpdateFailedError) {
        const cause = error.cause as { type?: string; message?: string; details?: unknown[] } | undefined;
        if (cause?.type === WorkflowFailureType.InvalidState) {
          throw new ApiError(ApiErrorCode.InvalidState, cause.message ?? 'not possible for this case now', (cause.details?.[0] as Record<string, unknown>) ?? {});
        }
      }
      if (/already completed/i.test((error as Error).message)) throw new ApiError(ApiErrorCode.InvalidState, 'this case is already decided');
      if (error instanceof WorkflowNotFoundError) throw new ApiError(ApiErrorCode.CaseNotFound, `there is no moderation case ${caseId}`);
      this.logger.error(`moderation case update failed: ${(error as Error).message}`);
      throw new ApiError(ApiErrorCode.ServiceUnavailable, 'the case could not be changed right now; please try again');
    }
  }
}
