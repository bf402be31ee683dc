/**
 * @file The kz-id reader's field finding: printed lines found without OCR, slots named by their
 * labels in print order, and Й told from И by its breve, on clean cards and phone photos.
 */
import { composeMrz, DocumentReader, fieldValue, generateDocument, kzIdPlacement, parseMrz, sampleHolder, type FrontReading } from '@app/documents';
import { fieldsSide } from '../src/layout';
import { assembleFields } from '../src/reader/assemble-fields';
import { decodeImage } from '../src/reader/decode-image';
import { assignInOrder, fieldSlots, nameSlots } from '../src/reader/label-fields';
import { locateDocument } from '../src/reader/locate-document';
import { settleLetters } from '../src/reader/zone-blind-letters';
import { straighten } from '../src/reader/straighten';
import { findTextLines } from '../src/reader/text-lines';
import { TODAY } from './support/read-result';

jest.setTimeout(180_000);

const UNREAD = 1;

describe('assignInOrder', () => {
  it('names slots whose labels cannot be read by their place in print order', () => {
    expect(assignInOrder(Array.from({ length: 5 }, () => new Array(5).fill(UNREAD)))).toEqual([0, 1, 2, 3, 4]);
  });

  it('lets a label read clearly name its slot, and the unread slots take what is left between', () => {
    // Four slots (the card left a field out); slot 2's label reads as field 3.
    const cost = [
      [0, 1, 1, 1, 1],
      [1, 1, 1, 1, 1],
      [1, 1, 1, 0.05, 1],
      [1, 1, 1, 1, 1],
    ];
    expect(assignInOrder(cost)).toEqual([0, 1, 3, 4]);
  });

  it('leaves a stray line (a slot no label fits) unnamed rather than shifting every name after it', () => {
    const cost = [
      [0, 1, 1],
      [1, 1, 1],
      [1, 0, 1],
      [1, 1, 0],
    ];
    expect(assignInOrder(cost)).toEqual([0, -1, 1, 2]);
  });

  it('does not let two half-read labels that fit the same name reorder the card', () => {
    // «…ОРГАН ВЫДАЧИ» and «…ДАТА ВЫДАЧИ» both misread close to «ДАТА ВЫДАЧИ» (field 3).
    const cost = [
      [0.1, 1, 1, 1, 1],
      [1, 0.2, 1, 1, 1],
      [1, 1, 1, 0.3, 1],
      [1, 1, 1, 0.3, 1],
      [1, 1, 1, 1, 0.2],
    ];
    expect(assignInOrder(cost)).toEqual([0, 1, 2, 3, 4]);
  });
});

async function flatFront(front: Buffer) {
  const image = await decodeImage(front, 'front');
  const side = fieldsSide('id_card');
  return straighten(image, locateDocument(image)!, side.width, side.height);
}

describe('printed lines and field slots', () => {
  it('finds each value of a clean kz-id front where the card printed it, its label as smaller print above', async () => {
    const seed = 21;
    const doc = await generateDocument(sampleHolder(321), 'id_card', { layout: 'kz-id', seed, damage: 0, mrzFont: 'ocr-b' });
    const flat = await flatFront(doc.front);
    const lines = findTextLines(flat.grey, { x: 0, y: 0, w: flat.grey.width, h: flat.grey.height });
    const slots = fieldSlots(lines, flat.grey);
    const placement = kzIdPlacement(seed).front;
    expect(slots).toHaveLength(placement.length);
    slots.forEach((slot, k) => {
      expect(Math.abs(slot.value.x - placement[k].x)).toBeLessThanOrEqual(6);
      // The label band starts at the printed label and ends above the value.
      expect(Math.abs(slot.label.y - placement[k].y)).toBeLessThanOrEqual(8);
      expect(slot.label.y + slot.label.h).toBeLessThanOrEqual(slot.value.y);
    });
    const labelLines = lines.filter((l) => slots.some((s) => l.y >= s.label.y && l.y + l.h <= s.value.y && Math.abs(l.x - s.value.x) < 10));
    expect(labelLines.length).toBeGreaterThanOrEqual(3);
    for (const l of labelLines) expect(l.glyphHeight).toBeLessThan(Math.min(...slots.map((s) => s.value.glyphHeight)) * 0.7);
  });

  it('names slots by labels read, whatever order they were found in, and by place when unreadable', () => {
    const slot = (y: number) => ({ value: { x: 300, y, w: 100, h: 20, glyphHeight: 20, glyphBoxes: [], words: [] }, label: { x: 292, y: y - 28, w: 500, h: 26 }, right: 990, row: y, inColumn: true });
    const slots = [slot(150), slot(230), slot(310), slot(390), slot(470)];
    const named = nameSlots(slots, ['ТЕГІ / ФАМИЛИЯ', '', 'ӘКЕСІНІҢ АТЫ / ОТЧЕСТВО', 'ТУКАН КҮН / ДАТА РОЖДЕН', 'ЖН ИИН'], ['surname', 'givenName', 'patronymic', 'birthDate', 'iin']);
    expect(named.map((s) => [s.name, s.labelDistance === null ? 'by place' : 'by label'])).toEqual([
      ['surname', 'by label'],
      ['givenName', 'by place'],
      ['patronymic', 'by label'],
      ['birthDate', 'by label'],
      ['iin', 'by label'],
    ]);
  });
});

