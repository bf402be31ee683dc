import { allHandlersFinished, condition, patched, setHandler } from '@temporalio/workflow';
import {
  MESSAGES,
  resendOtpUpdate,
  resendTooEarlyMessage,
  startDigitalIdUpdate,
  submitOtpUpdate,
  supersededSignal,
  type ApplicationStatus,
  type ResendOtpResult,
  type StartDigitalIdResult,
  type SubmitOtpResult,
} from '@app/contracts';
import { onboarding, onboardingInteractive } from './activities';
import { HEX64, refusal, tooEarly, type OnboardingContext } from './context';

type Phase = 'first' | 'digital_id';

const SENT: Record<Phase, ApplicationStatus> = { first: 'otp_sent', digital_id: 'digital_id_otp_sent' };
const COOLDOWN: Record<Phase, ApplicationStatus> = { first: 'otp_cooldown', digital_id: 'digital_id_otp_cooldown' };

/**
 * The SMS one-time password (seed 002 steps 3–5 and, on the Digital ID page, step 8): sent to the
 * БМГ phone, checked as a validated update, resent after the cooldown, the IIN blocked after the
 * third wrong code. Used twice: once after the start, once after the phone is typed on the
 * Digital ID page. The first use is what released versions ran: its commands must not change.
 */
export class CodeStep {
  private phase: Phase = 'first';
  private sendSeq = 0;
  private verifySeq = 0;
  private verified: Record<Phase, boolean> = { first: false, digital_id: false };
  private superseded = false;
  private phoneConfirmed = false;

  constructor(private readonly ctx: OnboardingContext) {
    const { view } = ctx;
    setHandler(supersededSignal, () => {
      if (this.phase === 'first') this.superseded = true;
    });

    setHandler(
      submitOtpUpdate,
      async ({ codeHash, clientAddress }): Promise<SubmitOtpResult> => {
        // One key per submission: a retried activity gets the answer recorded the first time.
        const attemptKey = `${ctx.applicationId}:verify:${++this.verifySeq}`;
        const result = await onboardingInteractive.verifyOtp({ applicationId: ctx.applicationId, iin: ctx.input.iin, codeHash, clientAddress, attemptKey });
        switch (result.outcome) {
          case 'verified':
            this.verified[this.phase] = true;
            view.otp = { phoneMasked: view.otp.phoneMasked };
            if (this.phase === 'first') {
              // Released versions ended here; the whole path continues at the Digital ID page.
              const wholePath = patched('whole-path');
              await ctx.transition('otp_verified', wholePath ? 'digital_id' : 'selfie', MESSAGES.otpVerified);
            } else {
              // The selfie step moves the status on once its update exists.
              await ctx.handOver(view.status);
            }
            return { outcome: 'verified', application: view };
          case 'blocked':
            if (view.status !== 'blocked') await ctx.transition('blocked', 'wait', MESSAGES.blocked);
            return result;
          default:
            return result;
        }
      },
      {
        validator: ({ codeHash }) => {
          this.codeStepOnly();
          if (!HEX64.test(codeHash)) throw refusal('malformed code hash');
        },
      },
    );

    setHandler(
      resendOtpUpdate,
      async (): Promise<ResendOtpResult> => {
        const result = await this.sendCode();
        switch (result.outcome) {
          case 'sent':
            await this.codeSent(result);
            return { outcome: 'sent', application: view };
          case 'too_early':
            return { outcome: 'too_early', retryAfterSeconds: Math.ceil(result.retryAfterMs / 1000) };
          case 'blocked':
            return { outcome: 'blocked', blockedUntil: result.blockedUntil };
          case 'no_phone':
            throw refusal('the phone is no longer registered in the mobile citizens database');
        }
      },
      {
        validator: () => {
          this.codeStepOnly();
          this.resendDue();
        },
      },
    );

    setHandler(
      startDigitalIdUpdate,
      async ({ phoneHash }): Promise<StartDigitalIdResult> => {
        const { matches } = await onboardingInteractive.checkDigitalIdPhone({ iin: ctx.input.iin, phoneHash });
        if (!matches) return { outcome: 'phone_mismatch' };
        this.phoneConfirmed = true;
        await condition(() => view.status !== 'otp_verified');
        return { outcome: view.status === SENT.digital_id ? 'sent' : 'waiting', application: view };
      },
      {
        validator: ({ phoneHash }) => {
          ctx.expect('otp_verified');
          if (this.phoneConfirmed) throw refusal('the phone number is being checked');
          if (!HEX64.test(phoneHash)) throw refusal('malformed phone hash');
        },
      },
    );
  }

