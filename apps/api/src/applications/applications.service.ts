import { randomBytes, randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { WithStartWorkflowOperation, WorkflowUpdateStage } from '@temporalio/client';
import { In, type DataSource } from 'typeorm';
import {
  MESSAGES,
  ONBOARDING_WORKFLOW_TYPE,
  awaitStartOutcomeUpdate,
  getApplicationQuery,
  onboardingWorkflowId,
  resendOtpUpdate,
  resendTooEarlyMessage,
  submitOtpUpdate,
  supersededSignal,
  type ApplicationStatus,
  type ApplicationView,
} from '@app/contracts';
import { Application, ApplicationStatusEvent } from '@app/models';
import { liveCodeHolder, lockOtpGuard, otpBlockedUntil, otpCodeHash } from '@app/otp';
import { ApiError, ApiErrorCode } from '../common/api-error';
import { API_CONFIG, type ApiConfig } from '../common/config.token';
import { applicationTokenHash } from '../auth/application-token';
import { TemporalClient } from '../temporal/temporal.module';
import type { CreateApplicationDto } from './dto/create-application.dto';
import { OnboardingGateway } from './onboarding-gateway';

/**
 * Statuses before the code step is passed: a new application for the same IIN replaces these —
 * except the one whose code reached the phone and can still be entered (see create).
 */
const SUPERSEDABLE: ApplicationStatus[] = ['checking_phone', 'otp_cooldown', 'otp_sent', 'blocked'];

export type CreatedApplication = ApplicationView & { token: string };

@Injectable()
export class ApplicationsService {
  private readonly logger = new Logger(ApplicationsService.name);
  private readonly tokenKey: Buffer;
  private readonly otpKey: Buffer;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly temporal: TemporalClient,
    private readonly workflows: OnboardingGateway,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
  ) {
    this.tokenKey = Buffer.from(config.ACCESS_TOKEN_HMAC_KEY, 'base64');
    this.otpKey = Buffer.from(config.OTP_HMAC_KEY, 'base64');
  }

  /**
   * Creates the application row, supersedes the IIN's earlier applications that have not passed the
   * code step, and starts the workflow; answers once the phone check and first SMS are done.
   *
   * Anyone who knows an IIN can start: so a start never supersedes the application whose code the
   * phone got and can still be entered (its owner is typing it). The new application waits until that
   * code is used or expires (the guard holds its send back), and supersedes nothing it should not.
   */
  async create(dto: CreateApplicationDto): Promise<CreatedApplication> {
    await this.refuseWhileBlocked(dto.iin);
    const id = randomUUID();
    const token = randomBytes(32).toString('base64url');

    const superseded = await this.dataSource.transaction(async (manager) => {
      // Serialise starts per IIN on its guard row, so two simultaneous starts cannot both stay open.
      const guard = await lockOtpGuard(manager, dto.iin);
      const codeHolder = liveCodeHolder(guard, new Date());
      const earlier = await manager.getRepository(Application).find({ where: { iin: dto.iin, status: In(SUPERSEDABLE) } });
      const open = earlier.filter((a) => a.supersededBy === null && a.id !== codeHolder);
      await manager.insert(Application, {
        id,
        subjectType: dto.subjectType,
        template: dto.template,
        iin: dto.iin,
        bin: dto.bin ?? null,
        accessTokenHash: applicationTokenHash(this.tokenKey, id, token),
        status: 'checking_phone',
        nextStep: 'wait',
        supersededBy: null,
      });
      if (open.length) await manager.update(Application, { id: In(open.map((a) => a.id)) }, { supersededBy: id });
      return open;
    });

    for (const earlier of superseded) {
      // The workflow may already have finished on its own; either way it no longer matters.
      await this.temporal.client.workflow
        .getHandle(onboardingWorkflowId(earlier.id))
        .signal(supersededSignal, { byApplicationId: id })
        .catch((error: Error) => this.logger.warn(`could not signal superseded application ${earlier.id}: ${error.message}`));
    }

    let view: ApplicationView;
    try {
      view = await this.startWorkflow(id, dto);
    } catch (error) {
      // Nothing half-stored: without a workflow the row means nothing.
      await this.dataSource.getRepository(Application).delete({ id });
      this.logger.error(`could not start the onboarding workflow: ${(error as Error).message}`);
      throw new ApiError(ApiErrorCode.ServiceUnavailable, 'the service cannot accept applications right now; please try again in a minute');
    }
    return { ...view, token };
  }

  /** Current state: from the workflow when it answers, otherwise from the MySQL projection. */
  async get(application: Application): Promise<ApplicationView> {
    let view: ApplicationView;
    try {
      view = await this.workflows.query(application);
    } catch (error) {
      this.logger.warn(`query failed, answering from the projection: ${(error as Error).message}`);
      view = await this.fromProjection(application);
    }
    return { ...view, pinLength: this.config.PIN_LENGTH };
  }

  async submitOtp(application: Application, code: string, clientAddress: string): Promise<ApplicationView> {
    if (code.length !== this.config.OTP_LENGTH) {
      throw new ApiError(ApiErrorCode.OtpWrong, `Одноразовый пароль состоит из ${this.config.OTP_LENGTH} цифр`);
    }
    const codeHash = otpCodeHash(this.otpKey, application.id, code).toString('hex');
    const result = await this.workflows.update(application, (handle) => handle.executeUpdate(submitOtpUpdate, { args: [{ codeHash, clientAddress }] }));
    switch (result.outcome) {
      case 'verified':
        return result.application;
      case 'wrong':
        // No attempts left without a block: the code is void (no second block right after a block).
        if (result.attemptsLeft === 0) throw new ApiError(ApiErrorCode.OtpWrong, `${MESSAGES.otpWrong}. Попытки исчерпаны: запросите новый одноразовый пароль`, { attemptsLeft: 0 });
        throw new ApiError(ApiErrorCode.OtpWrong, `${MESSAGES.otpWrong}. Осталось попыток: ${result.attemptsLeft}`, { attemptsLeft: result.attemptsLeft });
      case 'expired':
        throw new ApiError(ApiErrorCode.OtpExpired, `${MESSAGES.otpExpired} ${MESSAGES.otpNotReceived}`);
      case 'blocked':
        throw this.blocked(new Date(result.blockedUntil));
    }
  }

  async resendOtp(application: Application): Promise<ApplicationView> {
    const result = await this.workflows.update(application, (handle) => handle.executeUpdate(resendOtpUpdate));
    switch (result.outcome) {
      case 'sent':
        return result.application;
      case 'too_early':
        throw new ApiError(
          ApiErrorCode.OtpTooEarly,
          resendTooEarlyMessage(result.retryAfterSeconds),
          { retryAfterSeconds: result.retryAfterSeconds },
          result.retryAfterSeconds,
        );
      case 'blocked':
        throw this.blocked(new Date(result.blockedUntil));
    }
  }

  private async startWorkflow(id: string, dto: CreateApplicationDto): Promise<ApplicationView> {
    const startWorkflowOperation = new WithStartWorkflowOperation(ONBOARDING_WORKFLOW_TYPE, {
      workflowId: onboardingWorkflowId(id),
      taskQueue: this.temporal.taskQueue,
      workflowIdConflictPolicy: 'FAIL',
      args: [
        { applicationId: id, subjectType: dto.subjectType, iin: dto.iin, bin: dto.bin, template: dto.template, clientChecks: dto.clientChecks },
        {
          otpStepTimeoutMs: this.config.OTP_STEP_TIMEOUT_SECONDS * 1000,
          annulAfterMs: this.config.APPLICATION_ANNUL_AFTER_DAYS * 24 * 3600_000,
          selfieMaxAttempts: this.config.SELFIE_MAX_ATTEMPTS,
          videoIdentificationMaxAttempts: this.config.VIDEO_IDENTIFICATION_MAX_ATTEMPTS,
          documentMaxAttempts: this.config.DOCUMENT_MAX_ATTEMPTS,
          livenessChallengeCount: this.config.LIVENESS_CHALLENGE_COUNT,
          moderationDeadlineMs: this.config.MODERATION_DEADLINE_SECONDS * 1000,
          moderationClaimLeaseMs: this.config.MODERATION_CLAIM_LEASE_SECONDS * 1000,
          firstHeadApprovalDeadlineMs: this.config.FIRST_HEAD_APPROVAL_DEADLINE_SECONDS * 1000,
          firstHeadReminderIntervalMs: this.config.FIRST_HEAD_REMINDER_INTERVAL_SECONDS * 1000,
        },
      ],
    });
    // Accepted = the workflow exists and took the update; only then wait for its answer.
    const update = await this.temporal.client.workflow.startUpdateWithStart(awaitStartOutcomeUpdate, {
      startWorkflowOperation,
      waitForStage: WorkflowUpdateStage.ACCEPTED,
    });
    // Registers can be slow: do not hold the applicant longer than START_OUTCOME_WAIT_MS. The
    // workflow goes on; the client polls GET.
    const outcome = update.result();
    const waited = await Promise.race([outcome.then((view) => ({ view })), delay(this.config.START_OUTCOME_WAIT_MS).then(() => null)]);
    outcome.catch(() => undefined);
    if (waited) return waited.view;
    return (await startWorkflowOperation.workflowHandle()).query(getApplicationQuery);
  }

  private async refuseWhileBlocked(iin: string): Promise<void> {
    const blockedUntil = await otpBlockedUntil(this.dataSource, iin);
    if (blockedUntil) throw this.blocked(blockedUntil);
  }

  private blocked(until: Date): ApiError {
    const retryAfterSeconds = Math.max(1, Math.ceil((until.getTime() - Date.now()) / 1000));
    return new ApiError(ApiErrorCode.Blocked, MESSAGES.blocked, { blockedUntil: until.toISOString(), retryAfterSeconds }, retryAfterSeconds);
  }

  private async fromProjection(application: Application): Promise<ApplicationView> {
    const events = await this.dataSource.getRepository(ApplicationStatusEvent).find({ where: { applicationId: application.id }, order: { seq: 'ASC' } });
    return {
      applicationId: application.id,
      status: application.status,
      nextStep: application.nextStep,
      history: events.map((e) => ({ status: e.status, at: e.at.toISOString() })),
      otp: {},
    };
  }
}

const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());