describe('naming slots whose labels are half read', () => {
  it('does not let a label read further than half its letters from a name move the names (seed 70029, phone)', () => {
    const slot = (y: number) => ({ value: { x: 360, y, w: 150, h: 23, glyphHeight: 21, glyphBoxes: [], words: [] }, label: { x: 352, y: y - 30, w: 560, h: 29 }, right: 990, row: y, inColumn: true });
    // ТЕГІ / ФАМИЛИЯ blurred to «МА. .Т», 0.67 from АТЫ: it had named the surname's slot the given name.
    const named = nameSlots([slot(154), slot(231), slot(307), slot(383)], ['МА. .Т', '/.', 'ФАС 029 ОРСТЬО', '792444 6094 ДАРА 0Б0Д00'], ['surname', 'givenName', 'patronymic', 'birthDate', 'iin']);
    expect(named.map((s) => s.name)).toEqual(['surname', 'givenName', 'patronymic', 'birthDate']);
  });
});

describe('field slots on a side photographed badly', () => {
  const line = (x: number, y: number, w: number, glyphHeight = 21) => ({ x, y, w, h: glyphHeight + 2, glyphHeight, glyphBoxes: [], words: [] });

  it('does not take the portrait\'s blobs of ink, taller than any value, for the field column', () => {
    // Seed 420029's phone photo: four blobs of the portrait line up left of the fields and outweigh them.
    const portrait = [line(175, 185, 69, 28), line(155, 258, 123, 36), line(178, 376, 58, 38), line(201, 430, 54, 29)];
    const fields = [line(358, 147, 242), line(358, 224, 113), line(357, 300, 217), line(359, 376, 174), line(689, 376, 230)];
    const slots = fieldSlots([...portrait, ...fields], { width: 1000 });
    expect(slots.map((s) => [s.value.x, s.value.y])).toEqual(fields.map((f) => [f.x, f.y]));
  });

  it('keeps a value whose row lost its column line to glare, and names the back\'s slots in their columns', () => {
    // The back of seed 420029: glare wiped out the nationality (one stray piece of it is left),
    // so the right column (authority, expiry) weighs as much as the left (birthplace, issue date).
    const back = [line(64, 72, 102), line(128, 157, 44, 25), line(520, 156, 111, 22), line(68, 238, 171, 22), line(521, 239, 173, 22)];
    const slots = fieldSlots(back, { width: 1000 });
    expect(slots.map((s) => [s.value.x, s.value.y, s.inColumn])).toEqual([
      [64, 72, true],
      [520, 156, false],
      [68, 238, true],
      [521, 239, false],
    ]);
    // No label readable: by place, and the lone value right of the column is the authority, not the nationality.
    const named = nameSlots(slots, ['47 Ч УЧ', 'И О Е.', 'ТТ. 1', ''], ['birthPlace', 'nationality', 'issuingAuthority', 'issueDate', 'expiryDate']);
    expect(named.map((s) => s.name)).toEqual(['birthPlace', 'issuingAuthority', 'issueDate', 'expiryDate']);
    // A label read clearly still names its slot, in whichever column it is found.
    const byLabel = nameSlots(slots, ['', 'ҰЛТЫ / НАЦИОНАЛЬНОСТЬ', '', ''], ['birthPlace', 'nationality', 'issuingAuthority', 'issueDate', 'expiryDate']);
    expect(byLabel.map((s) => s.name)).toEqual(['birthPlace', 'nationality', 'issueDate', 'expiryDate']);
  });
});

