import {
  liveClaim,
  queueStatus,
  type DocumentFormField,
  type FacePairScore,
  type ModerationCaseView,
  type ModerationDecisionKind,
  type ModerationEvidence,
  type ModerationQueueStatus,
  type ModerationReason,
} from '@app/contracts';

/** The images a moderator compares (seed 002 step 18), each served on its own. */
export const EVIDENCE_KINDS = ['selfie', 'liveness_best_frame', 'document_portrait', 'document_front', 'document_back', 'register_photo'] as const;
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];

/** Where the case keeps the reference of each kind. */
export const EVIDENCE_REFERENCE: Record<EvidenceKind, keyof ModerationEvidence> = {
  selfie: 'selfieSampleId',
  liveness_best_frame: 'livenessBestFrameSampleId',
  document_portrait: 'documentPortraitSampleId',
  document_front: 'documentFrontScanId',
  document_back: 'documentBackScanId',
  register_photo: 'registerPhotoSampleId',
};

export interface StaffViewer {
  staffId: string;
  username: string;
}

/** What every moderator sees of a case: no personal data, no images. */
export interface CaseSummary {
  caseId: string;
  applicationId: string;
  template: string;
  reasons: ModerationReason[];
  status: ModerationQueueStatus;
  escalated: boolean;
  openedAt: string;
  escalatedAt?: string;
  claim: { moderator: string; until: string; yours: boolean } | null;
  decided?: { decision: ModerationDecisionKind; reason?: string; moderator: string; at: string };
}

export type FacePairName = 'selfie_document' | 'selfie_register' | 'document_register';

/** One field as recognised, as the applicant confirmed it, and as the register has it. */
export interface FieldBesideRegister {
  field: DocumentFormField;
  recognised?: string;
  confirmed?: string;
  register?: string;
  /** The applicant changed what was recognised. */
  correctedByApplicant: boolean;
  /** The confirmed value is not the register's. */
  differsFromRegister: boolean;
}

/** What the holder of the live claim sees besides the summary. */
export interface CaseDetail {
  faces: { threshold: number; pairs: Array<{ pair: FacePairName } & FacePairScore> };
  fields: FieldBesideRegister[];
  /** The fields that differ from the register, for the eye to go to first. */
  differences: DocumentFormField[];
  /** The images this case has, each at its own address (served to the claim's holder only). */
  evidence: Array<{ kind: EvidenceKind; href: string }>;
}

export type CasePage = CaseSummary & { detail?: CaseDetail };

/**
 * A case as one moderator may see it at `nowMs`: the summary for everyone; the faces, the fields
 * beside the register and the evidence only for the holder of the live claim.
 */
export function casePage(view: ModerationCaseView, viewer: StaffViewer, nowMs: number): CasePage {
  const claim = liveClaim(view, nowMs);
  const summary: CaseSummary = {
    caseId: view.caseId,
    applicationId: view.applicationId,
    template: view.template,
    reasons: view.reasons,
    status: queueStatus(view, nowMs),
    escalated: view.escalatedAt !== undefined,
    openedAt: view.openedAt,
    escalatedAt: view.escalatedAt,
    claim: claim ? { moderator: claim.moderator, until: claim.until, yours: claim.staffId === viewer.staffId } : null,
    decided: view.decided && { decision: view.decided.decision, reason: view.decided.reason, moderator: view.decided.moderator, at: view.decided.at },
  };
  if (claim?.staffId !== viewer.staffId) return summary;
  return { ...summary, detail: caseDetail(view) };
}

function caseDetail(view: ModerationCaseView): CaseDetail {
  const pairs: Array<[FacePairName, FacePairScore | undefined]> = [
    ['selfie_document', view.distances.selfieToDocument],
    ['selfie_register', view.distances.selfieToRegister],
    ['document_register', view.distances.documentToRegister],
  ];
  const fields = view.fields.map((f) => ({
    field: f.field,
    recognised: f.recognised,
    confirmed: f.confirmed,
    register: f.register,
    correctedByApplicant: f.corrected,
    differsFromRegister: !f.equal,
  }));
  return {
    faces: { threshold: view.distances.threshold, pairs: pairs.flatMap(([pair, score]) => (score ? [{ pair, ...score }] : [])) },
    fields,
    differences: fields.filter((f) => f.differsFromRegister).map((f) => f.field),
    evidence: EVIDENCE_KINDS.filter((kind) => view.evidence[EVIDENCE_REFERENCE[kind]]).map((kind) => ({
      kind,
      href: `/api/v1/moderation/cases/${view.caseId}/evidence/${kind}`,
    })),
  };
}
