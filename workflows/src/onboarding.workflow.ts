import { allHandlersFinished, condition, patched, setHandler } from '@temporalio/workflow';
import { MESSAGES, awaitStartOutcomeUpdate, getApplicationQuery, type ApplicationView, type OnboardingInput } from '@app/contracts';
import { biometrics, onboarding } from './onboarding/activities';
import { selfieStep, videoIdentificationStep, type CaptureEvidence } from './onboarding/capture-steps';
import { CodeStep } from './onboarding/code-step';
import { firstHeadApprovalStep } from './onboarding/first-head-step';
import { ApplicationAnnulled, OnboardingContext, type OnboardingSettings } from './onboarding/context';
import { consentStep, documentStep, pinStep, type ConfirmedDocument } from './onboarding/identity-steps';
import { annulNucApplication, issuanceAndInstallationStep, nucApplicationStep } from './onboarding/nuc-steps';
import { registerMatchStep } from './onboarding/register-match-step';

export type { OnboardingSettings } from './onboarding/context';

/**
 * One applicant's way from IIN to installed certificates (seed 002 steps 1–27, seed 004, DESIGN §2):
 * eligibility and the mobile citizens database, the SMS code, Digital ID (the phone again and a
 * second code), selfie, video identification, PIN, the identity document, matching against
 * ГБД ФЛ (or a moderator), consent, the НУЦ application, the first head's approval (a legal-entity
 * employee), issuance and installation. An application
 * not completed within a month is annulled.
 */
export async function onboardingWorkflow(input: OnboardingInput, settings: OnboardingSettings): Promise<ApplicationView> {
  const ctx = new OnboardingContext(input, settings);
  const { view } = ctx;
  setHandler(getApplicationQuery, () => view);
  setHandler(awaitStartOutcomeUpdate, async () => {
    await condition(() => view.status !== 'checking_phone');
    return view;
  });
  const code = new CodeStep(ctx);

  await ctx.transition('checking_phone', 'wait');
  // Added after the first release: histories recorded before it replay without the check.
  if (patched('eligibility-before-otp')) {
    const eligibility = await onboarding.checkEligibility({ iin: input.iin, subjectType: input.subjectType, bin: input.bin, template: input.template });
    if (!eligibility.eligible) {
      await ctx.transition('ineligible', 'visit_service_center', eligibility.message);
      return view;
    }
  }
  const phone = await onboarding.lookupMobileCitizen({ iin: input.iin });
  if (!phone.registered) {
    await ctx.transition('phone_not_registered', 'register_phone_via_operator', MESSAGES.phoneNotRegistered);
    return view;
  }
  if ((await code.firstCode()) === 'ended') return view;
  // Released versions ended at the verified code.
  if (!patched('whole-path')) return view;

  view.checklist = { webcam: input.clientChecks?.webcam ?? null, keyAgent: input.clientChecks?.keyAgent ?? null, mobileCitizen: true };
  ctx.startAnnulmentClock();
  let nucNumber: string | undefined;
  try {
    if ((await code.digitalIdCode()) === 'ended') return view;
    let capture: CaptureEvidence | null = null;
    let document: ConfirmedDocument | null = null;
    let pinSet = false;
    for (let caseSeq = 1; ; caseSeq++) {
      capture ??= await captureIdentity(ctx);
      if (!capture) return await ended(ctx);
      if (!pinSet) await pinStep(ctx);
      pinSet = true;
      document ??= await documentStep(ctx);
      if (!document) return await ended(ctx);
      const match = await registerMatchStep(ctx, capture, document, caseSeq);
      if (match.kind === 'rejected') return await ended(ctx);
      if (match.kind === 'new_selfie') capture = null;
      if (match.kind === 'new_document') document = null;
      if (match.kind !== 'linked') continue;

      await consentStep(ctx);
      nucNumber = await nucApplicationStep(ctx, match.identity);
      if (!nucNumber || !(await firstHeadApprovalStep(ctx, nucNumber))) return await ended(ctx);
      await issuanceAndInstallationStep(ctx, nucNumber);
      return await ended(ctx);
    }
  } catch (error) {
    if (!(error instanceof ApplicationAnnulled)) throw error;
    await annulNucApplication(nucNumber);
    await ctx.transition('annulled', 'start_again', MESSAGES.annulled);
    return await ended(ctx);
  }
}

/** Selfie, then video identification with the selfie's face (steps 9–13); null when the tries ran out. */
async function captureIdentity(ctx: OnboardingContext): Promise<CaptureEvidence | null> {
  const selfie = await selfieStep(ctx);
  return selfie ? videoIdentificationStep(ctx, selfie) : null;
}

/** The application is decided: its biometric samples start their retention period; the last answer reaches its caller. */
async function ended(ctx: OnboardingContext): Promise<ApplicationView> {
  await biometrics.markBiometricsDecided({ applicationId: ctx.applicationId });
  await condition(allHandlersFinished);
  return ctx.view;
}
