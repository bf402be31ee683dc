import { ApplicationFailure, allHandlersFinished, condition, patched, proxyActivities, setHandler } from '@temporalio/workflow';
import type { OnboardingActivities } from '@app/onboarding';
import {
  MESSAGES,
  WorkflowFailureType,
  awaitStartOutcomeUpdate,
  getApplicationQuery,
  resendOtpUpdate,
  submitOtpUpdate,
  supersededSignal,
  type ApplicationStatus,
  type ApplicationView,
  type NextStep,
  type OnboardingInput,
  type ResendOtpResult,
  type SubmitOtpResult,
} from '@app/contracts';

export interface OnboardingTimeouts {
  /** How long the application waits for a correct code before it is abandoned. */
  otpStepTimeoutMs: number;
}

// Register and SMS outages must never fail an applicant: retry with backoff, without a limit.
const { checkEligibility, lookupMobileCitizen, sendOtp, recordStatus } = proxyActivities<OnboardingActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '30 seconds' },
});

// A person is waiting on the answer: fail fast enough for the API to say "try again".
const { verifyOtp } = proxyActivities<OnboardingActivities>({
  startToCloseTimeout: '10 seconds',
  retry: { initialInterval: '500 milliseconds', maximumAttempts: 3 },
});

const CODE_HASH = /^[0-9a-f]{64}$/;

/**
 * One applicant's way from IIN to certificate. This part: the register eligibility rules (seed 000
 * Appendix 2, legal-entity roles), the mobile citizens database check and the SMS one-time password
 * (seed 002 steps 3–5, DESIGN §2.2–3). An ineligible applicant gets the seed's message and no SMS.
 */
export async function onboardingWorkflow(input: OnboardingInput, timeouts: OnboardingTimeouts): Promise<ApplicationView> {
  const view: ApplicationView = { applicationId: input.applicationId, status: 'checking_phone', nextStep: 'wait', history: [], otp: {} };
  let eventSeq = 0;
  let sendSeq = 0;
  let verified = false;
  let superseded = false;

  const transition = async (status: ApplicationStatus, nextStep: NextStep, message?: string) => {
    const at = new Date().toISOString();
    Object.assign(view, { status, nextStep, message });
    view.history.push({ status, at });
    await recordStatus({ applicationId: input.applicationId, seq: eventSeq++, status, nextStep, at });
  };

  const codeSent = async (sent: { expiresAt: string; resendAvailableAt: string; phoneMasked: string }) => {
    view.otp = { expiresAt: sent.expiresAt, resendAvailableAt: sent.resendAvailableAt, phoneMasked: sent.phoneMasked };
    await transition('otp_sent', 'enter_otp', MESSAGES.otpSent);
  };

  const sendCode = async () => sendOtp({ applicationId: input.applicationId, iin: input.iin, sendKey: `${input.applicationId}:${++sendSeq}` });

  const codeStepOnly = () => {
    if (view.status !== 'otp_sent' && view.status !== 'blocked') {
      throw ApplicationFailure.create({ type: WorkflowFailureType.InvalidState, message: `no one-time password is expected now (status: ${view.status})`, nonRetryable: true });
    }
  };

  setHandler(getApplicationQuery, () => view);
  setHandler(supersededSignal, () => {
    superseded = true;
  });
  setHandler(awaitStartOutcomeUpdate, async () => {
    await condition(() => view.status !== 'checking_phone');
    return view;
  });

  setHandler(
    submitOtpUpdate,
    async ({ codeHash, clientAddress }): Promise<SubmitOtpResult> => {
      const result = await verifyOtp({ applicationId: input.applicationId, iin: input.iin, codeHash, clientAddress });
      switch (result.outcome) {
        case 'verified':
          verified = true;
          view.otp = { phoneMasked: view.otp.phoneMasked };
          await transition('otp_verified', 'selfie', MESSAGES.otpVerified);
          return { outcome: 'verified', application: view };
        case 'blocked':
          if (view.status !== 'blocked') await transition('blocked', 'wait', MESSAGES.blocked);
          return result;
        default:
          return result;
      }
    },
    {
      validator: ({ codeHash }) => {
        codeStepOnly();
        if (!CODE_HASH.test(codeHash)) throw ApplicationFailure.create({ type: WorkflowFailureType.InvalidState, message: 'malformed code hash', nonRetryable: true });
      },
    },
  );

  setHandler(
    resendOtpUpdate,
    async (): Promise<ResendOtpResult> => {
      const result = await sendCode();
      switch (result.outcome) {
        case 'sent':
          await codeSent(result);
          return { outcome: 'sent', application: view };
        case 'too_early':
          return { outcome: 'too_early', retryAfterSeconds: Math.ceil(result.retryAfterMs / 1000) };
        case 'blocked':
          return { outcome: 'blocked', blockedUntil: result.blockedUntil };
        case 'no_phone':
          throw ApplicationFailure.create({ type: WorkflowFailureType.InvalidState, message: 'the phone is no longer registered in the mobile citizens database', nonRetryable: true });
      }
    },
    { validator: codeStepOnly },
  );

  await transition('checking_phone', 'wait');
  // Added after the first release: histories recorded before it replay without the check.
  if (patched('eligibility-before-otp')) {
    const eligibility = await checkEligibility({ iin: input.iin, subjectType: input.subjectType, bin: input.bin, template: input.template });
    if (!eligibility.eligible) {
      await transition('ineligible', 'visit_service_center', eligibility.message);
      return view;
    }
  }
  const phone = await lookupMobileCitizen({ iin: input.iin });
  if (!phone.registered) {
    await transition('phone_not_registered', 'register_phone_via_operator', MESSAGES.phoneNotRegistered);
    return view;
  }

  // The first code. The phone's 2-minute limit is per IIN: if an earlier application of this IIN
  // just got a code, wait the limit out (or until this application is itself superseded).
  for (;;) {
    const first = await sendCode();
    if (first.outcome === 'sent') {
      await codeSent(first);
      break;
    }
    if (first.outcome === 'no_phone') {
      await transition('phone_not_registered', 'register_phone_via_operator', MESSAGES.phoneNotRegistered);
      return view;
    }
    if (first.outcome === 'blocked') {
      view.otp = { resendAvailableAt: first.blockedUntil };
      await transition('blocked', 'wait', MESSAGES.blocked);
      break;
    }
    view.otp = { resendAvailableAt: new Date(new Date().getTime() + first.retryAfterMs).toISOString() };
    if (view.status !== 'otp_cooldown') await transition('otp_cooldown', 'wait');
    if (await condition(() => superseded, first.retryAfterMs)) break;
  }

  const settled = await condition(() => verified || superseded, timeouts.otpStepTimeoutMs);
  await condition(allHandlersFinished);
  if (verified) return view;
  if (superseded) await transition('superseded', 'none', MESSAGES.superseded);
  else if (!settled) await transition('abandoned', 'start_again', MESSAGES.abandoned);
  return view;
}
