import { Injectable } from '@nestjs/common';
import { BiometricSampleError, BiometricSampleKind, BiometricStore, sniffImageFormat } from '@app/biometrics';
import type { ModerationCaseView } from '@app/contracts';
import { DocumentRejectedError, DocumentScanStore } from '@app/documents';
import { ApiError, ApiErrorCode } from '../common/api-error';
import { EVIDENCE_REFERENCE, type EvidenceKind } from './case-page';

/** The sealed sample kind each biometric image of a case must have. */
const SAMPLE_KIND: Record<Exclude<EvidenceKind, 'document_front' | 'document_back'>, BiometricSampleKind> = {
  selfie: BiometricSampleKind.Selfie,
  liveness_best_frame: BiometricSampleKind.LivenessFrame,
  document_portrait: BiometricSampleKind.DocumentPortrait,
  register_photo: BiometricSampleKind.RegisterPhoto,
};

const IN_WORDS: Record<EvidenceKind, string> = {
  selfie: 'selfie',
  liveness_best_frame: 'best frame of the video identification',
  document_portrait: 'portrait cut from the document',
  document_front: 'front of the document',
  document_back: 'back of the document (a one-sided document has none)',
  register_photo: 'photo from the register',
};

/**
 * Opens the images of a moderation case, decrypted in memory for one answer. Only by the case's own
 * references, and each checked to be of the case's application and of the expected kind or side:
 * a case can never show another application's images.
 */
@Injectable()
export class ModerationEvidenceService {
  constructor(
    private readonly samples: BiometricStore,
    private readonly scans: DocumentScanStore,
  ) {}

  async open(view: ModerationCaseView, kind: EvidenceKind): Promise<{ image: Buffer; mediaType: string }> {
    const ref = view.evidence[EVIDENCE_REFERENCE[kind]];
    if (!ref) throw new ApiError(ApiErrorCode.CaseNotFound, `this case has no ${IN_WORDS[kind]}`);
    try {
      const image =
        kind === 'document_front' || kind === 'document_back'
          ? await this.scans.load(ref, view.applicationId, kind === 'document_front' ? 'front' : 'back')
          : (await this.samples.load(ref, { applicationId: view.applicationId, kinds: [SAMPLE_KIND[kind]] })).image;
      if (!image) throw new ApiError(ApiErrorCode.CaseNotFound, `the ${IN_WORDS[kind]} is no longer kept`);
      const format = sniffImageFormat(image);
      return { image, mediaType: format ? `image/${format}` : 'application/octet-stream' };
    } catch (error) {
      if (error instanceof BiometricSampleError || error instanceof DocumentRejectedError) {
        throw new ApiError(ApiErrorCode.CaseNotFound, `the ${IN_WORDS[kind]} is no longer kept (images are deleted some time after the decision)`);
      }
      throw error;
    }
  }
}
