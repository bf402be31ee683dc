import { Injectable, Logger } from '@nestjs/common';
import { WorkflowNotFoundError, WorkflowUpdateFailedError, type WorkflowHandle } from '@temporalio/client';
import { WorkflowFailureType, getApplicationQuery, onboardingWorkflowId, type ApplicationView } from '@app/contracts';
import type { Application } from '@app/models';
import { ApiError, ApiErrorCode } from '../common/api-error';
import { TemporalClient } from '../temporal/temporal.module';

/**
 * The API's one way into an application's workflow: updates (the workflow's refusals become the
 * API's 409/422 with the workflow's message) and the query.
 */
@Injectable()
export class OnboardingGateway {
  private readonly logger = new Logger(OnboardingGateway.name);

  constructor(private readonly temporal: TemporalClient) {}

  handle(application: Pick<Application, 'id'>): WorkflowHandle {
    return this.temporal.client.workflow.getHandle(onboardingWorkflowId(application.id));
  }

  query(application: Pick<Application, 'id'>): Promise<ApplicationView> {
    return this.handle(application).query(getApplicationQuery);
  }

  /** Runs an update, turning the workflow's refusals into the API's errors. */
  async update<T>(application: Pick<Application, 'id' | 'status'>, call: (handle: WorkflowHandle) => Promise<T>): Promise<T> {
    try {
      return await call(this.handle(application));
    } catch (error) {
      if (error instanceof WorkflowUpdateFailedError) {
        const cause = error.cause as { type?: string; message?: string; details?: unknown[] } | undefined;
        if (cause?.type === WorkflowFailureType.InvalidState) throw new ApiError(ApiErrorCode.InvalidState, cause.message ?? 'not possible at this step');
        // A step registers its updates when the application reaches it: before that the call is out of step.
        if (cause?.message?.startsWith('No registered handler for update')) throw new ApiError(ApiErrorCode.InvalidState, `this step is not open yet (status: ${application.status})`);
        if (cause?.type === WorkflowFailureType.TooEarly) {
          const details = (cause.details?.[0] as { retryAfterSeconds?: number } | undefined) ?? {};
          const retryAfterSeconds = Math.max(1, details.retryAfterSeconds ?? 1);
          throw new ApiError(ApiErrorCode.OtpTooEarly, cause.message ?? 'too early', { retryAfterSeconds }, retryAfterSeconds);
        }
        if (cause?.type === WorkflowFailureType.Rejected) throw new ApiError(ApiErrorCode.Rejected, cause.message ?? 'refused', (cause.details?.[0] as Record<string, unknown>) ?? {});
      }
      if (error instanceof WorkflowNotFoundError || /already completed/i.test((error as Error).message)) {
        throw new ApiError(ApiErrorCode.InvalidState, `this application is closed (status: ${application.status}); start a new one`);
      }
      this.logger.error(`update failed: ${(error as Error).message}`);
      throw new ApiError(ApiErrorCode.ServiceUnavailable, 'the service could not process this right now; please try again');
    }
  }
}
