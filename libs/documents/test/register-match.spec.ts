import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { REGISTER_FIXTURES_DIR } from '@app/fixtures';
import type { IdentityDocumentRecord, PersonRecord } from '@app/registers';
import { CONFIRMABLE_FIELDS, matchAgainstRegister, RegisterMismatchCode, type ConfirmableField, type ConfirmedFields, type DocumentType, type RegisterMatchInput } from '@app/documents';

const ID_CARD: IdentityDocumentRecord = { type: 'id_card', number: '280000025', issueDate: '2021-05-16', expiryDate: '2031-05-16', issuingAuthority: 'МВД РК', state: 'valid' };
const PASSPORT: IdentityDocumentRecord = { type: 'passport', number: 'N40000004', issueDate: '2020-02-16', expiryDate: '2030-02-16', issuingAuthority: 'МВД РК', state: 'valid' };

const PERSON: PersonRecord = {
  iin: '871218425862', surname: 'Оспанова', name: 'Айгерим', patronymic: 'Сериковна', latin: { surname: 'OSPANOVA', name: 'AIGERIM' },
  sex: 'female', birthDate: '1987-12-18', birthPlace: 'Восточно-Казахстанская обл., г. Усть-Каменогорск', nationality: 'КАЗАХ',
  citizenship: 'KZ', lifeStatus: 1, exclusionCode: null, capacityCode: 1, hasPhoto: true, documents: [ID_CARD, PASSPORT],
};

/** The ID card's fields as the reader proposes them (upper case, as printed). */
const READ: Record<ConfirmableField, string> = {
  documentNumber: '280000025', iin: '871218425862', surname: 'ОСПАНОВА', givenName: 'АЙГЕРИМ', patronymic: 'СЕРИКОВНА',
  birthDate: '18.12.1987', birthPlace: 'ВОСТОЧНО-КАЗАХСТАНСКАЯ ОБЛ., Г. УСТЬ-КАМЕНОГОРСК', nationality: 'КАЗАХ',
  issuingAuthority: 'МВД РК', issueDate: '16.05.2021', expiryDate: '16.05.2031',
};

const AT = new Date('2026-01-15T09:00:00Z');

function match(opts: { confirmed?: ConfirmedFields; read?: Partial<Record<ConfirmableField, string>>; person?: PersonRecord; type?: DocumentType; at?: Date } = {}) {
  const read = { ...READ, ...opts.read };
  const input: RegisterMatchInput = {
    type: opts.type ?? 'id_card',
    recognised: CONFIRMABLE_FIELDS.map((name) => ({ name, value: read[name] })),
    confirmed: opts.confirmed ?? {},
    person: opts.person ?? PERSON,
    at: opts.at ?? AT,
  };
  return matchAgainstRegister(input);
}

const codes = (result: ReturnType<typeof match>) => result.reasons.map((r) => r.code);
const problems = (result: ReturnType<typeof match>) => result.reasons.map((r) => [r.code, r.field]);
const withDocuments = (...documents: IdentityDocumentRecord[]): PersonRecord => ({ ...PERSON, documents });

