import { ApplicationFailure } from '@temporalio/common';
import { TASK_QUEUES } from '@app/contracts';
import { whileHeartbeating } from '@app/heartbeat';
import { DocumentRejectedError, DocumentRejectionCode } from './errors';
import type { DocumentReadInput, DocumentReadResult } from './reader/document-reader';
import type { DocumentType, RecognisedField } from './types';
import { validateAgainstApplicant, type ApplicantDocumentCheck } from './validation/applicant-check';
import type { CheckDigitResult, MrzFormat } from './validation/mrz-parse';
import type { CrossCheck } from './validation/cross-check';

/** OCR is CPU-heavy: these activities run on their own task queue (DESIGN §4). */
export const DOCUMENTS_TASK_QUEUE = TASK_QUEUES.documents;

/** `ApplicationFailure.type` for each permanent rejection of an upload. */
export const DOCUMENT_FAILURE_TYPES: Readonly<Record<DocumentRejectionCode, string>> = {
  [DocumentRejectionCode.NotAnImage]: 'DocumentNotAnImage',
  [DocumentRejectionCode.TooLarge]: 'DocumentTooLarge',
  [DocumentRejectionCode.TooSmall]: 'DocumentTooSmall',
  [DocumentRejectionCode.Unreadable]: 'DocumentUnreadable',
  [DocumentRejectionCode.WrongSide]: 'DocumentWrongSide',
  [DocumentRejectionCode.MissingSide]: 'DocumentMissingSide',
  [DocumentRejectionCode.TooFar]: 'DocumentTooFar',
  [DocumentRejectionCode.Glare]: 'DocumentGlare',
  [DocumentRejectionCode.Blurred]: 'DocumentBlurred',
};

/** Reads documents; `DocumentReader` satisfies it. */
export interface DocumentReading {
  read(input: DocumentReadInput): Promise<DocumentReadResult>;
}

/** Where uploads are kept (sealed at rest by the caller's store) and where the portrait goes. */
export interface DocumentUploads {
  /** Bytes of an upload the API stored for this application (another application's scan is not found). */
  load(ref: string, applicationId: string): Promise<Buffer>;
  /** Stores the portrait cut from the document for the face match, once per front scan (a retry finds it); returns its reference. */
  savePortrait(applicationId: string, jpeg: Buffer, frontRef: string): Promise<string>;
}

export interface DocumentActivityDeps {
  readonly reader: DocumentReading;
  readonly uploads: DocumentUploads;
}

export interface ReadIdentityDocumentInput {
  readonly applicationId: string;
  /** The IIN the application was started with. */
  readonly iin: string;
  readonly type: DocumentType;
  readonly frontRef: string;
  /** Required for an ID card, ignored for a passport. */
  readonly backRef?: string;
}

/** Small, serialisable summary for the workflow history (no image bytes). */
export interface IdentityDocumentReading {
  readonly type: DocumentType;
  readonly fields: readonly RecognisedField[];
  readonly sex: 'M' | 'F' | null;
  readonly mrz: {
    readonly format: MrzFormat;
    readonly lines: readonly string[];
    readonly valid: boolean;
    readonly checks: readonly CheckDigitResult[];
    readonly nameFromFront: boolean;
  } | null;
  readonly crossChecks: readonly CrossCheck[];
  readonly applicant: ApplicantDocumentCheck;
  readonly portraitRef: string;
}

/**
 * Document activities for the onboarding workflow's document step (seed 002 steps 14–17). Register
 * on `DOCUMENTS_TASK_QUEUE`. A rejected upload fails non-retryably with a `DOCUMENT_FAILURE_TYPES`
 * type so the workflow can ask for a new photo; another person's document is an outcome, not a failure.
 */
export function createDocumentActivities(deps: DocumentActivityDeps) {
  return {
    /** Reads the uploaded sides, cross-checks them and the applicant's IIN, and stores the portrait. */
    async readIdentityDocument(input: ReadIdentityDocumentInput): Promise<IdentityDocumentReading> {
      if (input.type === 'id_card' && !input.backRef) {
        throw ApplicationFailure.nonRetryable(new DocumentRejectedError(DocumentRejectionCode.MissingSide, 'back').message, DOCUMENT_FAILURE_TYPES.missing_side, { code: DocumentRejectionCode.MissingSide, side: 'back' });
      }
      let result: DocumentReadResult;
      try {
        // A scan that is gone (or another application's) is as permanent a refusal as an unreadable one.
        const [front, back] = await Promise.all([
          deps.uploads.load(input.frontRef, input.applicationId),
          input.type === 'id_card' && input.backRef ? deps.uploads.load(input.backRef, input.applicationId) : Promise.resolve(undefined),
        ]);
        result = await whileHeartbeating(() => deps.reader.read({ front, back, type: input.type }));
      } catch (e) {
        if (e instanceof DocumentRejectedError) throw ApplicationFailure.nonRetryable(e.message, DOCUMENT_FAILURE_TYPES[e.code], { code: e.code, side: e.side });
        throw e;
      }
      const portraitRef = await deps.uploads.savePortrait(input.applicationId, result.portraitJpeg, input.frontRef);
      const zone = result.mrz;
      return {
        type: result.type,
        fields: result.fields,
        sex: result.sex,
        mrz: zone ? { format: zone.parsed.format, lines: zone.parsed.lines, valid: zone.parsed.valid, checks: zone.parsed.checks, nameFromFront: zone.nameFromFront } : null,
        crossChecks: result.crossChecks,
        applicant: validateAgainstApplicant(result, { iin: input.iin }),
        portraitRef,
      };
    },
  };
}

