import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { BiometricSampleKind, BiometricStore, ImageRejectedError, ImageRejectionCode, TypeOrmBiometricSampleRepository } from '@app/biometrics';
import { submitSelfieUpdate, type CaptureResult } from '@app/contracts';
import { SealedBox } from '@app/crypto';
import { BiometricSampleEntity, type Application } from '@app/models';
import { OnboardingGateway } from '../applications/onboarding-gateway';
import { ApiError, ApiErrorCode } from '../common/api-error';
import { API_CONFIG, type ApiConfig } from '../common/config.token';

/** How each refusal of the image decoder reaches the applicant. */
const API_CODE_BY_REJECTION: Record<ImageRejectionCode, ApiErrorCode> = {
  [ImageRejectionCode.Empty]: ApiErrorCode.ImageEmpty,
  [ImageRejectionCode.TooLarge]: ApiErrorCode.ImageTooLarge,
  [ImageRejectionCode.TooManyPixels]: ApiErrorCode.ImageTooLarge,
  [ImageRejectionCode.NotAnImage]: ApiErrorCode.ImageUnsupported,
  [ImageRejectionCode.UnsupportedFormat]: ApiErrorCode.ImageUnsupported,
  [ImageRejectionCode.FormatMismatch]: ApiErrorCode.ImageUnsupported,
  [ImageRejectionCode.Corrupt]: ApiErrorCode.ImageUnreadable,
  [ImageRejectionCode.TooSmall]: ApiErrorCode.ImageUnreadable,
};

export const UPLOADABLE_KINDS = [BiometricSampleKind.Selfie, BiometricSampleKind.LivenessFrame] as const;
export type UploadableKind = (typeof UPLOADABLE_KINDS)[number];

/** Frames one video-identification session takes (a minute of video at a frame every 1.5 s). */
const MAX_FRAMES_PER_SESSION = 40;

/**
 * Takes the applicant's selfie and video frames: decoded safely first (hostile uploads get a 4xx
 * and nothing is written), then sealed with AES-256-GCM before they touch the database. The
 * checks themselves run on the biometrics task queue.
 */
@Injectable()
export class BiometricUploadsService {
  private readonly store: BiometricStore;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly workflows: OnboardingGateway,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
  ) {
    this.store = new BiometricStore(new TypeOrmBiometricSampleRepository(dataSource), SealedBox.fromBase64(config.BIOMETRICS_ENCRYPTION_KEY, 'BIOMETRICS_ENCRYPTION_KEY'));
  }

  /** «Отправить» on the selfie page: stored sealed, then checked on the biometrics queue; answers the problems to fix, if any. */
  async uploadSelfie(application: Application, image: Buffer, declaredType: string): Promise<{ sampleId: string; kind: UploadableKind } & CaptureResult> {
    if (application.status !== 'selfie_required') throw new ApiError(ApiErrorCode.InvalidState, `a selfie is not expected now (status: ${application.status})`);
    const sampleId = await this.save(application, BiometricSampleKind.Selfie, image, declaredType);
    const result = await this.workflows.update(application, (h) => h.executeUpdate(submitSelfieUpdate, { args: [{ sampleId }] }));
    return { sampleId, kind: BiometricSampleKind.Selfie, ...result };
  }

  /** A frame of the open video-identification session, stamped with the server's receipt time. */
  async uploadFrame(application: Application, sessionId: string | undefined, image: Buffer, declaredType: string): Promise<{ sampleId: string; kind: UploadableKind; frames: number }> {
    if (application.status !== 'video_identification') throw new ApiError(ApiErrorCode.InvalidState, `no video identification is open (status: ${application.status})`);
    const session = (await this.workflows.query(application)).liveness;
    if (!session || session.sessionId !== sessionId) throw new ApiError(ApiErrorCode.InvalidState, 'this frame belongs to no open session: start the video identification («Начать») and send its sessionId');
    if (Date.parse(session.expiresAt) < Date.now()) throw new ApiError(ApiErrorCode.InvalidState, 'the video identification session has expired; start it again');
    const frames = await this.dataSource.getRepository(BiometricSampleEntity).countBy({ applicationId: application.id, livenessSessionId: sessionId });
    if (frames >= MAX_FRAMES_PER_SESSION) throw new ApiError(ApiErrorCode.InvalidState, `a session takes at most ${MAX_FRAMES_PER_SESSION} frames`);
    const sampleId = await this.save(application, BiometricSampleKind.LivenessFrame, image, declaredType, sessionId);
    return { sampleId, kind: BiometricSampleKind.LivenessFrame, frames: frames + 1 };
  }

  private async save(application: Application, kind: UploadableKind, image: Buffer, declaredType: string, livenessSessionId?: string): Promise<string> {
    try {
      return await this.store.saveUpload(
        { applicationId: application.id, kind, image, declaredType, livenessSessionId },
        { maxBytes: this.config.BIOMETRICS_MAX_UPLOAD_BYTES, maxPixels: this.config.BIOMETRICS_MAX_PIXELS },
      );
    } catch (error) {
      if (error instanceof ImageRejectedError) throw new ApiError(API_CODE_BY_REJECTION[error.code], error.message, { reason: error.code });
      throw error;
    }
  }
}