  /** Sends the first code and waits for it; 'verified' or how the application ended. */
  async firstCode(): Promise<'verified' | 'ended'> {
    const { ctx } = this;
    if (!(await this.sendWaitingOutCooldown())) return 'ended';
    const settled = await condition(() => this.verified.first || this.superseded, ctx.settings.otpStepTimeoutMs);
    await condition(allHandlersFinished);
    if (this.verified.first) return 'verified';
    if (this.superseded) await ctx.transition('superseded', 'none', MESSAGES.superseded);
    else if (!settled) await ctx.transition('abandoned', 'start_again', MESSAGES.abandoned);
    return 'ended';
  }

  /** «Перейти к получению ЭЦП»: the phone typed again on the Digital ID page, then a second code. */
  async digitalIdCode(): Promise<'verified' | 'ended'> {
    const { ctx } = this;
    await ctx.waitFor(() => this.phoneConfirmed);
    this.phase = 'digital_id';
    if (!(await this.sendWaitingOutCooldown())) return 'ended';
    if (!(await condition(() => this.verified.digital_id, ctx.settings.otpStepTimeoutMs))) {
      await ctx.transition('abandoned', 'start_again', MESSAGES.abandoned);
      return 'ended';
    }
    return 'verified';
  }

  private sendCode() {
    return onboarding.sendOtp({ applicationId: this.ctx.applicationId, iin: this.ctx.input.iin, sendKey: `${this.ctx.applicationId}:${++this.sendSeq}` });
  }

  private async codeSent(sent: { expiresAt: string; resendAvailableAt: string; phoneMasked: string }) {
    this.ctx.view.otp = { expiresAt: sent.expiresAt, resendAvailableAt: sent.resendAvailableAt, phoneMasked: sent.phoneMasked };
    await this.ctx.transition(SENT[this.phase], 'enter_otp', MESSAGES.otpSent);
  }

  /**
   * The phone's 2-minute limit is per IIN: if an earlier application of this IIN (or this one's first
   * code) just got a code, wait the limit out (or until this application is itself superseded).
   */
  private async sendWaitingOutCooldown(): Promise<boolean> {
    const { ctx } = this;
    for (;;) {
      const sent = await this.sendCode();
      if (sent.outcome === 'sent') {
        await this.codeSent(sent);
        return true;
      }
      if (sent.outcome === 'no_phone') {
        await ctx.transition('phone_not_registered', 'register_phone_via_operator', MESSAGES.phoneNotRegistered);
        return false;
      }
      if (sent.outcome === 'blocked') {
        ctx.view.otp = { resendAvailableAt: sent.blockedUntil };
        await ctx.transition('blocked', 'wait', MESSAGES.blocked);
        return true;
      }
      ctx.view.otp = { resendAvailableAt: new Date(new Date().getTime() + sent.retryAfterMs).toISOString() };
      if (ctx.view.status !== COOLDOWN[this.phase]) await ctx.transition(COOLDOWN[this.phase], 'wait');
      if (await condition(() => this.superseded, sent.retryAfterMs)) return true;
    }
  }

  /**
   * A resend within the wait after this application's own code is refused here, before anything
   * runs: no activity, no register call, nothing in history. (The wait an earlier application of the
   * IIN started is known only to the guard: the activity answers that one.)
   */
  private resendDue(): void {
    const { status, otp } = this.ctx.view;
    if (status !== SENT[this.phase] || !otp.resendAvailableAt) return;
    const waitMs = Date.parse(otp.resendAvailableAt) - new Date().getTime();
    if (waitMs > 0) {
      const seconds = Math.ceil(waitMs / 1000);
      throw tooEarly(resendTooEarlyMessage(seconds), seconds);
    }
  }

  private codeStepOnly(): void {
    const { status } = this.ctx.view;
    const open = this.phase === 'first' ? ['otp_sent', 'blocked'] : ['digital_id_otp_sent', 'blocked'];
    if (!open.includes(status)) throw refusal(`no one-time password is expected now (status: ${status})`);
  }
}
