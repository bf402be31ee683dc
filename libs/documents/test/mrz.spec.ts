import { composeTd1, composeTd3, mrzCheckDigit, parseMrz, repairMrzLines, sampleHolder } from '@app/documents';
import { combineZoneReadings } from '../src/validation/zone-vote';
import { otherDigit, TODAY, withChar } from './support/read-result';

// ICAO Doc 9303 Part 5 and Part 4 specimens.
const ICAO_TD1 = ['I<UTOD231458907<<<<<<<<<<<<<<<', '7408122F1204159UTO<<<<<<<<<<<6', 'ERIKSSON<<ANNA<MARIA<<<<<<<<<<'];
const ICAO_TD3 = ['P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<', 'L898902C36UTO7408122F1204159ZE184226B<<<<<10'];

describe(mrzCheckDigit.name, () => {
  it('computes the 7-3-1 check digit of the ICAO specimen fields', () => {
    expect(mrzCheckDigit('D23145890')).toBe('7');
    expect(mrzCheckDigit('740812')).toBe('2');
    expect(mrzCheckDigit('120415')).toBe('9');
    expect(mrzCheckDigit('L898902C3')).toBe('6');
  });

  it('refuses characters outside the zone alphabet', () => {
    expect(() => mrzCheckDigit('AB-1')).toThrow(RangeError);
  });
});

describe(parseMrz.name, () => {
  it('accepts the ICAO TD1 specimen with every check digit passing', () => {
    const zone = parseMrz(ICAO_TD1, TODAY);
    expect(zone.valid).toBe(true);
    expect(zone.checks.map((c) => [c.field, c.valid])).toEqual([['documentNumber', true], ['birthDate', true], ['expiryDate', true], ['composite', true]]);
    expect(zone).toMatchObject({ format: 'TD1', documentNumber: 'D23145890', surname: 'ERIKSSON', givenNames: 'ANNA MARIA', sex: 'F', birthDate: { year: 1974, month: 8, day: 12 } });
  });

  it('accepts the ICAO TD3 specimen, including the personal-number check', () => {
    const zone = parseMrz(ICAO_TD3, TODAY);
    expect(zone.valid).toBe(true);
    expect(zone.checks.map((c) => c.field)).toEqual(['documentNumber', 'birthDate', 'expiryDate', 'personalNumber', 'composite']);
    expect(zone.personalNumber).toBe('ZE184226B');
  });

  it('rejects lines of the wrong shape', () => {
    expect(() => parseMrz(['IDKAZ', 'X'], TODAY)).toThrow(/expected 3 lines of 30 or 2 lines of 44/);
  });

  it('round-trips a Kazakhstan ID card zone, with the IIN in optional data 1', () => {
    const holder = sampleHolder(11);
    const lines = composeTd1(holder);
    expect(lines.map((l) => l.length)).toEqual([30, 30, 30]);
    const zone = parseMrz(lines, TODAY);
    expect(zone.valid).toBe(true);
    expect(zone).toMatchObject({ documentCode: 'ID', issuingState: 'KAZ', nationality: 'KAZ', documentNumber: holder.documentNumber, personalNumber: holder.iin, sex: holder.sex, surname: holder.latinSurname });
  });

  it('round-trips a Kazakhstan passport zone, with the IIN as personal number', () => {
    const holder = sampleHolder(12, { type: 'passport' });
    const zone = parseMrz(composeTd3(holder), TODAY);
    expect(zone.valid).toBe(true);
    expect(zone).toMatchObject({ documentCode: 'P', documentNumber: holder.documentNumber, personalNumber: holder.iin });
  });

  it('refuses what no check digit covers: letters after the name fillers, a first character its format does not allow', () => {
    const td3 = composeTd3(sampleHolder(15, { type: 'passport' }));
    const name = td3[0].slice(5).replace(/<+$/, '');
    // OCR-B's < read as K in the name's tail (bench, phone photo of a passport).
    const strayK = [`P<KAZ${name}<<<K<<K`.padEnd(44, '<'), td3[1]];
    expect(parseMrz(strayK, TODAY)).toMatchObject({ valid: false, implausible: ["letters after the name field's fillers"] });
    const td1 = composeTd1(sampleHolder(16));
    expect(parseMrz(withChar(td1, 0, 0, 'T'), TODAY)).toMatchObject({ valid: false, implausible: ['document code TD is not a TD1 code'] });
    expect(parseMrz(td1, TODAY).implausible).toEqual([]);
  });

  it('refuses a Kazakhstan zone whose number is not the pattern its documents are numbered by, check digits passing', () => {
    const passport = sampleHolder(17, { type: 'passport' });
    // Bench, hard photo: N116593585 read as Q116593885, its check digit passing by chance.
    const q = composeTd3({ ...passport, documentNumber: `Q${passport.documentNumber.slice(1)}` });
    expect(parseMrz(q, TODAY)).toMatchObject({ valid: false, implausible: [`document number Q${passport.documentNumber.slice(1)} is not a Kazakhstan passport number`] });
    const card = sampleHolder(18);
    expect(parseMrz(composeTd1({ ...card, documentNumber: `A${card.documentNumber.slice(1)}` }), TODAY).valid).toBe(false);
    expect(parseMrz(composeTd3(passport), TODAY).valid).toBe(true);
  });

  describe('reports each check-digit failure on its own', () => {
    const td1 = composeTd1(sampleHolder(13));
    const td3 = composeTd3(sampleHolder(14, { type: 'passport' }));
    const failing = (lines: string[]) => parseMrz(lines, TODAY).checks.filter((c) => !c.valid).map((c) => c.field);

    it('TD1 document number', () => {
      expect(failing(withChar(td1, 0, 14, otherDigit(td1, 0, 14)))).toEqual(['documentNumber', 'composite']);
    });
    it('TD1 birth date', () => {
      expect(failing(withChar(td1, 1, 6, otherDigit(td1, 1, 6)))).toEqual(['birthDate', 'composite']);
    });
    it('TD1 expiry date', () => {
      expect(failing(withChar(td1, 1, 14, otherDigit(td1, 1, 14)))).toEqual(['expiryDate', 'composite']);
    });
    it('TD1 composite (an altered IIN in optional data is caught only there)', () => {
      expect(failing(withChar(td1, 0, 20, otherDigit(td1, 0, 20)))).toEqual(['composite']);
      expect(failing(withChar(td1, 1, 29, otherDigit(td1, 1, 29)))).toEqual(['composite']);
    });
    it('TD1 altered birth date itself (check digit left alone)', () => {
      expect(failing(withChar(td1, 1, 5, otherDigit(td1, 1, 5)))).toEqual(['birthDate', 'composite']);
    });
    it('TD3 document number, birth, expiry, personal number and composite', () => {
      expect(failing(withChar(td3, 1, 9, otherDigit(td3, 1, 9)))).toEqual(['documentNumber', 'composite']);
      expect(failing(withChar(td3, 1, 19, otherDigit(td3, 1, 19)))).toEqual(['birthDate', 'composite']);
      expect(failing(withChar(td3, 1, 27, otherDigit(td3, 1, 27)))).toEqual(['expiryDate', 'composite']);
      expect(failing(withChar(td3, 1, 42, otherDigit(td3, 1, 42)))).toEqual(['personalNumber', 'composite']);
      expect(failing(withChar(td3, 1, 43, otherDigit(td3, 1, 43)))).toEqual(['composite']);
    });
    it('marks the zone invalid for an impossible date even when its check digit fits', () => {
      const bad = withChar(withChar(td1, 1, 2, '1'), 1, 3, '3');
      const lines = withChar(bad, 1, 6, mrzCheckDigit(bad[1].slice(0, 6)));
      const fixed = withChar(lines, 1, 29, mrzCheckDigit(lines[0].slice(5, 30) + lines[1].slice(0, 7) + lines[1].slice(8, 15) + lines[1].slice(18, 29)));
      const zone = parseMrz(fixed, TODAY);
      expect(zone.checks.every((c) => c.valid)).toBe(true);
      expect(zone.birthDate).toBeNull();
      expect(zone.valid).toBe(false);
    });
  });
});

