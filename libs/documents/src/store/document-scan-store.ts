import { randomUUID } from 'node:crypto';
import type { DataSource, Repository } from 'typeorm';
import type { SealedBox } from '@app/crypto';
import { DocumentScanEntity } from '@app/models';
import type { DocumentUploads } from '../activities';
import { DocumentRejectedError, DocumentRejectionCode } from '../errors';
import { checkDocumentImage, type DecodeLimits } from '../reader/decode-image';

export type DocumentSide = 'front' | 'back';

/**
 * Identity-document scans at rest: checked before anything is written (hostile uploads throw
 * DocumentRejectedError, a 4xx for the API), then sealed with AES-256-GCM under a context that
 * binds each blob to its row and side. The portrait cut from the document goes to the caller's
 * biometric store, where the face match reads it.
 */
export class DocumentScanStore implements DocumentUploads {
  private readonly scans: Repository<DocumentScanEntity>;

  constructor(
    dataSource: DataSource,
    private readonly box: SealedBox,
    private readonly portraits: { save(applicationId: string, jpeg: Buffer, frontRef: string): Promise<string> } = {
      save: () => Promise.reject(new Error('this store was built without a portrait store')),
    },
    private readonly now: () => Date = () => new Date(),
  ) {
    this.scans = dataSource.getRepository(DocumentScanEntity);
  }

  async saveUpload(applicationId: string, side: DocumentSide, image: Buffer, limits: DecodeLimits = {}): Promise<string> {
    await checkDocumentImage(image, side, limits);
    const id = randomUUID();
    await this.scans.insert({ id, applicationId, side, sealedImage: this.box.seal(image, context(id, side)), createdAt: this.now() });
    return id;
  }

  /** Opens a scan of this application (another application's, or another side when `side` is given, is not found). */
  async load(ref: string, applicationId: string, side?: DocumentSide): Promise<Buffer> {
    const row = await this.scans.findOneBy({ id: ref, applicationId, ...(side && { side }) });
    if (!row) throw new DocumentRejectedError(DocumentRejectionCode.MissingSide, 'front', 'the uploaded scan no longer exists; upload the document again');
    return this.box.open(row.sealedImage, context(row.id, row.side));
  }

  savePortrait(applicationId: string, jpeg: Buffer, frontRef: string): Promise<string> {
    return this.portraits.save(applicationId, jpeg, frontRef);
  }
}

const context = (id: string, side: DocumentSide) => `document-scan:${id}:${side}`;
