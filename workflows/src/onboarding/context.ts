import { ApplicationFailure, condition, patched } from '@temporalio/workflow';
import { WorkflowFailureType, type ApplicationStatus, type ApplicationView, type CaptureResult, type NextStep, type OnboardingInput } from '@app/contracts';
import { onboarding } from './activities';

/** Durations and limits from the seeds, all configuration (the API passes them when it starts the workflow). */
export interface OnboardingSettings {
  /** How long the application waits for a correct code before it is abandoned. */
  otpStepTimeoutMs: number;
  /** An application not completed within this time is annulled (seed 003: one month). */
  annulAfterMs?: number;
  selfieMaxAttempts?: number;
  videoIdentificationMaxAttempts?: number;
  documentMaxAttempts?: number;
  livenessChallengeCount?: number;
  /** A moderation case waits this long before it is escalated. */
  moderationDeadlineMs?: number;
  /** How long a moderator's claim on a case lasts. */
  moderationClaimLeaseMs?: number;
  /** The first head has this long to approve a legal-entity employee's application; then it is annulled. */
  firstHeadApprovalDeadlineMs?: number;
  /** An SMS reminder goes to the first head after each such interval while they have not decided. */
  firstHeadReminderIntervalMs?: number;
}

export const DEFAULT_SETTINGS: Required<OnboardingSettings> = {
  otpStepTimeoutMs: 30 * 60_000,
  annulAfterMs: 30 * 24 * 3600_000,
  selfieMaxAttempts: 5,
  videoIdentificationMaxAttempts: 3,
  documentMaxAttempts: 5,
  livenessChallengeCount: 3,
  moderationDeadlineMs: 24 * 3600_000,
  moderationClaimLeaseMs: 15 * 60_000,
  // The seeds name no deadline; within the month after which an unfinished application is annulled.
  firstHeadApprovalDeadlineMs: 14 * 24 * 3600_000,
  firstHeadReminderIntervalMs: 3 * 24 * 3600_000,
};

/** Thrown out of a wait when the application's month runs out; the workflow ends it as annulled. */
export class ApplicationAnnulled extends Error {}

/**
 * What every step shares: the view the queries return, the status transitions (each written to the
 * MySQL projection once, by its position) and the wait for the applicant bounded by the annulment date.
 */
export class OnboardingContext {
  readonly view: ApplicationView;
  readonly settings: Required<OnboardingSettings>;
  private eventSeq = 0;
  private annulAt = Number.POSITIVE_INFINITY;

  constructor(
    readonly input: OnboardingInput,
    settings: OnboardingSettings,
  ) {
    this.settings = { ...DEFAULT_SETTINGS, ...settings };
    this.view = { applicationId: input.applicationId, status: 'checking_phone', nextStep: 'wait', history: [], otp: {} };
  }

  get applicationId(): string {
    return this.input.applicationId;
  }

  /** Starts the annulment clock (from the verified code: before it, the code step has its own timeout). */
  startAnnulmentClock(): void {
    this.annulAt = new Date().getTime() + this.settings.annulAfterMs;
  }

  /**
   * Moves the application on. The MySQL projection is written first, so a query never shows a status
   * the API's checks (which read the projection) do not know yet.
   */
  async transition(status: ApplicationStatus, nextStep: NextStep, message?: string): Promise<void> {
    const at = new Date().toISOString();
    const recorded = { applicationId: this.applicationId, seq: this.eventSeq++, status, nextStep, at };
    // Released versions changed the view first (their histories replay that way).
    const projectionFirst = patched('projection-first');
    if (projectionFirst) await onboarding.recordStatus(recorded);
    Object.assign(this.view, { status, nextStep, message });
    this.view.history.push({ status, at });
    if (!projectionFirst) await onboarding.recordStatus(recorded);
  }

  /** Waits for the applicant (or a moderator); throws ApplicationAnnulled when the month runs out first. */
  async waitFor(done: () => boolean): Promise<void> {
    const left = this.annulAt - new Date().getTime();
    if (!Number.isFinite(left)) return condition(done);
    if (left <= 0 || !(await condition(done, left))) throw new ApplicationAnnulled();
  }

  /**
   * A try that failed (an unusable selfie, a failed video identification, an unreadable document):
   * the problems go to the applicant; once `used` reaches `max` the application ends with `endMessage`.
   */
  async failedTry(problems: string[], used: number, max: number, endMessage: string): Promise<CaptureResult & { outcome: 'retry' | 'exhausted' }> {
    this.view.problems = problems;
    if (used < max) return { outcome: 'retry', problems, application: this.view };
    await this.transition('rejected', 'start_again', endMessage);
    return { outcome: 'exhausted', problems, application: this.view };
  }

  /**
   * Ends an update that completed its step: it answers once the workflow has entered the next step
   * (registered that step's updates and moved the status on), so the applicant's next call never
   * reaches a step whose updates do not exist yet.
   */
  async handOver(from: ApplicationStatus): Promise<void> {
    await condition(() => this.view.status !== from);
  }

  /** Validator helper: refuses an update that does not belong to the current step. */
  expect(...statuses: ApplicationStatus[]): void {
    if (!statuses.includes(this.view.status)) throw refusal(`this is not possible now (status: ${this.view.status})`);
  }
}

/** A refusal of an update: nothing changed, nothing written to history. */
export function refusal(message: string): ApplicationFailure {
  return ApplicationFailure.create({ type: WorkflowFailureType.InvalidState, message, nonRetryable: true });
}

/** The applicant's input was checked further down and refused (422). */
export function rejected(message: string, details?: unknown): ApplicationFailure {
  return ApplicationFailure.create({ type: WorkflowFailureType.Rejected, message, nonRetryable: true, details: details === undefined ? undefined : [details] });
}

/** Asked for before it is due: nothing changed; the client may try again after `retryAfterSeconds`. */
export function tooEarly(message: string, retryAfterSeconds: number): ApplicationFailure {
  return ApplicationFailure.create({ type: WorkflowFailureType.TooEarly, message, nonRetryable: true, details: [{ retryAfterSeconds }] });
}

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
export const HEX64 = /^[0-9a-f]{64}$/;
