import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { ApplicationView, DocumentFields, IdentityDocumentKind } from './application';

/**
 * The one place naming the onboarding workflow's messages, so the API and the workflow cannot drift.
 * Requests needing an answer are updates (validated), reads are queries, facts are signals.
 */
export const ONBOARDING_WORKFLOW_TYPE = 'onboardingWorkflow';
/** The API's request to the CA to certify its delegated OCSP responder key (workflows/src/ocsp-responder.workflow.ts). */
export const OCSP_RESPONDER_WORKFLOW_TYPE = 'ocspResponderCertificateWorkflow';
/** One tick of the CRL schedule (workflows/src/crl-publication.workflow.ts). */
export const CRL_PUBLICATION_WORKFLOW_TYPE = 'crlPublicationWorkflow';
export const ONBOARDING_TASK_QUEUE_DEFAULT = 'onboarding';

export const onboardingWorkflowId = (applicationId: string) => `onboarding-${applicationId}`;

export const getApplicationQuery = defineQuery<ApplicationView>('getApplication');

/** Resolves once the phone check and the first SMS are done (or failed), so POST /applications can answer in one call. */
export const awaitStartOutcomeUpdate = defineUpdate<ApplicationView>('awaitStartOutcome');

export interface SubmitOtpArgs {
  /** keyed hash (hex) of `${applicationId}:${code}` — the code itself never enters workflow history */
  codeHash: string;
  clientAddress: string;
}
export type SubmitOtpResult =
  | { outcome: 'verified'; application: ApplicationView }
  | { outcome: 'wrong'; attemptsLeft: number }
  | { outcome: 'expired' }
  | { outcome: 'blocked'; blockedUntil: string };
export const submitOtpUpdate = defineUpdate<SubmitOtpResult, [SubmitOtpArgs]>('submitOtp');

export type ResendOtpResult =
  | { outcome: 'sent'; application: ApplicationView }
  | { outcome: 'too_early'; retryAfterSeconds: number }
  | { outcome: 'blocked'; blockedUntil: string };
export const resendOtpUpdate = defineUpdate<ResendOtpResult>('resendOtp');

/** A newer application for the same IIN took over before this one passed the code step. */
export const supersededSignal = defineSignal<[{ byApplicationId: string }]>('superseded');

/** «Перейти к получению ЭЦП»: the phone typed on the Digital ID page, as a keyed hash (the number never enters history). */
export interface StartDigitalIdArgs {
  phoneHash: string;
}
export type StartDigitalIdResult = { outcome: 'sent' | 'waiting'; application: ApplicationView } | { outcome: 'phone_mismatch' };
export const startDigitalIdUpdate = defineUpdate<StartDigitalIdResult, [StartDigitalIdArgs]>('startDigitalId');

/** A selfie the API stored (sealed); the check runs on the biometrics queue. */
export interface SubmitSelfieArgs {
  sampleId: string;
}
export type CaptureResult = { outcome: 'passed'; application: ApplicationView } | { outcome: 'retry' | 'exhausted'; problems: string[]; /** A refused document photo's `DocumentRejectionCode`. */ reason?: string; application: ApplicationView };
export const submitSelfieUpdate = defineUpdate<CaptureResult, [SubmitSelfieArgs]>('submitSelfie');

/** «Начать» on the video-identification page: a new session with a random sequence of instructions. */
export const startVideoIdentificationUpdate = defineUpdate<ApplicationView>('startVideoIdentification');
/** The frames of the open session are in; judge them. */
export const finishVideoIdentificationUpdate = defineUpdate<CaptureResult>('finishVideoIdentification');

/** The API stored the PIN's argon2id hash in MySQL; the workflow only learns that it is set. */
export const pinSetUpdate = defineUpdate<ApplicationView>('pinSet');

export interface SubmitDocumentArgs {
  type: IdentityDocumentKind;
  frontScanId: string;
  backScanId?: string;
}
export const submitDocumentUpdate = defineUpdate<CaptureResult, [SubmitDocumentArgs]>('submitDocument');

/** «Подтверждаю, что данные достоверны»: the form as the applicant left it (corrections included). */
export interface ConfirmDocumentArgs {
  fields: DocumentFields;
}
export const confirmDocumentUpdate = defineUpdate<ApplicationView, [ConfirmDocumentArgs]>('confirmDocument');

/** Consent to pass the data to НУЦ; the API has checked the PIN against its hash. */
export const giveConsentUpdate = defineUpdate<ApplicationView>('giveConsent');

/** The НУЦ application form (seed 003) with the two requests the key agent made on the applicant's side. */
export interface SubmitNucApplicationArgs {
  keyStorage: string;
  email?: string;
  region: string;
  locality: string;
  authCsr: string;
  signCsr: string;
}
export const submitNucApplicationUpdate = defineUpdate<ApplicationView, [SubmitNucApplicationArgs]>('submitNucApplication');

/** The key agent installed the certificates: its signature over the installation challenge with the AUTH key. */
export interface ReportInstallationArgs {
  proof: string;
}
export const reportInstallationUpdate = defineUpdate<ApplicationView, [ReportInstallationArgs]>('reportInstallation');

/** Failure types raised by the workflow's update validators and handlers (checked by `type`, never `instanceof`). */
export const WorkflowFailureType = {
  InvalidState: 'InvalidState',
  /** The applicant's input was refused by a check further down (a CSR, an installation proof): 422 with the message. */
  Rejected: 'Rejected',
  /** Asked for before it is due (a resend within the wait): 429, details[0].retryAfterSeconds. */
  TooEarly: 'TooEarly',
} as const;

/** Task queues of the CPU-heavy and key-holding activities, each served by its own worker role. */
export const TASK_QUEUES = {
  biometrics: 'biometrics',
  documents: 'documents',
  pki: 'pki',
} as const;
