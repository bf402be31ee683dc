import { ParentClosePolicy, patched, startChild } from '@temporalio/workflow';
import { MESSAGES, firstHeadApprovalWorkflowId, type FirstHeadApprovalInput, type FirstHeadApprovalOutcome } from '@app/contracts';
import { firstHeadApprovalWorkflow } from '../first-head-approval.workflow';
import { pki } from './activities';
import type { OnboardingContext } from './context';
import { link } from './nuc-steps';

/**
 * A legal-entity employee's application waits for the first head of the organisation (seed 002
 * step 26: «Ожидание подтверждения первого руководителя»), in a child workflow with its deadline and
 * reminders. True when the application may go on to issuance (approved, or no approval needed).
 */
export async function firstHeadApprovalStep(ctx: OnboardingContext, number: string): Promise<boolean> {
  if (ctx.view.nuc?.status !== 'AWAITING_FIRST_HEAD') return true;
  // Released versions had no approval step (issuance refused such an application); their histories replay that way.
  if (!patched('first-head-approval')) return true;
  const input: FirstHeadApprovalInput = {
    number,
    applicationId: ctx.applicationId,
    bin: ctx.input.bin ?? '',
    employeeIin: ctx.input.iin,
    template: ctx.input.template,
    deadlineMs: ctx.settings.firstHeadApprovalDeadlineMs,
    reminderIntervalMs: ctx.settings.firstHeadReminderIntervalMs,
  };
  const child = await startChild(firstHeadApprovalWorkflow, {
    workflowId: firstHeadApprovalWorkflowId(number),
    args: [input],
    // An annulled application takes its approval with it.
    parentClosePolicy: ParentClosePolicy.TERMINATE,
  });
  ctx.view.firstHeadApproval = { deadlineAt: new Date(new Date().getTime() + input.deadlineMs).toISOString() };
  await ctx.transition('awaiting_first_head', 'wait', MESSAGES.awaitingFirstHead);

  let outcome: FirstHeadApprovalOutcome | undefined;
  void child.result().then((o) => (outcome = o));
  await ctx.waitFor(() => outcome !== undefined);
  ctx.view.firstHeadApproval = undefined;
  ctx.view.nuc = link(await pki.getNucApplication(number));
  switch (outcome!.decision) {
    case 'approve':
      await ctx.transition('certificates_issuing', 'wait', MESSAGES.certificatesIssuing);
      return true;
    case 'reject':
      await ctx.transition('rejected', 'start_again', `Заявка отклонена первым руководителем организации: ${outcome!.reason.trim()}`);
      return false;
    case 'expired':
      await ctx.transition('annulled', 'start_again', MESSAGES.firstHeadDeadlinePassed);
      return false;
  }
}
