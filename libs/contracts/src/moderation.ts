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

export type ModerationDecisionKind = 'approve' | 'reject' | 'new_selfie' | 'new_document';
export const MODERATION_DECISIONS: readonly ModerationDecisionKind[] = ['approve', 'reject', 'new_selfie', 'new_document'];

export type ModerationCaseStatus = 'open' | 'escalated' | 'decided';

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
}

export interface ModerationDecision {
  decision: ModerationDecisionKind;
  reason?: string;
  moderator: string;
}

export interface ModerationCaseView extends ModerationCaseInput {
  status: ModerationCaseStatus;
  openedAt: string;
  escalatedAt?: string;
  decided?: ModerationDecision & { at: string };
}

export const moderationCaseWorkflowId = (caseId: string) => `moderation-${caseId}`;
export const MODERATION_WORKFLOW_TYPE = 'moderationCaseWorkflow';

export const getModerationCaseQuery = defineQuery<ModerationCaseView>('getModerationCase');
export const decideModerationCaseUpdate = defineUpdate<ModerationCaseView, [ModerationDecision]>('decideModerationCase');
