import sharp from 'sharp';
import {
  composeTd1,
  composeTd3,
  DocumentReader,
  DocumentRejectedError,
  DocumentRejectionCode,
  drawPhotoProfile,
  fieldValue,
  generateDocument,
  photographWith,
  sampleHolder,
  SeededRandom,
  validateAgainstApplicant,
  type DocumentHolder,
  type DocumentReadResult,
} from '@app/documents';
import { renderSide } from '../src/generator/render-side';
import { otherDigit, TODAY, withChar } from './support/read-result';

// OCR on a shared 2-core machine: generous per-test time, few documents (the corpus is in bench/).
jest.setTimeout(120_000);

const reader = new DocumentReader({ workersPerPool: 1, now: () => TODAY });
beforeAll(() => reader.init());
afterAll(() => reader.terminate());

function expectFieldsOf(result: DocumentReadResult, holder: DocumentHolder): void {
  const read = Object.fromEntries(result.fields.map((f) => [f.name, f.value]));
  const printed = Object.fromEntries(result.fields.map((f) => [f.name, fieldValue(holder, f.name)]));
  expect(read).toEqual(printed);
}

async function rejectionOf(promise: Promise<unknown>): Promise<DocumentRejectedError> {
  const e = await promise.then(() => null, (err: unknown) => err);
  expect(e).toBeInstanceOf(DocumentRejectedError);
  return e as DocumentRejectedError;
}

