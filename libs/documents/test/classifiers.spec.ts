import { sampleHolder } from '@app/documents';
import { issueFitsExpiry, wellFormed } from '../src/reader/assemble-fields';
import { normaliseField } from '../src/reader/field-ocr';
import { classifyPlace, classifyWord, NATIONALITIES } from '../src/validation/classifiers';
import { perfectRead } from './support/read-result';

describe('free-text fields checked against the classifiers', () => {
  it('corrects a nationality one letter from exactly one entry (Н read as М)', () => {
    expect(classifyWord('МЕМІС', NATIONALITIES)).toEqual({ kind: 'corrected', value: 'НЕМІС' });
    expect(normaliseField('nationality', 'МЕМІС', 'id_card')).toBe('НЕМІС');
  });

  it('leaves a misread as close to two entries as it was read, and not well-formed', () => {
    // КАЗАК: one letter from КАЗАХ (Russian form), two from ҚАЗАҚ (Kazakh form).
    expect(classifyWord('КАЗАК', NATIONALITIES)).toEqual({ kind: 'unknown', value: 'КАЗАК' });
    expect(wellFormed('nationality', 'КАЗАК', 'id_card')).toBe(false);
    expect(wellFormed('nationality', 'ҚАЗАҚ', 'id_card')).toBe(true);
    expect(wellFormed('nationality', 'КИТАЕЦ', 'id_card')).toBe(true);
  });

  it('takes only the two issuing authorities for the authority (another field read in its place is not one)', () => {
    expect(normaliseField('issuingAuthority', 'МВД. РК', 'id_card')).toBe('МВД РК');
    expect(wellFormed('issuingAuthority', 'МЮ РК', 'id_card')).toBe(true);
    expect(wellFormed('issuingAuthority', 'КӘРІС', 'id_card')).toBe(false);
  });

  it('corrects each word of a birthplace on its own, keeping punctuation and unknown words', () => {
    expect(classifyPlace('ТҮРКІСТАМ')).toBe('ТҮРКІСТАН');
    expect(classifyPlace('КАРАГАНДИНСКАЯ ОБЛ., Г. КАРАГАНДА')).toBe('КАРАГАНДИНСКАЯ ОБЛ., Г. КАРАГАНДА');
    expect(classifyPlace('ПАВЛОДАРСКАЯ ОБЛ., Г. ПАВЛОДАМ')).toBe('ПАВЛОДАРСКАЯ ОБЛ., Г. ПАВЛОДАР');
    expect(classifyPlace('ЖАНАОЗЕН')).toBe('ЖАНАОЗЕН');
    // Under four letters nothing is corrected (АКТАУ's short neighbours would be guesses).
    expect(classifyWord('ОРА', ['ОРАЛ'])).toEqual({ kind: 'unknown', value: 'ОРА' });
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
});
