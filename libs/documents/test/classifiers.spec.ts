import { sampleHolder } from '@app/documents';
import { assembleFields, issueFitsExpiry, wellFormed } from '../src/reader/assemble-fields';
import { normaliseField } from '../src/reader/field-ocr';
import { classifyPlace, classifyWord, NATIONALITIES, patronymicNearMiss } from '../src/validation/classifiers';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { perfectRead } from './support/read-result';

describe('free-text fields checked against the classifiers', () => {
  it('corrects a nationality one letter from exactly one entry (Н read as М)', () => {
    expect(classifyWord('МЕМІС', NATIONALITIES)).toEqual({ kind: 'corrected', value: 'НЕМІС' });
    expect(normaliseField('nationality', 'МЕМІС', 'id_card')).toBe('НЕМІС');
  });

  it('leaves a misread as close to two entries as it was read, and not well-formed', () => {
    // КАЗАК: one letter from КАЗАХ (Russian form), two from ҚАЗАҚ (Kazakh form).
    expect(classifyWord('КАЗАК', NATIONALITIES)).toMatchObject({ kind: 'ambiguous', value: 'КАЗАК' });
    expect(wellFormed('nationality', 'КАЗАК', 'id_card')).toBe(false);
    expect(wellFormed('nationality', 'ҚАЗАҚ', 'id_card')).toBe(true);
    expect(wellFormed('nationality', 'КИТАЕЦ', 'id_card')).toBe(true);
  });

  it('takes only the two issuing authorities for the authority (another field read in its place is not one)', () => {
    expect(normaliseField('issuingAuthority', 'МВД. РК', 'id_card')).toBe('МВД РК');
    expect(wellFormed('issuingAuthority', 'МЮ РК', 'id_card')).toBe(true);
    // A patronymic ends as every Russian or Kazakh one does; bench kz-id × hard #18 had МВАМОВМА accepted.
    for (const ok of ['ИВАНОВНА', 'СЕРГЕЕВИЧ', 'ИЛЬИНИЧНА', 'ҚАНАТҰЛЫ', 'ДАУРЕНҚЫЗЫ']) expect(wellFormed('patronymic', ok, 'id_card')).toBe(true);
    for (const bad of ['МВАМОВМА', 'АТЫ ИМЯ', 'ИВАНОВ']) expect(wellFormed('patronymic', bad, 'id_card')).toBe(false);
    expect(wellFormed('issuingAuthority', 'КӘРІС', 'id_card')).toBe(false);
  });

  it('does not take an authority or a nationality read in the birthplace\'s place for a birthplace', () => {
    expect(wellFormed('birthPlace', 'МВДРК', 'id_card')).toBe(false);
    expect(wellFormed('birthPlace', 'МЮ РК', 'id_card')).toBe(false);
    expect(wellFormed('birthPlace', 'ҚАЗАҚ', 'id_card')).toBe(false);
    expect(wellFormed('birthPlace', 'АТЫРАУ', 'id_card')).toBe(true);
    expect(wellFormed('birthPlace', 'ВОСТОЧНО-КАЗАХСТАНСКАЯ ОБЛ., Г. УСТЬ-КАМЕНОГОРСК', 'id_card')).toBe(true);
  });

  it('corrects each word of a birthplace on its own, keeping punctuation and unknown words', () => {
    expect(classifyPlace('ТҮРКІСТАМ')).toEqual({ value: 'ТҮРКІСТАН', doubtful: false });
    expect(classifyPlace('КАРАГАНДИНСКАЯ ОБЛ., Г. КАРАГАНДА')).toEqual({ value: 'КАРАГАНДИНСКАЯ ОБЛ., Г. КАРАГАНДА', doubtful: false });
    expect(classifyPlace('ПАВЛОДАРСКАЯ ОБЛ., Г. ПАВЛОДАМ')).toEqual({ value: 'ПАВЛОДАРСКАЯ ОБЛ., Г. ПАВЛОДАР', doubtful: false });
    // A place no list holds is kept, and not doubted: the lists cannot hold every village.
    expect(classifyPlace('ЖАНАОЗЕН')).toEqual({ value: 'ЖАНАОЗЕН', doubtful: false });
    // Under four letters nothing is corrected (АКТАУ's short neighbours would be guesses).
    expect(classifyWord('ОРА', ['ОРАЛ'])).toEqual({ kind: 'unknown', value: 'ОРА' });
  });
});

