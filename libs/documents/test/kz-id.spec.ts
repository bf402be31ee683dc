import { DocumentReader, fieldValue, generateDocument, kzIdPlacement, sampleHolder, type Rect } from '@app/documents';
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

function overlap(a: Rect, b: Rect): number {
  const w = Math.max(0, Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x));
  const h = Math.max(0, Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y));
  return (w * h) / (a.w * a.h + b.w * b.h - w * h);
}

describe('the kz-id layout (close to the real Kazakh ID card)', () => {
  it.each([31, 32, 33])('reads a card of seed %s by its printed labels, never taking a wrong value for a right one', async (seed) => {
    const holder = sampleHolder(500 + seed);
    const card = await generateDocument(holder, 'id_card', { layout: 'kz-id', seed });
    const result = await reader.read({ front: card.front, back: card.back, type: 'id_card' });

    expect(result.mrz?.parsed.valid).toBe(true);
    const byName = new Map(result.fields.map((f) => [f.name, f]));
    for (const name of ['iin', 'documentNumber', 'birthDate', 'expiryDate', 'surname', 'givenName'] as const) {
      expect(`${name}: ${byName.get(name)?.value}`).toBe(`${name}: ${fieldValue(holder, name)}`);
    }
    // Whatever is not read exactly is flagged for the applicant's attention.
    const wrongAccepted = result.fields.filter((f) => !f.lowConfidence && f.value !== fieldValue(holder, f.name)).map((f) => `${f.name}=${f.value}`);
    expect(wrongAccepted).toEqual([]);
  });

  it('moves its blocks from card to card, so fixed rectangles could not read it', () => {
    const a = kzIdPlacement(31);
    const b = kzIdPlacement(33);
    expect(`${a.portrait.x},${a.portrait.y} ${a.front[0].x},${a.front[0].y}`).not.toBe(`${b.portrait.x},${b.portrait.y} ${b.front[0].x},${b.front[0].y}`);
  });

  it.each([31, 34])('finds the portrait of seed %s as the photo block left of the labels', async (seed) => {
    const card = await generateDocument(sampleHolder(500 + seed), 'id_card', { layout: 'kz-id', seed, damage: 0.3 });
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
