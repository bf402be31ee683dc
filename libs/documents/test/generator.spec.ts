import sharp from 'sharp';
import { FACES_DIR, facePath } from '@app/fixtures';
import { isValidIin } from '@app/identity';
import type { PersonRecord } from '@app/registers';
import { composeMrz, generateDocument, generateDocumentForPerson, holderForIin, holderForPerson, parseMrz, sampleHolder, sampleHolders, transliterateToMrz } from '@app/documents';
import { TODAY } from './support/read-result';

jest.setTimeout(60_000);

describe(sampleHolders.name, () => {
  const holders = sampleHolders(60, 3);

  it('draws the same holders for the same seed', () => {
    expect(sampleHolders(5, 3)).toEqual(holders.slice(0, 5));
    expect(sampleHolders(5, 4)).not.toEqual(holders.slice(0, 5));
  });

  it('gives every holder an IIN valid by the check-digit rule and consistent with birth date and sex', () => {
    for (const h of holders) {
      expect(isValidIin(h.iin)).toBe(true);
      expect(h.iin.slice(0, 6)).toBe(`${String(h.birthDate.year % 100).padStart(2, '0')}${String(h.birthDate.month).padStart(2, '0')}${String(h.birthDate.day).padStart(2, '0')}`);
      expect(Number(h.iin[6]) % 2 === 1 ? 'M' : 'F').toBe(h.sex);
    }
  });

  it('uses Kazakh letters in names and the zone transliteration for the Latin name', () => {
    const letters = new Set(holders.flatMap((h) => [...(h.surname + h.givenName + h.patronymic)]));
    for (const k of ['Ә', 'Ғ', 'Қ', 'Ө', 'Ұ', 'Ү', 'І']) expect(letters).toContain(k);
    for (const h of holders) expect(h.latinSurname).toBe(transliterateToMrz(h.surname));
  });

  it('issues ID card numbers of 9 digits and passport numbers N + 8 digits', () => {
    expect(sampleHolder(1).documentNumber).toMatch(/^\d{9}$/);
    expect(sampleHolder(1, { type: 'passport' }).documentNumber).toMatch(/^N\d{8}$/);
  });
});

describe(holderForIin.name, () => {
  it('takes birth date and sex from the IIN and is deterministic', () => {
    const h = holderForIin('000121608706');
    expect(h).toMatchObject({ iin: '000121608706', birthDate: { year: 2000, month: 1, day: 21 }, sex: 'F' });
    expect(holderForIin('000121608706')).toEqual(h);
  });

  it('refuses an invalid IIN', () => {
    expect(() => holderForIin('000121608707')).toThrow(/not a valid IIN/);
  });
});

describe('the portraits of sample holders', () => {
  it('come from fixtures/faces unless another folder is given, and a folder without photos fails loudly', () => {
    expect(sampleHolder(7).portraitPath.startsWith(FACES_DIR)).toBe(true);
    expect(() => sampleHolder(7, { facesDir: '/nonexistent/faces' })).toThrow(/\/nonexistent\/faces/);
  });
});

describe(generateDocument.name, () => {
  const holder = sampleHolder(31);

  it('renders a clean ID card as two JPEG sides of the ID-1 proportions', async () => {
    const doc = await generateDocument(holder, 'id_card');
    const [front, back] = await Promise.all([sharp(doc.front).metadata(), sharp(doc.back).metadata()]);
    expect(front).toMatchObject({ format: 'jpeg', width: 1000, height: 631 });
    expect(back).toMatchObject({ format: 'jpeg', width: 1000, height: 631 });
  });

  it('renders a passport as one data page', async () => {
    const doc = await generateDocument(sampleHolder(32, { type: 'passport' }), 'passport');
    expect(doc.back).toBeUndefined();
    expect(await sharp(doc.front).metadata()).toMatchObject({ width: 1000, height: 704 });
  });

  it('photographs a damaged document on a table, reproducibly per seed', async () => {
    const a = await generateDocument(holder, 'id_card', { damage: 0.7, seed: 5 });
    const b = await generateDocument(holder, 'id_card', { damage: 0.7, seed: 5 });
    const c = await generateDocument(holder, 'id_card', { damage: 0.7, seed: 6 });
    expect(a.front.equals(b.front)).toBe(true);
    expect(a.front.equals(c.front)).toBe(false);
    expect(await sharp(a.front).metadata()).toMatchObject({ width: 1600, height: 1200 });
  });

  it('prints a zone that parses with every check digit passing', () => {
    expect(parseMrz(composeMrz('id_card', holder), TODAY).valid).toBe(true);
  });
});

describe(holderForPerson.name, () => {
  const person: PersonRecord = {
    iin: '501127402873', surname: 'Абдрахманова', name: 'Інкәр', patronymic: null, latin: { surname: 'ABDRAKHMANOVA', name: 'INKAR' },
    sex: 'female', birthDate: '1950-11-27', birthPlace: 'г. Алматы', nationality: 'КАЗАХ', citizenship: 'KZ', lifeStatus: 1,
    exclusionCode: null, capacityCode: 1, hasPhoto: false,
    documents: [{ type: 'passport', number: 'N40000034', issueDate: '2019-03-14', expiryDate: '2029-03-14', issuingAuthority: 'МВД РК', state: 'valid' }],
  };

  it('prints the register record in upper case with the chosen document and the register Latin', () => {
    expect(holderForPerson(person, person.documents[0], '/faces/a.jpg')).toEqual({
      surname: 'АБДРАХМАНОВА', givenName: 'ІНКӘР', patronymic: '', latinSurname: 'ABDRAKHMANOVA', latinGivenName: 'INKAR', sex: 'F',
      birthDate: { year: 1950, month: 11, day: 27 }, birthPlace: 'Г. АЛМАТЫ', nationality: 'КАЗАХ', iin: '501127402873',
      documentNumber: 'N40000034', issueDate: { year: 2019, month: 3, day: 14 }, expiryDate: { year: 2029, month: 3, day: 14 },
      issuingAuthority: 'МВД РК', portraitPath: '/faces/a.jpg',
    });
  });

  it('refuses a register date that is not YYYY-MM-DD', () => {
    expect(() => holderForPerson({ ...person, birthDate: '27.11.1950' }, person.documents[0], '/faces/a.jpg')).toThrow(/birth date 27\.11\.1950/);
  });

  it('generates the document type of the chosen record, a passport as one page', async () => {
    const doc = await generateDocumentForPerson(person, { document: person.documents[0], portraitPath: facePath('stock-teen-2') });
    expect(doc.type).toBe('passport');
    expect(doc.back).toBeUndefined();
    expect(doc.holder.documentNumber).toBe('N40000034');
    expect(parseMrz(composeMrz('passport', doc.holder), TODAY)).toMatchObject({ valid: true, documentNumber: 'N40000034', personalNumber: '501127402873', surname: 'ABDRAKHMANOVA', givenNames: 'INKAR' });
  });
});
