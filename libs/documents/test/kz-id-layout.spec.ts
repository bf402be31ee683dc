import sharp from 'sharp';
import { DocumentReader, fieldValue, generateDocument, kzIdPlacement, sampleHolder, type DocumentHolder, type DocumentReadResult } from '@app/documents';
import { TODAY } from './support/read-result';

// OCR on a shared 2-core machine: generous per-test time, few documents (the corpus is in bench/).
jest.setTimeout(180_000);

const reader = new DocumentReader({ workersPerPool: 1, now: () => TODAY });
beforeAll(() => reader.init());
afterAll(() => reader.terminate());

function readValues(result: DocumentReadResult): Record<string, string> {
  return Object.fromEntries(result.fields.map((f) => [f.name, f.value]));
}

function printedValues(result: DocumentReadResult, holder: DocumentHolder): Record<string, string> {
  return Object.fromEntries(result.fields.map((f) => [f.name, fieldValue(holder, f.name)]));
}

describe('kz-id layout', () => {
  it('moves its labels and portrait with the seed, so fixed rectangles cannot read it', () => {
    const a = kzIdPlacement(3);
    const b = kzIdPlacement(4);
    expect(kzIdPlacement(3)).toEqual(a);
    expect(a).not.toEqual(b);
  });

  it.each([11, 12])('prints a card the reader reads exactly by its labels when clean (seed %i)', async (seed) => {
    const holder = sampleHolder(200 + seed);
    const doc = await generateDocument(holder, 'id_card', { layout: 'kz-id', seed, damage: 0, mrzFont: 'ocr-b' });
    const result = await reader.read({ front: doc.front, back: doc.back, type: 'id_card' });
    expect(readValues(result)).toEqual(printedValues(result, holder));
    expect(result.mrz?.parsed.valid).toBe(true);
  });

  it('finds the portrait where this card printed it, not in the classic rectangle', async () => {
    const seed = 13;
    const doc = await generateDocument(sampleHolder(213), 'id_card', { layout: 'kz-id', seed, damage: 0, mrzFont: 'ocr-b' });
    const result = await reader.read({ front: doc.front, back: doc.back, type: 'id_card' });
    const { width, height } = await sharp(result.portraitJpeg).metadata();
    const printed = kzIdPlacement(seed).portrait;
    expect(Math.abs(width - printed.w)).toBeLessThanOrEqual(6);
    expect(Math.abs(height - printed.h)).toBeLessThanOrEqual(6);
  });

  it('never accepts a wrong reading as right on a lightly damaged card', async () => {
    const holder = sampleHolder(214);
    const doc = await generateDocument(holder, 'id_card', { layout: 'kz-id', seed: 14, damage: 0.3, mrzFont: 'ocr-b' });
    const result = await reader.read({ front: doc.front, back: doc.back, type: 'id_card' });
    const wrongAccepted = result.fields.filter((f) => !f.lowConfidence && f.value !== fieldValue(holder, f.name)).map((f) => f.name);
    expect(wrongAccepted).toEqual([]);
  });
});
