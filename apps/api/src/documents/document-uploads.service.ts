import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { SealedBox } from '@app/crypto';
import { DocumentRejectedError, DocumentRejectionCode, DocumentScanStore, type DocumentSide } from '@app/documents';
import type { Application } from '@app/models';
import { ApiError, ApiErrorCode } from '../common/api-error';
import { API_CONFIG, type ApiConfig } from '../common/config.token';

const API_CODE_BY_REJECTION: Record<DocumentRejectionCode, ApiErrorCode> = {
  [DocumentRejectionCode.NotAnImage]: ApiErrorCode.ImageUnsupported,
  [DocumentRejectionCode.TooLarge]: ApiErrorCode.ImageTooLarge,
  [DocumentRejectionCode.TooSmall]: ApiErrorCode.ImageUnreadable,
  [DocumentRejectionCode.Unreadable]: ApiErrorCode.ImageUnreadable,
  [DocumentRejectionCode.WrongSide]: ApiErrorCode.ImageUnreadable,
  [DocumentRejectionCode.MissingSide]: ApiErrorCode.ImageEmpty,
  // The photo was taken badly: the reason (`details.reason`) tells the applicant what to do.
  [DocumentRejectionCode.TooFar]: ApiErrorCode.ImageUnreadable,
  [DocumentRejectionCode.Glare]: ApiErrorCode.ImageUnreadable,
  [DocumentRejectionCode.Blurred]: ApiErrorCode.ImageUnreadable,
};

/**
 * Takes the photos of the identity document (seed 002 step 14: front and back, JPEG): checked
 * before anything is stored, sealed with AES-256-GCM. Reading them is the documents queue's work.
 */
@Injectable()
export class DocumentUploadsService {
  private readonly store: DocumentScanStore;

  constructor(@InjectDataSource() dataSource: DataSource, @Inject(API_CONFIG) private readonly config: ApiConfig) {
    this.store = new DocumentScanStore(dataSource, SealedBox.fromBase64(config.DOCUMENTS_ENCRYPTION_KEY, 'DOCUMENTS_ENCRYPTION_KEY'));
  }

  async upload(application: Application, side: DocumentSide, image: Buffer): Promise<{ scanId: string; side: DocumentSide }> {
    if (application.status !== 'document_required' && application.status !== 'document_confirmation') {
      throw new ApiError(ApiErrorCode.InvalidState, `the document is uploaded after the PIN is set (status: ${application.status})`);
    }
    if (image.length === 0) throw new ApiError(ApiErrorCode.ImageEmpty, 'the upload is empty: send the photo of the document');
    try {
      return { scanId: await this.store.saveUpload(application.id, side, image, { maxBytes: this.config.DOCUMENTS_MAX_UPLOAD_BYTES }), side };
    } catch (error) {
      if (error instanceof DocumentRejectedError) throw new ApiError(API_CODE_BY_REJECTION[error.code], error.message, { reason: error.code });
      throw error;
    }
  }
}
