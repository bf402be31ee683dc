import { controlDigit, INVALID_IIN_MESSAGE, isValidBin, isValidIin, maskPersonalNumbers, parseBin, parseIin } from '@app/identity';

describe(parseIin.name, () => {
  it('accepts the IIN quoted in the seed (081101653214)', () => {
    expect(parseIin('081101653214')).toEqual({ valid: true, facts: { birthDate: '2008-11-01', sex: 'female' } });
  });

  it.each(['880515300120', '900101400559', '950408300015'])('accepts the seeded applicant %s', (iin) => {
    expect(isValidIin(iin)).toBe(true);
  });

  it('reads the century and sex from the seventh digit', () => {
    expect(parseIin('880515300120')).toEqual({ valid: true, facts: { birthDate: '1988-05-15', sex: 'male' } });
  });

  it('falls back to weights 3..11,1,2 when the first sum gives 10', () => {
    // 8+16+0+20+5+30+21+0+0 + 2·10 + 0·11 = 120 ≡ 10 (mod 11): the first weighting fails.
    const prefix = '88051530020';
    const primary = [...prefix].reduce((s, d, i) => s + Number(d) * (i + 1), 0) % 11;
    expect(primary).toBe(10);
    const fallback = [...prefix].reduce((s, d, i) => s + Number(d) * [3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2][i], 0) % 11;
    expect(controlDigit(prefix)).toBe(fallback);
    expect(isValidIin(`${prefix}${fallback}`)).toBe(true);
  });

  it('rejects a number whose both sums give 10: no valid control digit exists', () => {
    // Search the space under a fixed date for a prefix where both weightings give 10.
    let impossible: string | undefined;
    for (let n = 0; n < 10000 && !impossible; n++) {
      const prefix = `8805153${String(n).padStart(4, '0')}`;
      if (controlDigit(prefix) === null) impossible = prefix;
    }
    expect(impossible).toBeDefined();
    for (let d = 0; d <= 9; d++) expect(isValidIin(`${impossible}${d}`)).toBe(false);
  });

  it.each([
    ['too short', '88051530012', 'format'],
    ['too long', '8805153001200', 'format'],
    ['letters', '88051530012O', 'format'],
    ['spaces', '880515 00120', 'format'],
    ['century digit 0', '880515000120', 'century_sex_digit'],
    ['century digit 7', '880515700120', 'century_sex_digit'],
    ['month 13', '881315300120', 'birth_date'],
    ['30 February', '880230300120', 'birth_date'],
    ['29 February of a non-leap year', '890229300120', 'birth_date'],
    ['wrong control digit', '880515300121', 'control_digit'],
  ])('rejects %s', (_label, iin, problem) => {
    expect(parseIin(iin)).toEqual({ valid: false, problem });
  });

  it('names the seed message for an invalid IIN', () => {
    expect(INVALID_IIN_MESSAGE).toBe('неверный ИИН');
  });
});

describe(parseBin.name, () => {
  it('accepts the seeded legal entity 070340001239', () => {
    expect(parseBin('070340001239')).toEqual({ valid: true, facts: { registeredYearMonth: '07-03', entityType: 'resident', attribute: 0 } });
  });

  it.each([
    ['an IIN-shaped number (type digit 3)', '880515300120'],
    ['a wrong control digit', '070340001238'],
    ['attribute 7', '070347001239'],
    ['month 00', '070040001239'],
    ['letters', '07034000123A'],
  ])('rejects %s', (_label, bin) => {
    expect(isValidBin(bin)).toBe(false);
  });
});

describe(maskPersonalNumbers.name, () => {
  it('masks IINs and phone numbers anywhere in a line', () => {
    const line = '{"msg":"otp sent","iin":"880515300120","to":"+77011234567","url":"/x/880515300120"}';
    const masked = maskPersonalNumbers(line);
    expect(masked).not.toContain('880515300120');
    expect(masked).not.toContain('77011234567');
    expect(masked).toContain('8805******20');
    expect(masked).toContain('+7701*****67');
  });
});