describe(matchAgainstRegister.name, () => {
  it('passes a valid ID card whose confirmed fields are the register record', () => {
    const result = match({ confirmed: READ });
    expect(result).toMatchObject({ passed: true, reasons: [], document: { found: true, state: 'valid', expired: false } });
    expect(result.fields.map((f) => f.name)).toEqual(CONFIRMABLE_FIELDS);
    expect(result.fields.every((f) => f.compared && f.equal && !f.corrected)).toBe(true);
    expect(result.fields.find((f) => f.name === 'birthDate')).toEqual({
      name: 'birthDate', recognised: '18.12.1987', confirmed: '18.12.1987', register: '18.12.1987', corrected: false, compared: true, equal: true,
    });
  });

  it('takes a field the applicant did not send as confirmed as recognised', () => {
    expect(match({ confirmed: {} }).passed).toBe(true);
  });

  it('finds the passport among the person\'s documents by type and number', () => {
    const result = match({ type: 'passport', read: { documentNumber: 'N40000004', issueDate: '16.02.2020', expiryDate: '16.02.2030' } });
    expect(result).toMatchObject({ passed: true, document: { found: true, state: 'valid' } });
  });

  describe('the document', () => {
    it('is not in the register when the person holds no document of that number', () => {
      const result = match({ read: { documentNumber: '280000026' } });
      expect(result.passed).toBe(false);
      expect(result.reasons).toEqual([{
        code: RegisterMismatchCode.DocumentNotInRegister,
        field: 'documentNumber',
        message: expect.objectContaining({ ru: expect.stringMatching(/^Документ с таким номером не найден/) }),
      }]);
      expect(result.document).toEqual({ found: false, state: null, expired: false });
      // The document's own fields have nothing to be compared with; they add no reason of their own.
      for (const name of ['issuingAuthority', 'issueDate', 'expiryDate'] as const) {
        expect(result.fields.find((f) => f.name === name)).toMatchObject({ register: null, compared: false, equal: false });
      }
    });

    it('is not in the register when the number is the person\'s but of the other document type', () => {
      expect(codes(match({ type: 'passport' }))).toEqual([RegisterMismatchCode.DocumentNotInRegister]);
    });

    it('is refused when the register lists it as lost', () => {
      const result = match({ person: withDocuments({ ...ID_CARD, state: 'lost' }) });
      expect(codes(result)).toEqual([RegisterMismatchCode.DocumentLost]);
      expect(result.reasons[0].message.ru).toBe('Документ числится в государственной базе данных как утерянный. Загрузите действующий документ.');
      expect(result.document).toEqual({ found: true, state: 'lost', expired: false });
    });

    it('is refused when a newer document has replaced it', () => {
      const newer: IdentityDocumentRecord = { ...ID_CARD, number: '280000029', issueDate: '2024-01-10', expiryDate: '2034-01-10' };
      const result = match({ person: withDocuments({ ...ID_CARD, state: 'replaced' }, newer) });
      expect(codes(result)).toEqual([RegisterMismatchCode.DocumentReplaced]);
      expect(result.reasons[0].message.ru).toMatch(/заменён новым/);
      expect(result.document.state).toBe('replaced');
    });

    it('is refused when the register marks it expired, even before its printed expiry date', () => {
      const result = match({ person: withDocuments({ ...ID_CARD, state: 'expired' }) });
      expect(result.reasons).toEqual([{ code: RegisterMismatchCode.DocumentExpired, field: 'expiryDate', message: expect.objectContaining({ ru: 'Срок действия документа истёк. Загрузите действующий документ.' }) }]);
      expect(result.document).toEqual({ found: true, state: 'expired', expired: true });
    });

    it('is refused when its expiry date has passed though the register still says valid', () => {
      const expired = { ...ID_CARD, issueDate: '2015-05-16', expiryDate: '2025-05-16' };
      const result = match({ person: withDocuments(expired), read: { issueDate: '16.05.2015', expiryDate: '16.05.2025' } });
      expect(codes(result)).toEqual([RegisterMismatchCode.DocumentExpired]);
      expect(result.document).toEqual({ found: true, state: 'valid', expired: true });
    });

    it('is valid through its expiry day and expired from the next day in Kazakhstan (UTC+5)', () => {
      const lastDay = { ...ID_CARD, expiryDate: '2026-01-15' };
      const read = { expiryDate: '15.01.2026' };
      expect(match({ person: withDocuments(lastDay), read, at: new Date('2026-01-15T18:59:59Z') }).passed).toBe(true);
      // 19:00 UTC is already midnight of the 16th in Astana.
      expect(codes(match({ person: withDocuments(lastDay), read, at: new Date('2026-01-15T19:00:00Z') }))).toEqual([RegisterMismatchCode.DocumentExpired]);
    });
  });

  describe('the fields', () => {
    it('refuses an IIN other than the register record\'s', () => {
      const result = match({ confirmed: { iin: '871218425870' } });
      expect(result.reasons).toEqual([{ code: RegisterMismatchCode.IinMismatch, field: 'iin', message: expect.objectContaining({ ru: 'ИИН в документе не совпадает с ИИН, указанным в заявке.' }) }]);
      expect(result.fields.find((f) => f.name === 'iin')).toMatchObject({ confirmed: '871218425870', register: '871218425862', corrected: true, equal: false });
    });

    it('names each field that differs, in form order, in words the applicant understands', () => {
      const result = match({ read: { surname: 'ОСПАНОВ', birthPlace: 'Г. АЛМАТЫ' } });
      expect(result.passed).toBe(false);
      expect(problems(result)).toEqual([[RegisterMismatchCode.FieldMismatch, 'surname'], [RegisterMismatchCode.FieldMismatch, 'birthPlace']]);
      expect(result.reasons[0].message.ru).toBe('Поле «Фамилия» не совпадает с данными государственной базы данных физических лиц.');
      expect(result.reasons[1].message.en).toBe('The Place of birth does not match the state register of individuals.');
    });

    it('matches a field the applicant corrected with the corrected value', () => {
      // OCR misread one letter; the applicant fixed it.
      const result = match({ read: { patronymic: 'СЕРИКОВИА' }, confirmed: { patronymic: 'СЕРИКОВНА' } });
      expect(result.passed).toBe(true);
      expect(result.fields.find((f) => f.name === 'patronymic')).toMatchObject({ recognised: 'СЕРИКОВИА', confirmed: 'СЕРИКОВНА', corrected: true, equal: true });
    });

    it('refuses a correction away from the register, saying the corrected value is the one that differs', () => {
      const result = match({ confirmed: { givenName: 'АЙГЕРІМ' } });
      expect(codes(result)).toEqual([RegisterMismatchCode.FieldMismatch]);
      expect(result.reasons[0].message.ru).toBe('Исправленное вами поле «Имя» не совпадает с данными государственной базы данных физических лиц.');
      expect(result.fields.find((f) => f.name === 'givenName')).toMatchObject({ corrected: true, equal: false });
    });

    it('uses a corrected document number to find the document', () => {
      const result = match({ read: { documentNumber: '280000026' }, confirmed: { documentNumber: '280000025' } });
      expect(result).toMatchObject({ passed: true, document: { found: true } });
    });

    it('refuses a document date that differs from the register\'s', () => {
      expect(problems(match({ confirmed: { issueDate: '17.05.2021' } }))).toEqual([[RegisterMismatchCode.FieldMismatch, 'issueDate']]);
    });

    it('does not compare an optional field left empty, but does a required one', () => {
      const optional = match({ confirmed: { nationality: '' } });
      expect(optional.passed).toBe(true);
      expect(optional.fields.find((f) => f.name === 'nationality')).toMatchObject({ compared: false, equal: false });
      expect(match({ confirmed: { birthPlace: '' } }).reasons.map((r) => r.field)).toEqual(['birthPlace']);
    });

    it('matches an empty patronymic with a register person who has none, and refuses one who has', () => {
      expect(match({ person: { ...PERSON, patronymic: null }, confirmed: { patronymic: '' } }).passed).toBe(true);
      expect(match({ confirmed: { patronymic: '' } }).reasons.map((r) => r.field)).toEqual(['patronymic']);
    });
  });

  describe('normalisation', () => {
    it.each<[ConfirmableField, string, Partial<PersonRecord>]>([
      ['surname', 'Оспанова', {}],
      ['surname', 'оспанова', {}],
      ['surname', '  ОСПАНОВА ', {}],
      ['givenName', 'ФЁДОР', { name: 'Федор' }],
      ['givenName', 'ФЕДОР', { name: 'Фёдор' }],
      ['surname', 'ПОТЁМКИНА', { surname: 'Потемкина' }],
      ['givenName', 'АННА МАРИЯ', { name: 'Анна-Мария' }],
      ['birthPlace', 'восточно казахстанская обл г усть-каменогорск', {}],
      ['birthPlace', 'Восточно-Казахстанская обл.,г.Усть-Каменогорск', {}],
      ['issuingAuthority', 'мвд  рк', {}],
      // Latin look-alikes typed into a Cyrillic word (wrong keyboard layout): Latin A, O, C.
      ['surname', 'OCПAНОВА', {}],
      // The zone writes the names in Latin.
      ['surname', 'OSPANOVA', {}],
      ['givenName', 'Aigerim', {}],
      ['givenName', 'MOLDIR', { name: 'Мөлдір', latin: { surname: 'OSPANOVA', name: 'MOLDIR' } }],
      ['birthDate', '18 12 1987', {}],
      ['birthDate', '1987-12-18', {}],
      ['iin', '8712 1842 5862', {}],
      ['nationality', 'казах', {}],
    ])('takes %s «%s» as the register\'s value', (field, confirmed, person) => {
      const result = match({ person: { ...PERSON, ...person }, confirmed: { [field]: confirmed } });
      expect(result.reasons).toEqual([]);
      expect(result.fields.find((f) => f.name === field)).toMatchObject({ equal: true });
    });

    it('matches a passport number typed in lower case or with spaces', () => {
      expect(match({ type: 'passport', read: { issueDate: '16.02.2020', expiryDate: '16.02.2030' }, confirmed: { documentNumber: 'n 4000 0004' } }).passed).toBe(true);
    });

    it.each<[ConfirmableField, string, Partial<PersonRecord>]>([
      // Kazakh letters are letters of the name, not spellings of Russian ones.
      ['givenName', 'МОЛДИР', { name: 'Мөлдір' }],
      ['givenName', 'ҚАЙРАТ', { name: 'Кайрат' }],
      // Й is not И, and a hyphen does not vanish.
      ['givenName', 'АИГЕРИМ', {}],
      ['birthPlace', 'ВОСТОЧНОКАЗАХСТАНСКАЯ ОБЛ., Г. УСТЬ-КАМЕНОГОРСК', {}],
      // Latin is compared with the register's Latin, not loosely.
      ['surname', 'OSPANOV', {}],
      ['birthDate', '19.12.1987', {}],
      ['birthDate', '31.02.1987', {}],
    ])('does not take %s «%s» as the register\'s value', (field, confirmed, person) => {
      expect(problems(match({ person: { ...PERSON, ...person }, confirmed: { [field]: confirmed } }))).toEqual([[RegisterMismatchCode.FieldMismatch, field]]);
    });
  });

  describe('on the register fixtures', () => {
    const people = JSON.parse(readFileSync(resolve(REGISTER_FIXTURES_DIR, 'people.json'), 'utf8')) as PersonRecord[];
    const expected = { lost: RegisterMismatchCode.DocumentLost, replaced: RegisterMismatchCode.DocumentReplaced, expired: RegisterMismatchCode.DocumentExpired, valid: null };

    it('refuses every lost, replaced and expired document and passes every valid one, read exactly', () => {
      const seen = new Set<string>();
      for (const person of people) {
        for (const document of person.documents) {
          const date = (iso: string) => iso.split('-').reverse().join('.');
          const read: Record<ConfirmableField, string> = {
            documentNumber: document.number, iin: person.iin, surname: person.surname.toUpperCase(), givenName: person.name.toUpperCase(),
            patronymic: (person.patronymic ?? '').toUpperCase(), birthDate: date(person.birthDate), birthPlace: person.birthPlace.toUpperCase(),
            nationality: person.nationality, issuingAuthority: document.issuingAuthority, issueDate: date(document.issueDate), expiryDate: date(document.expiryDate),
          };
          const result = match({ person, type: document.type, read });
          const want = expected[document.state];
          expect([person.iin, document.number, codes(result)]).toEqual([person.iin, document.number, want ? [want] : []]);
          seen.add(document.state);
        }
      }
      expect([...seen].sort()).toEqual(['expired', 'lost', 'replaced', 'valid']);
    });
  });
});