describe(DocumentReader.name, () => {
  const holder = sampleHolder(101);
  let clean: Awaited<ReturnType<typeof generateDocument>>;
  beforeAll(async () => {
    clean = await generateDocument(holder, 'id_card');
  });

  it('reads a clean ID card: every field, the zone with all check digits, the cross-checks and the portrait', async () => {
    const result = await reader.read({ front: clean.front, back: clean.back });
    expect(result.type).toBe('id_card');
    expectFieldsOf(result, holder);
    expect(result.mrz?.parsed.lines).toEqual(composeTd1(holder));
    expect(result.mrz?.parsed.checks.map((c) => c.valid)).toEqual([true, true, true, true]);
    expect(result.crossChecks.filter((c) => c.status !== 'pass')).toEqual([]);
    expect(result.fields.filter((f) => f.lowConfidence)).toEqual([]);
    expect(result.sex).toBe(holder.sex);
    expect(await sharp(result.portraitJpeg).metadata()).toMatchObject({ format: 'jpeg', width: 250, height: 330 });
    expect(validateAgainstApplicant(result, { iin: holder.iin }).outcome).toBe('match');
  });

  it('reads a damaged photo of an ID card on a table (rotation, perspective, blur, noise, light, JPEG)', async () => {
    const h = sampleHolder(102);
    const doc = await generateDocument(h, 'id_card', { damage: 0.85, seed: 7 });
    const result = await reader.read({ front: doc.front, back: doc.back, type: 'id_card' });
    expect(result.mrz?.parsed.valid).toBe(true);
    expect(result.mrz?.parsed.lines).toEqual(composeTd1(h));
    expectFieldsOf(result, h);
  });

  it.each([4, 5, 6])('reads a surname a glare spot has paled without washing it out (seed %i)', async (seed) => {
    const rnd = new SeededRandom(seed);
    const h = sampleHolder(seed);
    const front = await renderSide('id_card', 'front', h, rnd);
    // The spot sits on the surname's end: its letters keep 40–60 levels of contrast, the card passes the glare check.
    const photo = await photographWith(front, { ...drawPhotoProfile('phone', rnd), rotationDeg: 4, glare: { strength: 0.45, radius: 0.1, u: 0.45, v: 0.21 } }, rnd);
    const result = await reader.read({ front: photo, type: 'id_card' });
    const surname = result.frontOcr.find((f) => f.name === 'surname');
    expect(surname?.value).toBe(fieldValue(h, 'surname'));
    expect(surname?.confidence).toBeGreaterThan(0.8);
  });

  it('reads a damaged passport data page, zone and fields from one image', async () => {
    const h = sampleHolder(103, { type: 'passport' });
    const doc = await generateDocument(h, 'passport', { damage: 0.7, seed: 8 });
    const result = await reader.read({ front: doc.front });
    expect(result.type).toBe('passport');
    expect(result.mrz?.parsed).toMatchObject({ format: 'TD3', valid: true, documentNumber: h.documentNumber, personalNumber: h.iin });
    expectFieldsOf(result, h);
  });

  it('tells the application that the document belongs to another person', async () => {
    const result = await reader.read({ front: clean.front, back: clean.back });
    const check = validateAgainstApplicant(result, { iin: sampleHolder(104).iin });
    expect(check).toMatchObject({ outcome: 'other_person', documentIin: holder.iin });
  });

  it.each([
    ['document number', 0, 14, ['documentNumber', 'composite']],
    ['birth date', 1, 6, ['birthDate', 'composite']],
    ['expiry date', 1, 14, ['expiryDate', 'composite']],
    ['composite', 1, 29, ['composite']],
  ])('reads a tampered ID zone whose %s check digit fails and calls it inconsistent', async (_name, line, at, failing) => {
    const lines = composeTd1(holder);
    const tampered = await generateDocument(holder, 'id_card', { zoneLines: withChar(lines, line, at, otherDigit(lines, line, at)) });
    const result = await reader.read({ front: tampered.front, back: tampered.back });
    expect(result.mrz?.parsed.checks.filter((c) => !c.valid).map((c) => c.field)).toEqual(failing);
    expect(validateAgainstApplicant(result, { iin: holder.iin }).outcome).toBe('inconsistent');
  });

  it('reads a passport zone whose personal-number (IIN) check digit fails', async () => {
    const h = sampleHolder(105, { type: 'passport' });
    const lines = composeTd3(h);
    const tampered = await generateDocument(h, 'passport', { zoneLines: withChar(lines, 1, 42, otherDigit(lines, 1, 42)) });
    const result = await reader.read({ front: tampered.front, type: 'passport' });
    expect(result.mrz?.parsed.checks.filter((c) => !c.valid).map((c) => c.field)).toEqual(['personalNumber', 'composite']);
    expect(validateAgainstApplicant(result, { iin: h.iin }).outcome).toBe('inconsistent');
  });

  it('catches a front whose birth date disagrees with the zone and the IIN', async () => {
    const forged = await generateDocument({ ...holder, birthDate: { ...holder.birthDate, year: holder.birthDate.year - 1 } }, 'id_card');
    const result = await reader.read({ front: forged.front, back: clean.back });
    expect(result.crossChecks.find((c) => c.name === 'birth_date_front_vs_zone')?.status).toBe('fail');
    expect(validateAgainstApplicant(result, { iin: holder.iin }).outcome).toBe('inconsistent');
  });

  it('refuses the back uploaded as the front', async () => {
    const e = await rejectionOf(reader.read({ front: clean.back!, back: clean.front }));
    expect(e).toMatchObject({ code: DocumentRejectionCode.WrongSide, side: 'front' });
  });

  it('refuses the front uploaded twice', async () => {
    const e = await rejectionOf(reader.read({ front: clean.front, back: clean.front }));
    expect(e).toMatchObject({ code: DocumentRejectionCode.WrongSide, side: 'back' });
  });

  it('refuses a photo with no document in it as unreadable', async () => {
    const noise = Buffer.alloc(1200 * 900 * 3);
    for (let i = 0; i < noise.length; i++) noise[i] = (i * 2654435761) >>> 24;
    const jpeg = await sharp(noise, { raw: { width: 1200, height: 900, channels: 3 } }).jpeg().toBuffer();
    const e = await rejectionOf(reader.read({ front: jpeg, type: 'id_card' }));
    expect(e.code).toBe(DocumentRejectionCode.Unreadable);
  });

  it('refuses a file that is not an image', async () => {
    const e = await rejectionOf(reader.read({ front: Buffer.from('<html>not a photo</html>') }));
    expect(e.code).toBe(DocumentRejectionCode.NotAnImage);
  });
});
