import { ApplicationFailure, allHandlersFinished, condition, setHandler } from '@temporalio/workflow';
import {
  DEFAULT_CLAIM_LEASE_MS,
  MODERATION_DECISIONS,
  WorkflowFailureType,
  claimModerationCaseUpdate,
  decideModerationCaseUpdate,
  getModerationCaseQuery,
  heldByAnother,
  liveClaim,
  releaseModerationCaseUpdate,
  type ModerationCaseInput,
  type ModerationCaseView,
  type ModerationClaim,
  type ModerationDecision,
} from '@app/contracts';
import { onboarding } from './onboarding/activities';
import { refusal } from './onboarding/context';

/**
 * One moderation case (seed 002 steps 18–19): references to the evidence, the distances, the fields
 * beside the register's and the reason. A moderator claims it for a lease (exclusive; it ends on its
 * own), and only the holder of a live claim decides. Past its deadline the case is escalated (status
 * and projection), never lost: it goes on waiting. Every change is written to the queue's projection.
 */
export async function moderationCaseWorkflow(input: ModerationCaseInput): Promise<ModerationDecision> {
  const leaseMs = input.claimLeaseMs ?? DEFAULT_CLAIM_LEASE_MS;
  const view: ModerationCaseView = { ...input, status: 'open', openedAt: new Date().toISOString() };
  let decision: ModerationDecision | undefined;
  // The projection keeps the newest write: activities of concurrent handlers may finish out of order.
  let version = 0;
  const record = () => onboarding.recordModerationCase(projection(view, ++version));

  setHandler(getModerationCaseQuery, () => view);

  // Validator and handler run in one synchronous stretch, so two moderators racing for the case are
  // taken one after the other: the second validator already sees the first claim.
  setHandler(
    claimModerationCaseUpdate,
    async (c) => {
      const now = new Date().getTime();
      view.claim = { staffId: c.staffId, moderator: c.moderator, claimedAt: new Date(now).toISOString(), until: new Date(now + leaseMs).toISOString() };
      await record();
      return view;
    },
    {
      validator: (c) => {
        if (!c.staffId?.trim() || !c.moderator?.trim()) throw refusal('the claiming moderator must be named');
        if (view.status === 'decided') throw refusal('this case is already decided');
        const holder = liveClaim(view, new Date().getTime());
        if (holder && holder.staffId !== c.staffId) throw claimedByAnother(holder);
      },
    },
  );

  setHandler(
    releaseModerationCaseUpdate,
    async () => {
      view.claim = undefined;
      await record();
      return view;
    },
    {
      validator: (r) => {
        if (liveClaim(view, new Date().getTime())?.staffId !== r.staffId) throw refusal('you hold no claim on this case');
      },
    },
  );

  setHandler(
    decideModerationCaseUpdate,
    async (d) => {
      view.status = 'decided';
      view.decided = { ...d, at: new Date().toISOString() };
      await record();
      decision = d;
      return view;
    },
    {
      validator: (d) => {
        if (view.status === 'decided') throw refusal('this case is already decided');
        if (!MODERATION_DECISIONS.includes(d.decision)) throw refusal(`decision must be one of: ${MODERATION_DECISIONS.join(', ')}`);
        if (d.decision === 'reject' && !d.reason?.trim()) throw refusal('a rejection needs a reason the applicant will read');
        if (!d.moderator?.trim() || !d.staffId?.trim()) throw refusal('the deciding moderator must be named');
        const holder = liveClaim(view, new Date().getTime());
        if (!holder) throw refusal('claim the case first: only the moderator holding a live claim decides');
        if (holder.staffId !== d.staffId) throw claimedByAnother(holder);
      },
    },
  );

  await record();
  if (!(await condition(() => decision !== undefined, input.deadlineMs))) {
    view.status = 'escalated';
    view.escalatedAt = new Date().toISOString();
    await record();
    await condition(() => decision !== undefined);
  }
  await condition(allHandlersFinished);
  return decision!;
}

/** The queue's row of the case as it stands now. */
function projection(view: ModerationCaseView, version: number) {
  return {
    caseId: view.caseId,
    applicationId: view.applicationId,
    template: view.template,
    reasons: view.reasons,
    status: view.status,
    version,
    openedAt: view.openedAt,
    escalatedAt: view.escalatedAt,
    claim: view.claim ? { staffId: view.claim.staffId, moderator: view.claim.moderator, until: view.claim.until } : undefined,
    decision: view.decided?.decision,
    decidedBy: view.decided?.moderator,
    decidedAt: view.decided?.at,
    at: new Date().toISOString(),
  };
}

/** A refusal naming who holds the case and until when (the API's 409 carries both). */
function claimedByAnother(holder: ModerationClaim): ApplicationFailure {
  return ApplicationFailure.create({
    type: WorkflowFailureType.InvalidState,
    message: heldByAnother(holder),
    nonRetryable: true,
    details: [{ claimedBy: holder.moderator, claimedUntil: holder.until }],
  });
}
