import {
  cardAcross,
  checkDocumentImage,
  DOCUMENT_REJECTION_ADVICE,
  DocumentRejectedError,
  DocumentRejectionCode,
  drawPhotoProfile,
  generateDocument,
  photographWith,
  sampleHolder,
  SeededRandom,
  type DecodeLimits,
  type PhotoProfile,
} from '@app/documents';
import { renderSide } from '../src/generator/render-side';
import { quantile } from '../src/reader/prepare-crop';

/** A phone photo of a card side with one effect pushed past what the phone level draws. */
async function badPhoto(seed: number, spoil: (p: PhotoProfile) => PhotoProfile): Promise<Buffer> {
  const rnd = new SeededRandom(seed);
  const png = await renderSide('id_card', seed % 2 ? 'back' : 'front', sampleHolder(seed), rnd, 'ocr-b');
  return photographWith(png, spoil(drawPhotoProfile('phone', rnd)), rnd);
}

async function refusal(photo: Buffer, limits: DecodeLimits = {}): Promise<DocumentRejectedError | null> {
  try {
    await checkDocumentImage(photo, 'front', limits);
    return null;
  } catch (e) {
    if (e instanceof DocumentRejectedError) return e;
    throw e;
  }
}

describe('refusing badly taken document photos with advice', () => {
  jest.setTimeout(240_000);

  it('accepts phone photos, hard ones and flat scans', async () => {
    for (const seed of [11, 12, 13]) {
      const phone = await generateDocument(sampleHolder(seed), 'id_card', { level: 'phone', seed });
      expect(await refusal(phone.front)).toBeNull();
      expect(await refusal(phone.back!)).toBeNull();
    }
    const hard = await generateDocument(sampleHolder(15), 'id_card', { level: 'hard', seed: 15 });
    expect((await refusal(hard.back!))?.code).not.toBe(DocumentRejectionCode.TooFar);
    const clean = await generateDocument(sampleHolder(16), 'id_card', { level: 'clean', seed: 16 });
    expect(await refusal(clean.front)).toBeNull();
    expect(await refusal(clean.back!)).toBeNull();
  });

  it('asks for a closer photo when the card fills a fifth of the picture', async () => {
    for (const seed of [21, 22]) {
      const e = await refusal(await badPhoto(seed, (p) => ({ ...p, cardFraction: 0.2 })));
      expect(e?.code).toBe(DocumentRejectionCode.TooFar);
      expect(e?.side).toBe('front');
    }
    expect(DOCUMENT_REJECTION_ADVICE.too_far.ru).toBe('Документ на фото слишком мелкий. Сделайте фото ближе.');
  });

  it('asks for a closer photo when the card is under 350 px across, where small print was misread past the checks', async () => {
    for (const seed of [23, 24]) {
      const small = await badPhoto(seed, cardAcross(330));
      const e = await refusal(small);
      expect(e?.code).toBe(DocumentRejectionCode.TooFar);
      expect(e?.message).toContain('width 3');
      // The floor is configuration: a deployment (or the bench) may set its own.
      expect((await refusal(small, { minCardWidthPx: 300 }))?.code).not.toBe(DocumentRejectionCode.TooFar);
      expect((await refusal(await badPhoto(seed, cardAcross(380))))?.code).not.toBe(DocumentRejectionCode.TooFar);
    }
  });

  it('asks to remove the glare when a washed-out spot lies on the card', async () => {
    for (const seed of [31, 32]) {
      const e = await refusal(await badPhoto(seed, (p) => ({ ...p, glare: { strength: 1, radius: 0.1, u: 0.45, v: 0.6 } })));
      expect(e?.code).toBe(DocumentRejectionCode.Glare);
    }
    expect(DOCUMENT_REJECTION_ADVICE.glare.ru).toBe('На документе блик. Уберите блики: наклоните документ или отойдите от лампы.');
  });

  it('says the photo is blurred when it is', async () => {
    for (const seed of [41, 42]) {
      const e = await refusal(await badPhoto(seed, (p) => ({ ...p, blurSigma: 2.5 })));
      expect(e?.code).toBe(DocumentRejectionCode.Blurred);
    }
    expect(DOCUMENT_REJECTION_ADVICE.blurred.ru).toBe('Фото размыто. Держите телефон неподвижно и дождитесь фокусировки.');
    expect(DOCUMENT_REJECTION_ADVICE.blurred.en).toBe('The photo is blurred. Hold the phone still and let it focus.');
  });

  it('keeps the same photo for the same seed and level', async () => {
    const a = await generateDocument(sampleHolder(5), 'id_card', { level: 'phone', seed: 5 });
    const b = await generateDocument(sampleHolder(5), 'id_card', { level: 'phone', seed: 5 });
    expect(a.front.equals(b.front)).toBe(true);
  });

  it('finds a quantile of the gradients as a full sort would', () => {
    const rnd = new SeededRandom(3);
    const values = Float32Array.from({ length: 20_000 }, () => rnd.next() * 300);
    const sorted = Float32Array.from(values).sort();
    for (const q of [0, 0.5, 0.95, 0.9999]) expect(quantile(values, q)).toBe(sorted[Math.floor(values.length * q)]);
    expect(quantile(Float32Array.of(7, 7, 7, 2.5), 0.25)).toBe(7);
    expect(quantile(Uint8Array.of(200, 3, 200, 90, 255), 0.5)).toBe(200);
  });
});