describe('Й and И', () => {
  it('restores the breve OCR dropped from a blurred name, and leaves a plain И alone', async () => {
    const holder = sampleHolder(420001, { type: 'id_card' });
    expect(holder.givenName).toBe('ЮРИЙ');
    const doc = await generateDocument(holder, 'id_card', { layout: 'kz-id', level: 'phone', seed: 420001, mrzFont: 'ocr-b' });
    const flat = await flatFront(doc.front);
    const slots = fieldSlots(findTextLines(flat.grey, { x: 0, y: 0, w: flat.grey.width, h: flat.grey.height }), flat.grey);
    const given = slots[1].value;
    const rect = { x: given.x - 8, y: given.y - 8, w: given.w + 30, h: given.h + 16 };
    expect(settleLetters(flat.grey, rect, 'ЮРИИ')).toMatchObject({ value: 'ЮРИЙ', settled: true });
    expect(settleLetters(flat.grey, rect, 'ЮРЙИ')).toMatchObject({ value: 'ЮРИЙ', settled: true });
    // Five letters read where the print has four pieces of ink: the print cannot settle it.
    expect(settleLetters(flat.grey, rect, 'ЮРИИН')).toMatchObject({ value: 'ЮРИИН', settled: false });
  });

  it('marks a name whose И/Й the print did not settle for the applicant, though the zone agrees', () => {
    const holder = sampleHolder(420001, { type: 'id_card' });
    const zone = parseMrz(composeMrz('id_card', holder), TODAY);
    const reading: FrontReading = { name: 'givenName', raw: 'ЮРИИ', value: 'ЮРИИ', confidence: 0.95, letterUnsettled: true };
    const settled: FrontReading = { name: 'surname', raw: holder.surname, value: holder.surname, confidence: 0.95 };
    const fields = assembleFields([reading, settled], zone, { type: 'id_card', lowConfidenceBelow: 0.8 });
    expect(fields.find((f) => f.name === 'givenName')).toMatchObject({ value: 'ЮРИИ', lowConfidence: true });
    expect(fields.find((f) => f.name === 'surname')).toMatchObject({ lowConfidence: false });
  });

  it('keeps the mark when the zone corrects another letter of that name', () => {
    // Bench (seed 7) passport × hard #15: КАРЛЫГАЩ for ҚАРЛЫҒАШ, its К unchecked on a blurred line;
    // the zone's SH made Щ a Ш, and the name had then been accepted with the К.
    const holder = { ...sampleHolder(420001, { type: 'id_card' }), givenName: 'ҚАРЛЫҒАШ', latinGivenName: 'KARLYGASH' };
    const zone = parseMrz(composeMrz('id_card', holder), TODAY);
    const reading: FrontReading = { name: 'givenName', raw: 'КАРЛЫГАЩ', value: 'КАРЛЫГАЩ', confidence: 0.95, letterUnsettled: true };
    const fields = assembleFields([reading], zone, { type: 'id_card', lowConfidenceBelow: 0.8 });
    expect(fields.find((f) => f.name === 'givenName')).toMatchObject({ value: 'КАРЛЫГАШ', lowConfidence: true });
  });
});

describe('phone photos of kz-id cards', () => {
  const reader = new DocumentReader({ workersPerPool: 1, now: () => TODAY });
  beforeAll(() => reader.init());
  afterAll(() => reader.terminate());

  // 420001: labels blurred past reading (fields named by place), a Й in the given name.
  // 420006: the card's corners found slightly wrong, so its field column slants.
  it.each([420001, 420006])('reads every field exactly, front and back (seed %i)', async (seed) => {
    const holder = sampleHolder(seed, { type: 'id_card' });
    const doc = await generateDocument(holder, 'id_card', { layout: 'kz-id', level: 'phone', seed, mrzFont: 'ocr-b' });
    const result = await reader.read({ front: doc.front, back: doc.back, type: 'id_card' });
    const wrong = result.fields.filter((f) => f.value !== fieldValue(holder, f.name)).map((f) => `${f.name}: ${f.value} ≠ ${fieldValue(holder, f.name)}`);
    expect(wrong).toEqual([]);
    expect(result.mrz?.parsed.valid).toBe(true);
  });

  it('finds the front\'s fields right of the portrait, and marks the back\'s fields glare wiped out (seed 420029)', async () => {
    const seed = 420029;
    const holder = sampleHolder(seed, { type: 'id_card' });
    const doc = await generateDocument(holder, 'id_card', { layout: 'kz-id', level: 'phone', seed, mrzFont: 'ocr-b' });
    const result = await reader.read({ front: doc.front, back: doc.back, type: 'id_card' });
    const field = (name: string) => result.fields.find((f) => f.name === name)!;
    for (const name of ['surname', 'givenName', 'patronymic', 'birthDate', 'iin', 'birthPlace', 'expiryDate'] as const) expect(field(name).value).toBe(fieldValue(holder, name));
    expect(field('surname').value).toBe('ӘБІЛҚАСЫМОВ');
    for (const name of ['nationality', 'issuingAuthority', 'issueDate'] as const) {
      if (field(name).value !== fieldValue(holder, name)) expect(field(name).lowConfidence).toBe(true);
    }
  });
});