describe(repairMrzLines.name, () => {
  const holder = sampleHolder(15);
  const clean = composeTd1(holder);

  it('undoes OCR look-alikes by position and restores dropped fillers', () => {
    const noisy = [clean[0].replace(/^IDKAZ0/, 'IDKAZO').replace('<<<', '<<'), clean[1].replace('KAZ', 'KAL').replace('<<<<<<<<<<<', '<<<<<<<<<<<<'), clean[2]].join('\n');
    expect(repairMrzLines(`noise line\n${noisy}\n`, 'TD1')).toEqual(clean);
  });

  it('returns null when the text has too few zone-like lines', () => {
    expect(repairMrzLines('ҚАЗАҚСТАН\nIDKAZ', 'TD1')).toBeNull();
  });
});

describe(combineZoneReadings.name, () => {
  it('picks the candidate lines whose check digits pass and votes the name', () => {
    const holder = sampleHolder(16);
    const clean = composeTd1(holder);
    const a = [withChar(clean, 0, 7, otherDigit(clean, 0, 7))[0], clean[1], withChar(clean, 2, 1, 'T')[2]];
    const b = [clean[0], withChar(clean, 1, 3, otherDigit(clean, 1, 3))[1], clean[2]];
    const c = [clean[0], clean[1], clean[2]];
    const zone = combineZoneReadings([a.join('\n'), b.join('\n'), c.join('\n')], 'TD1', TODAY);
    expect(zone?.valid).toBe(true);
    expect(zone?.lines).toEqual(clean);
  });
});
