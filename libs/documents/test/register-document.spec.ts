import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REGISTER_FIXTURES_DIR, facesDir } from '@app/fixtures';
import type { PersonRecord } from '@app/registers';
import { DocumentReader, generateDocumentForPerson, matchAgainstRegister, validateAgainstApplicant, type ConfirmableField } from '@app/documents';
import { TODAY } from './support/read-result';

// OCR on a shared 2-core machine: generous per-test time, three documents.
jest.setTimeout(120_000);

const people = JSON.parse(readFileSync(join(REGISTER_FIXTURES_DIR, 'people.json'), 'utf8')) as PersonRecord[];
const faces = facesDir();

const reader = new DocumentReader({ workersPerPool: 1, now: () => TODAY });
beforeAll(() => reader.init());
afterAll(() => reader.terminate());

type Expected = Readonly<Partial<Record<ConfirmableField, string>>>;

describe(generateDocumentForPerson.name, () => {
  it.each<[string, string, string, number, Expected]>([
    // His register photo is person-vlado.jpg; the card carries another photo of him.
    ['820113399371', '280000042', 'person-vlado1.jpg', 0.4, {
      iin: '820113399371', documentNumber: '280000042', surname: 'ЕРМЕКОВ', givenName: 'ТИМУР', patronymic: 'ҚАНАТОВИЧ', birthDate: '13.01.1982', expiryDate: '18.09.2030',
    }],
    // Her passport (she also holds an ID card), with the longest register birthplace printed smaller.
    ['871218425862', 'N40000004', 'stock-emotions-a-2.jpg', 0.5, {
      iin: '871218425862', documentNumber: 'N40000004', surname: 'ОСПАНОВА', givenName: 'АЙГЕРИМ', patronymic: 'СЕРИКОВНА', birthDate: '18.12.1987', expiryDate: '16.02.2030',
      birthPlace: 'ВОСТОЧНО-КАЗАХСТАНСКАЯ ОБЛ., Г. УСТЬ-КАМЕНОГОРСК',
    }],
    // Kazakh letters in the name, no patronymic, no register photo.
    ['501127402873', '280000232', 'stock-emotions-b-3.jpg', 0, {
      iin: '501127402873', documentNumber: '280000232', surname: 'АБДРАХМАНОВА', givenName: 'ІНКӘР', patronymic: '', birthDate: '27.11.1950', expiryDate: '08.12.2034',
    }],
  ])('prints the register record of %s (document %s) so the reader reads it back exactly and it matches the register', async (iin, number, portrait, damage, expected) => {
    const person = people.find((p) => p.iin === iin)!;
    const document = person.documents.find((d) => d.number === number)!;
    const doc = await generateDocumentForPerson(person, { document, portraitPath: join(faces, portrait), damage, seed: 3 });
    expect(doc.type).toBe(document.type);

    const result = await reader.read({ front: doc.front, back: doc.back, type: doc.type });
    const read = Object.fromEntries(result.fields.filter((f) => f.name in expected).map((f) => [f.name, f.value]));
    expect(read).toEqual(expected);
    expect(result.mrz?.parsed.valid).toBe(true);
    expect(result.sex).toBe(person.sex === 'male' ? 'M' : 'F');
    expect(validateAgainstApplicant(result, { iin }).outcome).toBe('match');
    // Confirmed as read, the document matches the register: the whole path passes for this person.
    expect(matchAgainstRegister({ type: result.type, recognised: result.fields, confirmed: {}, person, at: TODAY })).toMatchObject({ passed: true, reasons: [] });
  });
});
