import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { BiometricSampleKind, BiometricStore, ImageRejectedError, ImageRejectionCode, TypeOrmBiometricSampleRepository } from '@app/biometrics';
import { SealedBox } from '@app/crypto';
import type { Application } from '@app/models';
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

/**
 * Takes the applicant's selfie and video frames: decoded safely first (hostile uploads get a 4xx
 * and nothing is written), then sealed with AES-256-GCM before they touch the database. The
 * checks themselves run on the biometrics task queue.
 */
@Injectable()
export class BiometricUploadsService {
  private readonly store: BiometricStore;

  constructor(@InjectDataSource() dataSource: DataSource, @Inject(API_CONFIG) private readonly config: ApiConfig) {
    this.store = new BiometricStore(new TypeOrmBiometricSampleRepository(dataSource), SealedBox.fromBase64(config.BIOMETRICS_ENCRYPTION_KEY, 'BIOMETRICS_ENCRYPTION_KEY'));
  }

  async upload(application: Application, kind: UploadableKind, image: Buffer, declaredType: string): Promise<{ sampleId: string; kind: UploadableKind }> {
    if (application.status !== 'otp_verified') {
      throw new ApiError(ApiErrorCode.InvalidState, 'a selfie is taken after the one-time password is confirmed');
    }
    try {
      const sampleId = await this.store.saveUpload(
        { applicationId: application.id, kind, image, declaredType },
        { maxBytes: this.config.BIOMETRICS_MAX_UPLOAD_BYTES, maxPixels: this.config.BIOMETRICS_MAX_PIXELS },
      );
      return { sampleId, kind };
    } catch (error) {
      if (error instanceof ImageRejectedError) throw new ApiError(API_CODE_BY_REJECTION[error.code], error.message, { reason: error.code });
      throw error;
    }
  }
}
