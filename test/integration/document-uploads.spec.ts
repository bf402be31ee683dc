import { randomUUID } from 'node:crypto';
import { createConnection, type Connection } from 'mysql2/promise';
import type { DataSource } from 'typeorm';
import { BiometricSampleKind, BiometricStore, TypeOrmBiometricSampleRepository } from '@app/biometrics';
import { SealedBox } from '@app/crypto';
import { DocumentReader, DocumentScanStore, createDocumentActivities, generateDocument, holderForIin, type GeneratedDocument } from '@app/documents';
import { createDataSource } from '@app/models';
import { readStack } from './support/it-stack';
import { OnboardingClient, peopleWithPhones } from './support/onboarding-client';
import { Applicant } from './support/whole-path';

/**
 * The document step's storage and reading, for real: uploads through the API (checked, sealed),
 * then the documents activity reads the sealed scans with tesseract and stores the portrait as a
 * biometric sample — the same objects the documents worker builds.
 */
describe('Identity-document uploads and reading', () => {
  const client = new OnboardingClient();
  const stack = readStack();
  let db: Connection;
  let dataSource: DataSource;
  let application: { applicationId: string; token: string; iin: string };
  let card: GeneratedDocument;

  const upload = (side: string, body: Buffer, contentType = 'image/jpeg') =>
    fetch(`${client.apiUrl}/api/v1/applications/${application.applicationId}/documents/${side}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${application.token}`, 'content-type': contentType },
      body,
    });
  const storedScans = async () => Number(((await db.query('SELECT COUNT(*) AS n FROM document_scans WHERE application_id = ?', [application.applicationId]))[0] as Array<{ n: number }>)[0].n);

  beforeAll(async () => {
    db = await createConnection({ uri: stack.env.DATABASE_URL });
    dataSource = createDataSource({ DATABASE_URL: stack.env.DATABASE_URL, DATABASE_POOL_SIZE: 2 });
    await dataSource.initialize();
    const { iin } = (await peopleWithPhones(client, 60))();
    const applicant = new Applicant(client, (await client.people()).find((p) => p.iin === iin)!);
    await applicant.throughCodes();
    application = { applicationId: applicant.id, token: applicant.token, iin };
    card = await generateDocument(holderForIin(iin), 'id_card', { layout: 'kz-id', damage: 0.3, seed: 5 });
    expect((await upload('front', card.front)).status).toBe(409); // not before the selfie, video and PIN
    await applicant.throughCapture();
    await applicant.setPin();
  }, 300_000);
  afterAll(async () => {
    await db.end();
    await dataSource.destroy();
  });

  it.each([
    { label: 'an empty upload', body: () => Buffer.alloc(0), type: 'image/jpeg', status: 400 },
    { label: 'words declared as a JPEG', body: () => Buffer.from('not a photo of a document'), type: 'image/jpeg', status: 415 },
    { label: 'a truncated photo', body: () => card.front.subarray(0, 2000), type: 'image/jpeg', status: 422 },
    { label: 'a 30 MB upload', body: () => Buffer.alloc(30 * 1024 * 1024, 0xff), type: 'image/jpeg', status: 413 },
    { label: 'a PDF', body: () => Buffer.from('%PDF-1.7 …'), type: 'application/pdf', status: 415 },
  ])('answers $label with HTTP $status and stores nothing', async ({ body, type, status }) => {
    const before = await storedScans();
    expect((await upload('front', body(), type)).status).toBe(status);
    expect(await storedScans()).toBe(before);
  });

  it('stores both sides sealed, and the documents activity reads them as this applicant’s card', async () => {
    const front = await upload('front', card.front);
    const back = await upload('back', card.back!);
    expect([front.status, back.status]).toEqual([201, 201]);
    const frontRef = ((await front.json()) as { scanId: string }).scanId;
    const backRef = ((await back.json()) as { scanId: string }).scanId;
    const [rows] = await db.query('SELECT sealed_image FROM document_scans WHERE id = ?', [frontRef]);
    expect((rows as Array<{ sealed_image: Buffer }>)[0].sealed_image.includes(card.front.subarray(0, 64))).toBe(false);

    const biometrics = new BiometricStore(new TypeOrmBiometricSampleRepository(dataSource), SealedBox.fromBase64(stack.env.BIOMETRICS_ENCRYPTION_KEY));
    const uploads = new DocumentScanStore(dataSource, SealedBox.fromBase64(stack.env.DOCUMENTS_ENCRYPTION_KEY), {
      save: (applicationId, jpeg) => biometrics.save({ applicationId, kind: BiometricSampleKind.DocumentPortrait, image: jpeg }),
    });
    const reader = new DocumentReader({ workersPerPool: 1 });
    await reader.init();
    try {
      const reading = await createDocumentActivities({ reader, uploads }).readIdentityDocument({
        applicationId: application.applicationId,
        iin: application.iin,
        type: 'id_card',
        frontRef,
        backRef,
      });
      expect(reading.mrz?.valid).toBe(true);
      expect(reading.applicant.outcome).toBe('match');
      const portrait = await biometrics.load(reading.portraitRef);
      expect(portrait.kind).toBe(BiometricSampleKind.DocumentPortrait);
      expect(portrait.image!.subarray(0, 2)).toEqual(Buffer.from([0xff, 0xd8]));
      // Another application's activity cannot read these scans.
      const foreign = createDocumentActivities({ reader, uploads }).readIdentityDocument({ applicationId: randomUUID(), iin: application.iin, type: 'id_card', frontRef, backRef });
      await expect(foreign).rejects.toMatchObject({ type: 'DocumentMissingSide', nonRetryable: true });
    } finally {
      await reader.terminate();
    }
  });
});
