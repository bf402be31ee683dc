import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { DocumentFields, DocumentFormField } from './application';

/** Why the automatic checks sent an application to a moderator (seed 002 step 18). */
export type ModerationReason =
  | 'register_person_not_found'
  | 'document_not_in_register'
  | 'document_not_valid'
  | 'document_expired'
  | 'fields_differ'
  | 'face_mismatch'
  | 'register_photo_missing'
  | 'face_not_comparable';
export const MODERATION_REASONS: readonly ModerationReason[] = [
  'register_person_not_found',
  'document_not_in_register',
  'document_not_valid',
  'document_expired',
  'fields_differ',
  'face_mismatch',
  'register_photo_missing',
  'face_not_comparable',
];

export type ModerationDecisionKind = 'approve' | 'reject' | 'new_selfie' | 'new_document';
export const MODERATION_DECISIONS: readonly ModerationDecisionKind[] = ['approve', 'reject', 'new_selfie', 'new_document'];

/** Where a case is in its life (the workflow's own status). */
export type ModerationCaseStatus = 'open' | 'escalated' | 'decided';

/** What the queue shows: a case not decided is `claimed` while a moderator's lease on it is live. */
export type ModerationQueueStatus = ModerationCaseStatus | 'claimed';
export const MODERATION_QUEUE_STATUSES: readonly ModerationQueueStatus[] = ['open', 'escalated', 'claimed', 'decided'];

/** How long a claim lasts unless the case was opened with its own lease. */
export const DEFAULT_CLAIM_LEASE_MS = 15 * 60_000;

/** References to the evidence (never the images themselves: they stay sealed in MySQL). */
export interface ModerationEvidence {
  selfieSampleId: string;
  livenessBestFrameSampleId?: string;
  documentPortraitSampleId?: string;
  registerPhotoSampleId?: string;
  documentFrontScanId: string;
  documentBackScanId?: string;
}

export interface FieldComparison {
  field: DocumentFormField;
  recognised?: string;
  confirmed?: string;
  register?: string;
  corrected: boolean;
  equal: boolean;
}

/** One pair of the three-way face match, as the moderator sees it. */
export interface FacePairScore {
  /** ArcFace cosine similarity (1 = the same image). */
  similarity?: number;
  /** Fused score (higher = more alike); absent when the similarity alone decided. */
  score?: number;
  /** The fused threshold for this pair (stricter for a turned or small face). */
  threshold: number;
  match: boolean;
  /** Why the engine was cautious (turned, tilted, small face). */
  cautions: string[];
}

/** The three pairs against the threshold (seed 002 step 18: selfie ↔ document ↔ register photo). */
export interface FaceDistances {
  threshold: number;
  selfieToDocument?: FacePairScore;
  selfieToRegister?: FacePairScore;
  documentToRegister?: FacePairScore;
}

export interface ModerationCaseInput {
  caseId: string;
  applicationId: string;
  template: string;
  reasons: ModerationReason[];
  evidence: ModerationEvidence;
  distances: FaceDistances;
  fields: FieldComparison[];
  confirmed: DocumentFields;
  /** How long a case may wait before it is escalated. */
  deadlineMs: number;
  /** How long a moderator's claim lasts (cases opened before claims existed: DEFAULT_CLAIM_LEASE_MS). */
  claimLeaseMs?: number;
}

/** A moderator taking a case: the staff account and its username, both from the session. */
export interface ModerationClaimRequest {
  staffId: string;
  moderator: string;
}

/** Who holds a case and until when: the lease ends on its own, nobody needs to release it. */
export interface ModerationClaim extends ModerationClaimRequest {
  claimedAt: string;
  until: string;
}

export interface ModerationReleaseRequest {
  staffId: string;
}

export interface ModerationDecision {
  decision: ModerationDecisionKind;
  reason?: string;
  /** The deciding moderator's username (from the session, never the request body). */
  moderator: string;
  /** The deciding staff account: it must hold the case's live claim. Decisions taken before claims existed carry none. */
  staffId?: string;
}

export interface ModerationCaseView extends ModerationCaseInput {
  status: ModerationCaseStatus;
  openedAt: string;
  escalatedAt?: string;
  /** The last claim taken (live while `until` is ahead; see liveClaim). */
  claim?: ModerationClaim;
  decided?: ModerationDecision & { at: string };
}

/** The claim that holds the case at `nowMs`, if any: none on a decided case or once the lease has run out. */
export function liveClaim(view: Pick<ModerationCaseView, 'status' | 'claim'>, nowMs: number): ModerationClaim | undefined {
  if (view.status === 'decided' || !view.claim) return undefined;
  return Date.parse(view.claim.until) > nowMs ? view.claim : undefined;
}

/** The status the queue shows at `nowMs`. */
export function queueStatus(view: Pick<ModerationCaseView, 'status' | 'claim'>, nowMs: number): ModerationQueueStatus {
  return liveClaim(view, nowMs) ? 'claimed' : view.status;
}

/** Why a claim or decision was refused because another moderator holds the case: who, and until when (UTC). */
export function heldByAnother(claim: ModerationClaim): string {
  return `this case is claimed by ${claim.moderator} until ${claim.until.slice(0, 16).replace('T', ' ')} UTC; it is free again when the lease ends or they release it`;
}

export const moderationCaseWorkflowId = (caseId: string) => `moderation-${caseId}`;
export const MODERATION_WORKFLOW_TYPE = 'moderationCaseWorkflow';

export const getModerationCaseQuery = defineQuery<ModerationCaseView>('getModerationCase');
export const decideModerationCaseUpdate = defineUpdate<ModerationCaseView, [ModerationDecision]>('decideModerationCase');
/** Takes the case for the lease (or renews one's own lease); refused while another moderator's lease is live. */
export const claimModerationCaseUpdate = defineUpdate<ModerationCaseView, [ModerationClaimRequest]>('claimModerationCase');
/** Gives the case back before the lease ends (only its holder). */
export const releaseModerationCaseUpdate = defineUpdate<ModerationCaseView, [ModerationReleaseRequest]>('releaseModerationCase');