describe('patronymics against the fathers\' names', () => {
  it('doubts a patronymic a letter or two from a known one (Н read as М, Қ as К with a space)', () => {
    for (const misread of ['ИВАМОВНА', 'МИКОЛАЕВИЧ', 'ДАУРЕМҚЫЗЫ', 'ДАУРЕНКЫ ЗЫ', 'БОЛАТОВМА']) expect([misread, patronymicNearMiss(misread)]).toEqual([misread, true]);
  });

  it('takes every patronymic the generator and the register print, and a rare one far from the list', () => {
    const generated = Array.from({ length: 300 }, (_, i) => sampleHolder(i).patronymic).filter(Boolean);
    const people = JSON.parse(readFileSync(join(__dirname, '../../../fixtures/register/people.json'), 'utf8')) as { patronymic?: string }[];
    const register = people.map((p) => p.patronymic?.toUpperCase()).filter((p): p is string => !!p);
    expect(register.length).toBeGreaterThan(5);
    for (const p of [...new Set([...generated, ...register]), 'ДМИТРИЕВИЧ', 'ПАВЛОВНА', 'ИЛЬИНИЧНА', 'ТҰРСЫНБАЙҰЛЫ']) expect([p, patronymicNearMiss(p)]).toEqual([p, false]);
  });
});

describe('issue date against the zone-protected expiry', () => {
  it('fits ten years on, to the day or the day before', () => {
    expect(issueFitsExpiry('11.11.2025', { year: 2035, month: 11, day: 10 })).toBe(true);
    expect(issueFitsExpiry('11.11.2025', { year: 2035, month: 11, day: 11 })).toBe(true);
    expect(issueFitsExpiry('01.03.2020', { year: 2030, month: 2, day: 28 })).toBe(true);
  });

  it('does not fit a misread digit', () => {
    expect(issueFitsExpiry('16.12.2022', { year: 2031, month: 12, day: 15 })).toBe(false);
    expect(issueFitsExpiry('23.30.2019', { year: 2029, month: 10, day: 22 })).toBe(false);
  });

  it('marks a front issue date that does not fit the zone for the applicant', async () => {
    const holder = sampleHolder(31);
    const read = await perfectRead(holder);
    expect(read.fields.find((f) => f.name === 'issueDate')?.lowConfidence).toBe(false);
    const { year, month, day } = holder.issueDate;
    const misread = await perfectRead(holder, 'id_card', { front: { issueDate: { year: year + 1, month, day } } });
    expect(misread.fields.find((f) => f.name === 'issueDate')).toMatchObject({ lowConfidence: true });
  });

  it('checks it against the printed expiry when the zone cannot be trusted, and marks it when neither was read', async () => {
    // Bench (seed 7) classic × hard #18: the zone failed its check digits, and 23.02.2017 for 25.02.2017 was accepted.
    const holder = sampleHolder(31);
    const issue = (read: Awaited<ReturnType<typeof perfectRead>>) => read.fields.find((f) => f.name === 'issueDate');
    expect(issue(await perfectRead(holder, 'id_card', { noZone: true }))).toMatchObject({ lowConfidence: false });
    const { year, month, day } = holder.issueDate;
    const misread = await perfectRead(holder, 'id_card', { noZone: true, front: { issueDate: { year, month, day: day > 26 ? day - 2 : day + 2 } } });
    expect(issue(misread)).toMatchObject({ lowConfidence: true });
    const expiryUnread = await perfectRead(holder, 'id_card', { noZone: true });
    const withoutExpiry = assembleFields(expiryUnread.frontOcr.filter((r) => r.name !== 'expiryDate'), null, { type: 'id_card', lowConfidenceBelow: 0.8 });
    expect(withoutExpiry.find((f) => f.name === 'issueDate')).toMatchObject({ lowConfidence: true });
  });
});
