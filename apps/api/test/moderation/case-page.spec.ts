import type { ModerationCaseView } from '@app/contracts';
import type { ModerationCaseRow } from '@app/models';
import { casePage } from '../../src/moderation/case-page';
import { queueItem } from '../../src/moderation/moderation-queue.service';

const NOW = Date.parse('2026-11-30T10:00:00.000Z');
const ALMAS = { staffId: 'staff-almas', username: 'almas' };
const DANA = { staffId: 'staff-dana', username: 'dana' };

function view(overrides: Partial<ModerationCaseView> = {}): ModerationCaseView {
  return {
    caseId: '5b0c1a64-8a8c-4f57-9f0e-1d2b3c4d5e6f-1',
    applicationId: '5b0c1a64-8a8c-4f57-9f0e-1d2b3c4d5e6f',
    template: 'individual',
    reasons: ['face_mismatch', 'fields_differ'],
    evidence: { selfieSampleId: 'selfie-1', documentPortraitSampleId: 'portrait-1', registerPhotoSampleId: 'register-1', documentFrontScanId: 'front-1' },
    distances: {
      threshold: 0.42,
      selfieToDocument: { similarity: 0.08, score: 0.1, threshold: 0.42, match: false, cautions: [] },
      selfieToRegister: { similarity: 0.71, score: 0.8, threshold: 0.42, match: true, cautions: ['turned'] },
    },
    fields: [
      { field: 'surname', recognised: 'ОСПАНОВА', confirmed: 'ОСПАНОВА', register: 'ОСПАНОВА', corrected: false, equal: true },
      { field: 'documentNumber', recognised: '04512345B', confirmed: '045123456', register: '045123457', corrected: true, equal: false },
    ],
    confirmed: { surname: 'ОСПАНОВА', documentNumber: '045123456' },
    deadlineMs: 86_400_000,
    status: 'open',
    openedAt: '2026-11-30T09:00:00.000Z',
    claim: { staffId: ALMAS.staffId, moderator: 'almas', claimedAt: '2026-11-30T09:55:00.000Z', until: '2026-11-30T10:10:00.000Z' },
    ...overrides,
  };
}

describe('casePage', () => {
  it('shows the holder of the live claim the three pairs, the fields beside the register with the differences marked, and the evidence it has', () => {
    const page = casePage(view(), ALMAS, NOW);
    expect(page).toMatchObject({ status: 'claimed', claim: { moderator: 'almas', until: '2026-11-30T10:10:00.000Z', yours: true }, reasons: ['face_mismatch', 'fields_differ'] });
    expect(page.detail!.faces).toEqual({
      threshold: 0.42,
      pairs: [
        { pair: 'selfie_document', similarity: 0.08, score: 0.1, threshold: 0.42, match: false, cautions: [] },
        { pair: 'selfie_register', similarity: 0.71, score: 0.8, threshold: 0.42, match: true, cautions: ['turned'] },
      ],
    });
    expect(page.detail!.fields[1]).toEqual({ field: 'documentNumber', recognised: '04512345B', confirmed: '045123456', register: '045123457', correctedByApplicant: true, differsFromRegister: true });
    expect(page.detail!.differences).toEqual(['documentNumber']);
    expect(page.detail!.evidence.map((e) => e.kind)).toEqual(['selfie', 'document_portrait', 'document_front', 'register_photo']);
    expect(page.detail!.evidence[0].href).toBe('/api/v1/moderation/cases/5b0c1a64-8a8c-4f57-9f0e-1d2b3c4d5e6f-1/evidence/selfie');
  });

  it('shows another moderator only the summary: who holds the case until when, no fields, faces or images', () => {
    const page = casePage(view(), DANA, NOW);
    expect(page.detail).toBeUndefined();
    expect(page.claim).toEqual({ moderator: 'almas', until: '2026-11-30T10:10:00.000Z', yours: false });
    expect(JSON.stringify(page)).not.toContain('045123456');
  });

  it('counts a lease that has run out as no claim: the former holder sees the summary of an escalated case again', () => {
    const page = casePage(view({ status: 'escalated', escalatedAt: '2026-11-30T09:30:00.000Z' }), ALMAS, Date.parse('2026-11-30T10:10:00.000Z'));
    expect(page).toMatchObject({ status: 'escalated', escalated: true, claim: null });
    expect(page.detail).toBeUndefined();
  });

  it('shows nobody the evidence of a decided case', () => {
    const page = casePage(view({ status: 'decided', decided: { decision: 'approve', moderator: 'almas', staffId: ALMAS.staffId, at: '2026-11-30T09:58:00.000Z' } }), ALMAS, NOW);
    expect(page).toMatchObject({ status: 'decided', claim: null, decided: { decision: 'approve', moderator: 'almas' } });
    expect(page.detail).toBeUndefined();
  });
});

describe('queueItem', () => {
  const row = (overrides: Partial<ModerationCaseRow>): ModerationCaseRow => ({
    caseId: 'c-1',
    applicationId: 'a-1',
    template: 'individual',
    reasons: 'document_not_valid,register_photo_missing',
    status: 'open',
    decision: null,
    openedAt: new Date('2026-11-30T08:00:00Z'),
    updatedAt: new Date('2026-11-30T08:00:00Z'),
    version: 2,
    escalatedAt: null,
    claimedByStaffId: 'staff-dana',
    claimedBy: 'dana',
    leaseExpiresAt: new Date('2026-11-30T10:05:00Z'),
    decidedBy: null,
    decidedAt: null,
    ...overrides,
  });

  it('lists a case under a live lease as claimed, with who holds it until when', () => {
    expect(queueItem(row({}), new Date(NOW))).toMatchObject({ status: 'claimed', claim: { moderator: 'dana', until: '2026-11-30T10:05:00.000Z' }, reasons: ['document_not_valid', 'register_photo_missing'] });
  });

  it('lists it as open or escalated again once the lease has run out', () => {
    const later = new Date('2026-11-30T10:05:00Z');
    expect(queueItem(row({}), later)).toMatchObject({ status: 'open', claim: null, escalated: false });
    expect(queueItem(row({ status: 'escalated', escalatedAt: new Date('2026-11-30T09:00:00Z') }), later)).toMatchObject({ status: 'escalated', escalated: true, claim: null });
  });
});
