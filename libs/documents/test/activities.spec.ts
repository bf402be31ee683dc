import { ApplicationFailure } from '@temporalio/common';
import { createDocumentActivities, DOCUMENT_FAILURE_TYPES, DocumentRejectedError, DocumentRejectionCode, DOCUMENTS_TASK_QUEUE, sampleHolder, type DocumentReadInput } from '@app/documents';
import { perfectRead } from './support/read-result';

function fakes(read: (input: DocumentReadInput) => Promise<Awaited<ReturnType<typeof perfectRead>>>) {
  const saved: Array<{ applicationId: string; bytes: number }> = [];
  const activities = createDocumentActivities({
    reader: { read },
    uploads: {
      load: async (ref) => Buffer.from(ref),
      savePortrait: async (applicationId, jpeg) => {
        saved.push({ applicationId, bytes: jpeg.length });
        return `portrait:${applicationId}`;
      },
    },
  });
  return { activities, saved };
}

describe(createDocumentActivities.name, () => {
  const holder = sampleHolder(41);

  it('runs on the documents task queue', () => {
    expect(DOCUMENTS_TASK_QUEUE).toBe('documents');
  });

  it('returns the fields, zone checks and applicant outcome, and stores the portrait', async () => {
    const seen: DocumentReadInput[] = [];
    const { activities, saved } = fakes(async (input) => {
      seen.push(input);
      return perfectRead(holder);
    });
    const out = await activities.readIdentityDocument({ applicationId: 'app-1', iin: holder.iin, type: 'id_card', frontRef: 'front-ref', backRef: 'back-ref' });
    expect(seen[0].front.toString()).toBe('front-ref');
    expect(seen[0].back?.toString()).toBe('back-ref');
    expect(out.applicant.outcome).toBe('match');
    expect(out.mrz?.checks.every((c) => c.valid)).toBe(true);
    expect(out.fields.find((f) => f.name === 'iin')?.value).toBe(holder.iin);
    expect(out.portraitRef).toBe('portrait:app-1');
    expect(saved).toHaveLength(1);
    expect(JSON.stringify(out)).not.toContain('"portraitJpeg"');
  });

  it('reports another person’s document as an outcome, not a failure', async () => {
    const { activities } = fakes(async () => perfectRead(sampleHolder(42)));
    const out = await activities.readIdentityDocument({ applicationId: 'app-2', iin: holder.iin, type: 'id_card', frontRef: 'f', backRef: 'b' });
    expect(out.applicant.outcome).toBe('other_person');
  });

  it('fails non-retryably with a typed failure when the upload is refused', async () => {
    const { activities } = fakes(async () => {
      throw new DocumentRejectedError(DocumentRejectionCode.WrongSide, 'back', 'no zone');
    });
    const failure = await activities.readIdentityDocument({ applicationId: 'a', iin: holder.iin, type: 'id_card', frontRef: 'f', backRef: 'b' }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(ApplicationFailure);
    expect(failure).toMatchObject({ type: DOCUMENT_FAILURE_TYPES.wrong_side, nonRetryable: true });
  });

  it('asks for the back of an ID card before reading anything', async () => {
    const { activities } = fakes(async () => perfectRead(holder));
    await expect(activities.readIdentityDocument({ applicationId: 'a', iin: holder.iin, type: 'id_card', frontRef: 'f' })).rejects.toMatchObject({ type: 'DocumentMissingSide', nonRetryable: true });
  });

  it('lets unexpected errors through so Temporal retries them', async () => {
    const { activities } = fakes(async () => {
      throw new Error('worker crashed');
    });
    await expect(activities.readIdentityDocument({ applicationId: 'a', iin: holder.iin, type: 'passport', frontRef: 'f' })).rejects.toThrow('worker crashed');
  });
});
