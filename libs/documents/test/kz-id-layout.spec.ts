import sharp from 'sharp';
import { DocumentReader, fieldValue, generateDocument, kzIdPlacement, sampleHolder, type DocumentHolder, type DocumentReadResult, type Rect } from '@app/documents';
import { fieldsSide } from '../src/layout';
import { wellFormed } from '../src/reader/assemble-fields';
import { decodeImage } from '../src/reader/decode-image';
import { findPortrait } from '../src/reader/label-fields';
import { locateDocument } from '../src/reader/locate-document';
import { straighten } from '../src/reader/straighten';
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

function overlap(a: Rect, b: Rect): number {
  const w = Math.max(0, Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x));
  const h = Math.max(0, Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y));
  return (w * h) / (a.w * a.h + b.w * b.h - w * h);
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

  it('finds the portrait of a photographed card as the photo block left of the labels', async () => {
    const seed = 34;
    const card = await generateDocument(sampleHolder(534), 'id_card', { layout: 'kz-id', seed, damage: 0.3 });
    const image = await decodeImage(card.front, 'front');
    const corners = locateDocument(image);
    expect(corners).not.toBeNull();
    const side = fieldsSide('id_card');
    const flat = straighten(image, corners!, side.width, side.height);
    const placement = kzIdPlacement(seed);
    const found = findPortrait(flat.rgb, side.width, side.height, placement.front[0].x - 10);
    expect(found).not.toBeNull();
    expect(overlap(found!, placement.portrait)).toBeGreaterThan(0.75);
  });

  it('does not take two dates run together for one date', () => {
    expect(wellFormed('issueDate', '15.09.2025', 'id_card')).toBe(true);
    expect(wellFormed('issueDate', '15.09.202514.09.2035', 'id_card')).toBe(false);
    expect(wellFormed('birthDate', '31.02.1990', 'id_card')).toBe(false);
  });
});
