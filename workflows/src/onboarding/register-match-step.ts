import { ParentClosePolicy, startChild } from '@temporalio/workflow';
import {
  MESSAGES,
  moderationCaseWorkflowId,
  type FacePairScore,
  type ModerationCaseInput,
  type ModerationDecision,
} from '@app/contracts';
import { biometrics, onboarding } from './activities';
import type { CaptureEvidence } from './capture-steps';
import type { OnboardingContext } from './context';
import type { ConfirmedDocument } from './identity-steps';
import { moderationCaseWorkflow } from '../moderation-case.workflow';

/** The person as ГБД ФЛ knows them: what the certificates will carry (never the applicant's typing). */
export interface RegisterIdentity {
  surname: string;
  givenName: string;
  patronymic?: string;
}

export type MatchOutcome =
  | { kind: 'linked'; identity: RegisterIdentity }
  | { kind: 'rejected' }
  | { kind: 'new_selfie' }
  | { kind: 'new_document' };

/**
 * Matching against ГБД ФЛ (seed 002 step 18): the document must be this person's, valid and not
 * expired; the confirmed fields must equal the register's; selfie ↔ document portrait ↔ register
 * photo must match. Any failure opens a moderation case (a child workflow) and waits for its decision.
 */
export async function registerMatchStep(ctx: OnboardingContext, capture: CaptureEvidence, document: ConfirmedDocument, caseSeq: number): Promise<MatchOutcome> {
  const register = await onboarding.compareWithRegister({
    applicationId: ctx.applicationId,
    iin: ctx.input.iin,
    document: { type: document.view.type, recognised: document.view.recognised, confirmed: document.view.confirmed },
  });
  const faces = register.registerPhotoSampleId
    ? await biometrics.matchThreeWay({
        applicationId: ctx.applicationId,
        selfieSampleId: capture.selfieSampleId,
        documentPortraitSampleId: document.portraitSampleId,
        registerPhotoSampleId: register.registerPhotoSampleId,
      })
    : undefined;
  const reasons = [...register.reasons];
  if (!register.registerPhotoSampleId) reasons.push('register_photo_missing');
  else if (faces && !faces.match) reasons.push(faces.missingFaces.length > 0 || faces.decision === 'review' ? 'face_not_comparable' : 'face_mismatch');
  if (reasons.length === 0 && register.identity) return { kind: 'linked', identity: register.identity };

  const caseInput: ModerationCaseInput = {
    caseId: `${ctx.applicationId}-${caseSeq}`,
    applicationId: ctx.applicationId,
    template: ctx.input.template,
    reasons,
    evidence: {
      selfieSampleId: capture.selfieSampleId,
      livenessBestFrameSampleId: capture.livenessBestFrameSampleId,
      documentPortraitSampleId: document.portraitSampleId,
      registerPhotoSampleId: register.registerPhotoSampleId,
      documentFrontScanId: document.frontScanId,
      documentBackScanId: document.backScanId,
    },
    distances: {
      threshold: faces?.threshold ?? 0,
      selfieToDocument: faces && pairScore(faces.pairs.selfieDocument),
      selfieToRegister: faces && pairScore(faces.pairs.selfieRegister),
      documentToRegister: faces && pairScore(faces.pairs.documentRegister),
    },
    fields: register.fields,
    confirmed: document.view.confirmed,
    deadlineMs: ctx.settings.moderationDeadlineMs,
    claimLeaseMs: ctx.settings.moderationClaimLeaseMs,
  };
  const child = await startChild(moderationCaseWorkflow, {
    workflowId: moderationCaseWorkflowId(caseInput.caseId),
    args: [caseInput],
    // The case outlives nothing: an annulled application closes its case with it.
    parentClosePolicy: ParentClosePolicy.TERMINATE,
  });
  ctx.view.moderationCaseId = caseInput.caseId;
  await ctx.transition('under_review', 'wait', MESSAGES.underReview);

  let decision: ModerationDecision | undefined;
  void child.result().then((d) => (decision = d));
  await ctx.waitFor(() => decision !== undefined);
  ctx.view.moderationCaseId = undefined;
  return decided(ctx, decision!, register.identity);
}

type FacePair = NonNullable<Awaited<ReturnType<typeof biometrics.matchThreeWay>>>['pairs']['selfieDocument'];

const pairScore = (pair: FacePair): FacePairScore => ({
  similarity: pair.similarity ?? undefined,
  score: pair.score ?? undefined,
  threshold: pair.threshold,
  match: pair.match,
  // Results recorded before the ONNX engine carry no cautions.
  cautions: [...(pair.cautions ?? [])],
});

async function decided(ctx: OnboardingContext, decision: ModerationDecision, identity: RegisterIdentity | undefined): Promise<MatchOutcome> {
  const notify = (event: string, text: keyof typeof MESSAGES) =>
    onboarding.notifyApplicant({ applicationId: ctx.applicationId, iin: ctx.input.iin, key: `${ctx.view.history.length}:${event}`, message: text });
  switch (decision.decision) {
    case 'approve':
      await notify('review-approved', 'smsReviewApproved');
      if (identity) return { kind: 'linked', identity };
      // Approved without a register record to issue from: nothing can be certified.
      await ctx.transition('rejected', 'visit_service_center', 'Данные не найдены в государственной базе данных физических лиц. Обратитесь в ЦОН.');
      return { kind: 'rejected' };
    case 'reject':
      await notify('review-rejected', 'smsReviewRejected');
      await ctx.transition('rejected', 'visit_service_center', `Документ не прошел проверку: ${decision.reason ?? ''}`.trim());
      return { kind: 'rejected' };
    case 'new_selfie':
      await notify('review-new-selfie', 'smsReviewRecapture');
      return { kind: 'new_selfie' };
    case 'new_document':
      await notify('review-new-document', 'smsReviewRecapture');
      return { kind: 'new_document' };
  }
}
