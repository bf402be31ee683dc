import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { ApplicationView } from './application';

/**
 * The one place naming the onboarding workflow's messages, so the API and the workflow cannot drift.
 * Requests needing an answer are updates (validated), reads are queries, facts are signals.
 */
export const ONBOARDING_WORKFLOW_TYPE = 'onboardingWorkflow';
export const ONBOARDING_TASK_QUEUE_DEFAULT = 'onboarding';

export const onboardingWorkflowId = (applicationId: string) => `onboarding-${applicationId}`;

export const getApplicationQuery = defineQuery<ApplicationView>('getApplication');

/** Resolves once the phone check and the first SMS are done (or failed), so POST /applications can answer in one call. */
export const awaitStartOutcomeUpdate = defineUpdate<ApplicationView>('awaitStartOutcome');

export interface SubmitOtpArgs {
  /** keyed hash (hex) of `${applicationId}:${code}` — the code itself never enters workflow history */
  codeHash: string;
  clientAddress: string;
}
export type SubmitOtpResult =
  | { outcome: 'verified'; application: ApplicationView }
  | { outcome: 'wrong'; attemptsLeft: number }
  | { outcome: 'expired' }
  | { outcome: 'blocked'; blockedUntil: string };
export const submitOtpUpdate = defineUpdate<SubmitOtpResult, [SubmitOtpArgs]>('submitOtp');

export type ResendOtpResult =
  | { outcome: 'sent'; application: ApplicationView }
  | { outcome: 'too_early'; retryAfterSeconds: number }
  | { outcome: 'blocked'; blockedUntil: string };
export const resendOtpUpdate = defineUpdate<ResendOtpResult>('resendOtp');

/** A newer application for the same IIN took over before this one passed the code step. */
export const supersededSignal = defineSignal<[{ byApplicationId: string }]>('superseded');

/** Failure types raised by the workflow's update validators (checked by `type`, never `instanceof`). */
export const WorkflowFailureType = {
  InvalidState: 'InvalidState',
} as const;
