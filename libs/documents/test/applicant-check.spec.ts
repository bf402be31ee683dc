import { holderForIin, sampleHolder, validateAgainstApplicant } from '@app/documents';
import { otherDigit, perfectRead, withChar } from './support/read-result';
import { composeTd1 } from '../src/validation/mrz-compose';

describe(validateAgainstApplicant.name, () => {
  const holder = sampleHolder(21);

  it('matches a consistent document of the applicant', async () => {
    const check = validateAgainstApplicant(await perfectRead(holder), { iin: holder.iin });
    expect(check).toMatchObject({ outcome: 'match', documentIin: holder.iin, reasons: [], failedChecks: [], expired: false, lowConfidenceFields: [] });
  });

  it('says other_person for a document carrying another IIN', async () => {
    const someoneElse = sampleHolder(22);
    const check = validateAgainstApplicant(await perfectRead(someoneElse), { iin: holder.iin });
    expect(check.outcome).toBe('other_person');
    expect(check.documentIin).toBe(someoneElse.iin);
    expect(check.reasons[0]).toContain(someoneElse.iin);
  });

  it('says inconsistent when the zone birth date disagrees with the IIN', async () => {
    const altered = { ...holder, birthDate: { ...holder.birthDate, day: holder.birthDate.day === 1 ? 2 : 1 } };
    const result = await perfectRead(holder, 'id_card', { zoneLines: composeTd1(altered), front: { birthDate: altered.birthDate } });
    const check = validateAgainstApplicant(result, { iin: holder.iin });
    expect(check.outcome).toBe('inconsistent');
    expect(check.failedChecks).toContain('iin_birth_date_vs_zone');
  });

  it('says inconsistent when the zone carries an IIN failing its control digit, though every check digit passes', async () => {
    const badIin = holder.iin.slice(0, 11) + String((Number(holder.iin[11]) + 1) % 10);
    const result = await perfectRead(holder, 'id_card', { zoneLines: composeTd1({ ...holder, iin: badIin }) });
    expect(result.mrz?.parsed.checks.every((c) => c.valid)).toBe(true);
    const check = validateAgainstApplicant(result, { iin: holder.iin });
    expect(check.outcome).toBe('inconsistent');
    expect(check.reasons).toContain(`machine-readable zone: IIN ${badIin} fails its control digit`);
  });

  it('says inconsistent when the zone sex disagrees with the IIN sex digit', async () => {
    const altered = { ...holder, sex: holder.sex === 'M' ? ('F' as const) : ('M' as const) };
    const check = validateAgainstApplicant(await perfectRead(holder, 'id_card', { zoneLines: composeTd1(altered) }), { iin: holder.iin });
    expect(check.outcome).toBe('inconsistent');
    expect(check.failedChecks).toEqual(['iin_sex_vs_zone']);
  });

  it('says inconsistent when the front and the zone show different document numbers', async () => {
    const check = validateAgainstApplicant(await perfectRead(holder, 'id_card', { front: { documentNumber: '012345678' } }), { iin: holder.iin });
    expect(check.outcome).toBe('inconsistent');
    expect(check.failedChecks).toContain('document_number_front_vs_zone');
  });

  it('says inconsistent when the printed name does not transliterate to the zone name', async () => {
    const check = validateAgainstApplicant(await perfectRead(holder, 'id_card', { front: { givenName: 'ЕРБОЛ' } }), { iin: holder.iin });
    expect(check.outcome).toBe('inconsistent');
    expect(check.failedChecks).toContain('given_name_transliteration');
  });

  it.each([
    ['document number', 0, 14],
    ['birth date', 1, 6],
    ['expiry date', 1, 14],
    ['composite', 1, 29],
  ])('says inconsistent and names the failing %s check digit', async (_name, line, at) => {
    const lines = composeTd1(holder);
    const check = validateAgainstApplicant(await perfectRead(holder, 'id_card', { zoneLines: withChar(lines, line, at, otherDigit(lines, line, at)) }), { iin: holder.iin });
    expect(check.outcome).toBe('inconsistent');
    expect(check.reasons.join('\n')).toMatch(/check digit is \d, computed \d/);
  });

  it('flags an expired document without calling it inconsistent', async () => {
    const old = { ...holder, expiryDate: { year: 2020, month: 5, day: 4 } };
    const check = validateAgainstApplicant(await perfectRead(old), { iin: holder.iin });
    expect(check).toMatchObject({ outcome: 'match', expired: true });
  });

  it('cannot confirm an ID card whose back was not read', async () => {
    const check = validateAgainstApplicant(await perfectRead(holder, 'id_card', { noZone: true }), { iin: holder.iin });
    expect(check.outcome).toBe('inconsistent');
    expect(check.reasons).toContain('the back of the ID card was not read, so nothing could be cross-checked');
  });

  it('matches a passport through its TD3 personal number', async () => {
    const p = holderForIin(holder.iin, { type: 'passport' });
    const check = validateAgainstApplicant(await perfectRead(p, 'passport'), { iin: holder.iin });
    expect(check.outcome).toBe('match');
  });
});
