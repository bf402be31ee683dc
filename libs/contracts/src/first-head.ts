import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { CertificateTemplate } from './application';

/**
 * The first head's approval of a legal-entity employee's НУЦ application (seed 002 step 26–27): a
 * child workflow of the onboarding workflow, one per НУЦ application, with a deadline and reminders.
 */
export const FIRST_HEAD_APPROVAL_WORKFLOW_TYPE = 'firstHeadApprovalWorkflow';
export const firstHeadApprovalWorkflowId = (nucNumber: string) => `first-head-approval-${nucNumber}`;

/** The role a legal-entity template certifies (the role OID in the certificate's EKU). */
export type LegalEntityCertificateRole = 'first_head' | 'signing_right' | 'employee';
export const LEGAL_ENTITY_ROLE_BY_TEMPLATE: Record<Exclude<CertificateTemplate, 'individual'>, LegalEntityCertificateRole> = {
  legal_entity_first_head: 'first_head',
  legal_entity_signer: 'signing_right',
  // The treasury template is only for employees with a (financial) signing right (libs/eligibility).
  treasury_client: 'signing_right',
  legal_entity_employee: 'employee',
};

export interface FirstHeadApprovalInput {
  /** The НУЦ application number (14 digits). */
  number: string;
  /** The employee's onboarding application. */
  applicationId: string;
  bin: string;
  employeeIin: string;
  template: CertificateTemplate;
  /** How long the first head has to decide; past it the НУЦ application is annulled. */
  deadlineMs: number;
  /** An SMS reminder to the first head after each such interval while undecided. */
  reminderIntervalMs: number;
}

/** Who decided: the IIN and certificate of the person who signed in (and, for approval, signed). */
export interface FirstHeadApprover {
  iin: string;
  certificateSerial: string;
}

/** The decision the cabinet sends (the API has verified the signature and ГБД ЮЛ before). */
export type FirstHeadDecision =
  | { decision: 'approve'; bin: string; approver: FirstHeadApprover; /** the stored CMS signature (first_head_approval_evidence.id) */ evidenceId: string }
  | { decision: 'reject'; bin: string; approver: FirstHeadApprover; reason: string };

export type FirstHeadApprovalOutcome = (FirstHeadDecision & { at: string }) | { decision: 'expired'; at: string };

export type FirstHeadApprovalStatus = 'pending' | 'approved' | 'rejected' | 'expired';

export interface FirstHeadApprovalView extends FirstHeadApprovalInput {
  status: FirstHeadApprovalStatus;
  requestedAt: string;
  deadlineAt: string;
  remindersSent: number;
  outcome?: FirstHeadApprovalOutcome;
}

export const getFirstHeadApprovalQuery = defineQuery<FirstHeadApprovalView>('getFirstHeadApproval');
export const decideFirstHeadApprovalUpdate = defineUpdate<FirstHeadApprovalView, [FirstHeadDecision]>('decideFirstHeadApproval');

/** The SMS the first head gets: when the application arrives, and as reminders (the seeds give no wording). */
export type FirstHeadNotice = 'request' | 'reminder';
export function firstHeadSms(notice: FirstHeadNotice, number: string, deadlineAt: string): string {
  const until = formatAlmatyDate(deadlineAt);
  return notice === 'request'
    ? `Заявка № ${number} сотрудника Вашей организации на ЭЦП ожидает Вашего подтверждения до ${until} в личном кабинете первого руководителя. НУЦ РК`
    : `Напоминание: заявка № ${number} сотрудника Вашей организации на ЭЦП ожидает Вашего подтверждения до ${until}. НУЦ РК`;
}

/** dd.mm.yyyy hh:mm in Astana/Almaty time (UTC+5), without Intl (the workflow sandbox has no time-zone data guarantees). */
function formatAlmatyDate(iso: string): string {
  const d = new Date(new Date(iso).getTime() + 5 * 3600_000);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(d.getUTCDate())}.${two(d.getUTCMonth() + 1)}.${d.getUTCFullYear()} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}`;
}
