import { allHandlersFinished, condition, setHandler } from '@temporalio/workflow';
import {
  MODERATION_DECISIONS,
  decideModerationCaseUpdate,
  getModerationCaseQuery,
  type ModerationCaseInput,
  type ModerationCaseView,
  type ModerationDecision,
} from '@app/contracts';
import { onboarding } from './onboarding/activities';
import { refusal } from './onboarding/context';

/**
 * One moderation case (seed 002 steps 18–19): references to the evidence, the distances, the fields
 * beside the register's and the reason; it waits for a moderator's decision. Past its deadline it is
 * escalated (status and projection), never lost: it goes on waiting.
 */
export async function moderationCaseWorkflow(input: ModerationCaseInput): Promise<ModerationDecision> {
  const view: ModerationCaseView = { ...input, status: 'open', openedAt: new Date().toISOString() };
  let decision: ModerationDecision | undefined;

  setHandler(getModerationCaseQuery, () => view);
  setHandler(
    decideModerationCaseUpdate,
    async (d) => {
      view.status = 'decided';
      view.decided = { ...d, at: new Date().toISOString() };
      await onboarding.recordModerationCase({ caseId: input.caseId, applicationId: input.applicationId, reasons: input.reasons, template: input.template, status: 'decided', decision: d.decision, at: view.decided.at });
      decision = d;
      return view;
    },
    {
      validator: (d) => {
        if (view.status === 'decided') throw refusal('this case is already decided');
        if (!MODERATION_DECISIONS.includes(d.decision)) throw refusal(`decision must be one of: ${MODERATION_DECISIONS.join(', ')}`);
        if (d.decision === 'reject' && !d.reason?.trim()) throw refusal('a rejection needs a reason the applicant will read');
        if (!d.moderator?.trim()) throw refusal('the deciding moderator must be named');
      },
    },
  );

  await onboarding.recordModerationCase({ caseId: input.caseId, applicationId: input.applicationId, reasons: input.reasons, template: input.template, status: 'open', at: view.openedAt });
  if (!(await condition(() => decision !== undefined, input.deadlineMs))) {
    view.status = 'escalated';
    view.escalatedAt = new Date().toISOString();
    await onboarding.recordModerationCase({ caseId: input.caseId, applicationId: input.applicationId, reasons: input.reasons, template: input.template, status: 'escalated', at: view.escalatedAt });
    await condition(() => decision !== undefined);
  }
  await condition(allHandlersFinished);
  return decision!;
}
