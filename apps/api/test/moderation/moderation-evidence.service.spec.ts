import { randomBytes, randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { BiometricSampleKind, BiometricStore, type BiometricSampleRepository, type SealedBiometricSample } from '@app/biometrics';
import type { ModerationCaseView } from '@app/contracts';
import { SealedBox } from '@app/crypto';
import { DocumentScanStore } from '@app/documents';
import { ApiError, ApiErrorCode } from '../../src/common/api-error';
import { ModerationEvidenceService } from '../../src/moderation/moderation-evidence.service';

/** The sealed rows in memory: the stores do the sealing and the owner checks as they do on MySQL. */
class MemorySamples implements BiometricSampleRepository {
  readonly rows = new Map<string, SealedBiometricSample>();
  async insert(sample: SealedBiometricSample) {
    this.rows.set(sample.id, sample);
  }
  async findById(id: string) {
    return this.rows.get(id) ?? null;
  }
  findSessionFrames = async () => [];
  findFirstOfKind = async () => null;
  updateSealedDescriptor = async () => false;
  markDecided = async () => 0;
  deleteDecidedBefore = async () => 0;
}

function memoryScans(): DataSource {
  const rows: Array<Record<string, unknown>> = [];
  const repository = {
    insert: async (row: Record<string, unknown>) => void rows.push(row),
    findOneBy: async (where: Record<string, unknown>) => rows.find((r) => Object.entries(where).every(([k, v]) => r[k] === v)) ?? null,
  };
  return { getRepository: () => repository } as unknown as DataSource;
}

const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from('a selfie, marker 41c9')]);
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('a document')]);

describe(ModerationEvidenceService.name, () => {
  const APPLICATION = 'b1f0c4a2-3d5e-4f60-8a71-92b3c4d5e6f7';
  const OTHER = 'c2a1d5b3-4e6f-4a71-9b82-a3c4d5e6f708';
  const samples = new MemorySamples();
  const biometrics = new BiometricStore(samples, new SealedBox(randomBytes(32)));
  // saveUpload would decode a real photo of a document: these rows are written as the store writes them.
  const scansDb = memoryScans();
  const scanBox = new SealedBox(randomBytes(32));
  const scans = new DocumentScanStore(scansDb, scanBox);
  const service = new ModerationEvidenceService(biometrics, scans);

  async function scan(applicationId: string, side: 'front' | 'back', image: Buffer) {
    const id = randomUUID();
    await scansDb.getRepository('document_scans').insert({ id, applicationId, side, sealedImage: scanBox.seal(image, `document-scan:${id}:${side}`), createdAt: new Date() });
    return id;
  }

  const caseOf = (evidence: ModerationCaseView['evidence']) => ({ caseId: `${APPLICATION}-1`, applicationId: APPLICATION, evidence }) as ModerationCaseView;

  it('opens the case’s own selfie and document front, decrypted, with their media types', async () => {
    const selfie = await biometrics.save({ applicationId: APPLICATION, kind: BiometricSampleKind.Selfie, image: JPEG });
    const front = await scan(APPLICATION, 'front', PNG);
    await expect(service.open(caseOf({ selfieSampleId: selfie, documentFrontScanId: front }), 'selfie')).resolves.toEqual({ image: JPEG, mediaType: 'image/jpeg' });
    await expect(service.open(caseOf({ selfieSampleId: selfie, documentFrontScanId: front }), 'document_front')).resolves.toEqual({ image: PNG, mediaType: 'image/png' });
  });

  it('never serves another application’s images, nor a sample of another kind, nor the front as the back', async () => {
    const foreignSelfie = await biometrics.save({ applicationId: OTHER, kind: BiometricSampleKind.Selfie, image: JPEG });
    const ownSelfie = await biometrics.save({ applicationId: APPLICATION, kind: BiometricSampleKind.Selfie, image: JPEG });
    const foreignFront = await scan(OTHER, 'front', PNG);
    const ownFront = await scan(APPLICATION, 'front', PNG);
    const refused = (evidence: ModerationCaseView['evidence'], kind: Parameters<ModerationEvidenceService['open']>[1]) =>
      expect(service.open(caseOf(evidence), kind)).rejects.toMatchObject({ code: 'case_not_found' });
    await refused({ selfieSampleId: foreignSelfie, documentFrontScanId: ownFront }, 'selfie');
    await refused({ selfieSampleId: ownSelfie, documentFrontScanId: foreignFront }, 'document_front');
    await refused({ selfieSampleId: ownSelfie, registerPhotoSampleId: ownSelfie, documentFrontScanId: ownFront }, 'register_photo');
    await refused({ selfieSampleId: ownSelfie, documentFrontScanId: ownFront, documentBackScanId: ownFront }, 'document_back');
  });

  it('says which image the case does not have', async () => {
    await expect(service.open(caseOf({ selfieSampleId: 'x', documentFrontScanId: 'y' }), 'document_back')).rejects.toEqual(
      new ApiError(ApiErrorCode.CaseNotFound, 'this case has no back of the document (a one-sided document has none)'),
    );
  });
});
