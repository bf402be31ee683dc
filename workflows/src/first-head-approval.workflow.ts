import { ActivityFailure, allHandlersFinished, condition, setHandler } from '@temporalio/workflow';
import {
  decideFirstHeadApprovalUpdate,
  getFirstHeadApprovalQuery,
  type FirstHeadApprovalInput,
  type FirstHeadApprovalOutcome,
  type FirstHeadApprovalView,
  type FirstHeadDecision,
} from '@app/contracts';
import { onboarding, pki } from './onboarding/activities';
import { UUID, refusal } from './onboarding/context';

const IIN = /^\d{12}$/;

/**
 * The first head's approval of one legal-entity employee's НУЦ application (seed 002 steps 26–27):
 * the first head (or the acting head) is told by SMS at their БМГ phone and reminded after each
 * interval; they approve with a signature (the API verified it and stored it as evidence) or reject
 * with a reason. Approval moves the НУЦ application to «Заявка на подписи в ИС НУЦ», rejection to
 * «Заявка отклонена первым руководителем»; past the deadline the НУЦ application is annulled.
 */
export async function firstHeadApprovalWorkflow(input: FirstHeadApprovalInput): Promise<FirstHeadApprovalOutcome> {
  const requestedAt = new Date().getTime();
  const deadline = requestedAt + input.deadlineMs;
  const view: FirstHeadApprovalView = { ...input, status: 'pending', requestedAt: iso(requestedAt), deadlineAt: iso(deadline), remindersSent: 0 };
  const record = (extra: Partial<Parameters<typeof onboarding.recordFirstHeadApproval>[0]> = {}) =>
    onboarding.recordFirstHeadApproval({
      number: input.number,
      applicationId: input.applicationId,
      bin: input.bin,
      employeeIin: input.employeeIin,
      template: input.template,
      status: view.status,
      requestedAt: view.requestedAt,
      deadlineAt: view.deadlineAt,
      ...extra,
    });
  let decision: FirstHeadDecision | undefined;
  let deciding = false;

  setHandler(getFirstHeadApprovalQuery, () => view);
  setHandler(
    decideFirstHeadApprovalUpdate,
    async (d) => {
      deciding = true;
      try {
        await decidedInPki(d, input.number);
        const at = new Date().toISOString();
        view.status = d.decision === 'approve' ? 'approved' : 'rejected';
        view.outcome = { ...d, at };
        await record({
          decidedAt: at,
          approverIin: d.approver.iin,
          approverCertificateSerial: d.approver.certificateSerial,
          evidenceId: d.decision === 'approve' ? d.evidenceId : undefined,
          rejectionReason: d.decision === 'reject' ? d.reason.trim() : undefined,
        });
        decision = d;
        return view;
      } finally {
        deciding = false;
      }
    },
    {
      validator: (d) => {
        if (view.status !== 'pending' || deciding) throw refusal('this application is already decided');
        if (new Date().getTime() >= deadline) throw refusal('the time for this approval has run out');
        if (d.decision !== 'approve' && d.decision !== 'reject') throw refusal('decision must be approve or reject');
        if (d.bin !== input.bin) throw refusal('this application belongs to another organisation');
        if (!IIN.test(d.approver?.iin ?? '') || !d.approver.certificateSerial) throw refusal('the approver must be named by IIN and certificate');
        if (d.approver.iin === input.employeeIin) throw refusal('an employee cannot decide on their own application');
        if (d.decision === 'approve' && !UUID.test(d.evidenceId ?? '')) throw refusal('an approval needs its stored signature (evidenceId)');
        if (d.decision === 'reject' && !d.reason?.trim()) throw refusal('a rejection needs a reason the employee will read');
      },
    },
  );

  await record();
  await onboarding.notifyFirstHead({ applicationId: input.applicationId, number: input.number, bin: input.bin, notice: 'request', key: `${input.number}:request`, deadlineAt: view.deadlineAt });
  while (decision === undefined) {
    const reminderAt = input.reminderIntervalMs > 0 ? requestedAt + (view.remindersSent + 1) * input.reminderIntervalMs : Number.POSITIVE_INFINITY;
    const wakeAt = Math.min(reminderAt, deadline);
    const left = wakeAt - new Date().getTime();
    if (left > 0 && (await condition(() => decision !== undefined || deciding, left))) {
      // A decision is being recorded: it either lands or fails (and the wait goes on).
      await condition(() => decision !== undefined || !deciding);
      continue;
    }
    if (wakeAt >= deadline) break;
    view.remindersSent++;
    await onboarding.notifyFirstHead({ applicationId: input.applicationId, number: input.number, bin: input.bin, notice: 'reminder', key: `${input.number}:reminder:${view.remindersSent}`, deadlineAt: view.deadlineAt });
  }

  if (decision === undefined) {
    view.status = 'expired';
    view.outcome = { decision: 'expired', at: new Date().toISOString() };
    await pki.annulNucApplication(input.number);
    await record({ decidedAt: view.outcome.at });
  }
  await condition(allHandlersFinished);
  return view.outcome!;
}

/** The НУЦ side of the decision; a refusal there (the application was annulled meanwhile) refuses the update. */
async function decidedInPki(d: FirstHeadDecision, number: string): Promise<void> {
  try {
    if (d.decision === 'approve') await pki.approveNucApplicationByFirstHead(number);
    else await pki.rejectNucApplicationByFirstHead(number);
  } catch (error) {
    if (error instanceof ActivityFailure && error.cause) throw refusal(error.cause.message);
    throw error;
  }
}

const iso = (ms: number) => new Date(ms).toISOString();
