/**
 * @file Қ told from К by the print: OCR of a blurred photo loses Қ's tail, so a nationality or
 * place read between a Russian and a Kazakh form (КАЗАК: КАЗАХ or ҚАЗАҚ?) is settled by the tails
 * printed below the baseline, or marked for the applicant when nothing settles it.
 */
import { DocumentReader, generateDocument, sampleHolder, type FrontReading } from '@app/documents';
import { fieldsSide, valueRect } from '../src/layout';
import { assembleFields } from '../src/reader/assemble-fields';
import { decodeImage } from '../src/reader/decode-image';
import { printedDescenders } from '../src/reader/descenders';
import { locateDocument } from '../src/reader/locate-document';
import { straighten } from '../src/reader/straighten';
import { classifyPlace, classifyWord, NATIONALITIES } from '../src/validation/classifiers';
import { TODAY } from './support/read-result';

jest.setTimeout(120_000);

describe('a word between two classifier entries', () => {
  it('is ambiguous as read, and the entry whose tails the print shows when they are the tails OCR lost', () => {
    const read = classifyWord('КАЗАК', NATIONALITIES);
    expect(read.kind).toBe('ambiguous');
    expect(read.kind === 'ambiguous' && [...read.candidates].sort()).toEqual(['КАЗАХ', 'КАЗАШКА', 'ҚАЗАҚ']);
    expect(classifyWord('КАЗАК', NATIONALITIES, 2)).toEqual({ kind: 'corrected', value: 'ҚАЗАҚ' });
    // No tails printed does not make it КАЗАХ: a blurred photo can lose a tail, so only added tails decide.
    expect(classifyWord('КАЗАК', NATIONALITIES, 0).kind).toBe('ambiguous');
    // One tail fits neither entry.
    expect(classifyWord('КАЗАК', NATIONALITIES, 1).kind).toBe('ambiguous');
    // КӘРІ: КӘРІС one letter off, КҮРД two; КҮРД's Д would show a tail.
    expect(classifyWord('КӘРІ', NATIONALITIES, 0).kind).toBe('ambiguous');
  });

  it('makes a birthplace doubtful unless the print settles it, word by word', () => {
    expect(classifyPlace('КОСТАНАИ')).toEqual({ value: 'КОСТАНАИ', doubtful: true });
    expect(classifyPlace('КОСТАНАИ', [1])).toEqual({ value: 'ҚОСТАНАЙ', doubtful: false });
    // A count per word is needed: a count for another number of words is not used.
    expect(classifyPlace('КОСТАНАИ ОБЛЫСЫ', [1])).toEqual({ value: 'КОСТАНАИ ОБЛЫСЫ', doubtful: true });
    // The comma's tail belongs to the comma, not to the word before it.
    expect(classifyPlace('КОСТАНАИ, Г', [1, 0])).toEqual({ value: 'КОСТАНАИ, Г', doubtful: true });
    expect(classifyPlace('КОСТАНАИ, Г', [2, 0])).toEqual({ value: 'ҚОСТАНАЙ, Г', doubtful: false });
  });

  it("doubts a place's Russian spelling that is also its Kazakh one with the marks lost, unless the print shows the tails", () => {
    // АКТОБЕ was read, and accepted, for a small photo's АҚТӨБЕ.
    expect(classifyPlace('АКТОБЕ')).toEqual({ value: 'АКТОБЕ', doubtful: true });
    expect(classifyPlace('АКТОБЕ', [1])).toEqual({ value: 'АҚТӨБЕ', doubtful: false });
    // No tail printed: the Russian spelling it reads as (the register's «г. Актобе»).
    expect(classifyPlace('Г. АКТОБЕ', [0, 0])).toEqual({ value: 'Г. АКТОБЕ', doubtful: false });
    // Twins the tails cannot tell apart (Ө's mark is no tail) stay a doubt.
    expect(classifyPlace('КОКШЕТАУ', [0])).toEqual({ value: 'КОКШЕТАУ', doubtful: true });
    expect(classifyPlace('КОСТАНАЙ', [1])).toEqual({ value: 'ҚОСТАНАЙ', doubtful: false });
    // The Kazakh spelling read as printed, and a Russian one with no Kazakh twin, are not doubted.
    expect(classifyPlace('АҚТӨБЕ', [1])).toEqual({ value: 'АҚТӨБЕ', doubtful: false });
    expect(classifyPlace('КАРАГАНДА')).toEqual({ value: 'КАРАГАНДА', doubtful: false });
  });

  it('marks a near miss the print did not settle for the applicant', () => {
    const reading: FrontReading = { name: 'birthPlace', raw: 'КОСТАНАИ', value: 'КОСТАНАИ', confidence: 0.96, nearMiss: true };
    const fields = assembleFields([reading], null, { type: 'id_card', lowConfidenceBelow: 0.8 });
    expect(fields.find((f) => f.name === 'birthPlace')).toMatchObject({ value: 'КОСТАНАИ', lowConfidence: true });
  });
});

describe('tails below the baseline on a phone photo', () => {
  async function printed(nationality: string, birthPlace: string, seed: number) {
    const holder = { ...sampleHolder(seed, { type: 'id_card' }), nationality, birthPlace };
    const doc = await generateDocument(holder, 'id_card', { level: 'phone', seed, mrzFont: 'ocr-b' });
    const image = await decodeImage(doc.front, 'front');
    const side = fieldsSide('id_card');
    const flat = straighten(image, locateDocument(image)!, side.width, side.height);
    const at = (name: string, value: string) => printedDescenders(flat.grey, valueRect(side, side.fields.find((f) => f.name === name)!), value.split(' ').length);
    return { nationality: at('nationality', nationality), birthPlace: at('birthPlace', birthPlace) };
  }

  it.each([420008, 420015])('counts Қ and Д tails and no others (photo %i)', async (seed) => {
    expect(await printed('ҚАЗАҚ', 'ҚОСТАНАЙ ОБЛЫСЫ', seed)).toEqual({ nationality: [2], birthPlace: [1, 0] });
    expect(await printed('КАЗАХ', 'КОСТАНАЙСКАЯ ОБЛ', seed)).toEqual({ nationality: [0], birthPlace: [0, 0] });
    expect(await printed('ДҮНГЕН', 'ШЫМКЕНТ', seed)).toEqual({ nationality: [1], birthPlace: [0] });
  });
});

describe('a classic card straightened a few pixels off', () => {
  const reader = new DocumentReader({ workersPerPool: 1, now: () => TODAY });
  beforeAll(() => reader.init());
  afterAll(() => reader.terminate());

  // 420006: the printed lines sit 14 px below the layout's rectangles, which cut off Қ's tails (КАЗАК was read).
  it('reads each value on its printed line: ҚАЗАҚ with its tails', async () => {
    const holder = sampleHolder(420006, { type: 'id_card' });
    expect(holder.nationality).toBe('ҚАЗАҚ');
    const doc = await generateDocument(holder, 'id_card', { level: 'phone', seed: 420006, mrzFont: 'ocr-b' });
    const result = await reader.read({ front: doc.front, back: doc.back, type: 'id_card' });
    expect(result.fields.find((f) => f.name === 'nationality')).toMatchObject({ value: 'ҚАЗАҚ', lowConfidence: false });
    expect(result.fields.find((f) => f.name === 'surname')).toMatchObject({ value: holder.surname });
  });
});
