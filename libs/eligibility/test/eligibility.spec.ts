import { legalEntityEligibility, NOT_CITIZEN_MESSAGE, personEligibility, populationDepartmentMessage, PROSECUTOR_RECORD_MESSAGE, registerRecordEligibility } from '@app/eligibility';
import type { LegalEntityRecord, PersonRecord } from '@app/registers';

const person = (overrides: Partial<PersonRecord> = {}): PersonRecord => ({
  iin: '880515300120',
  surname: 'Сейткали',
  name: 'Ерлан',
  patronymic: 'Маратович',
  latin: { surname: 'SEITKALI', name: 'ERLAN' },
  sex: 'male',
  birthDate: '1988-05-15',
  birthPlace: 'г. Алматы',
  nationality: 'КАЗАХ',
  citizenship: 'KZ',
  lifeStatus: 1,
  exclusionCode: null,
  capacityCode: 1,
  documents: [],
  hasPhoto: false,
  ...overrides,
});

describe(registerRecordEligibility.name, () => {
  it('applies seed 000 Appendix 2 and §III (the portal\'s rules): life status, exclusion codes, the prosecutor\'s record', () => {
    expect(registerRecordEligibility(person({ lifeStatus: 9 }))).toMatchObject({ eligible: false, reason: 'deceased', code: 9 });
    expect(registerRecordEligibility(person({ exclusionCode: 7 }))).toMatchObject({
      eligible: false,
      message: 'Невозможно создать учетную запись по введенному ИИН. За разъяснениями необходимо обратиться в отдел документирования населения в ЦОН (код: 7)',
    });
    expect(registerRecordEligibility(person({ capacityCode: 4 }))).toMatchObject({ eligible: false, reason: 'prosecutor_record' });
    expect(registerRecordEligibility(null)).toMatchObject({ eligible: false, reason: 'person_not_found' });
  });

  it('leaves citizenship and legal capacity to the remote-certificate rules', () => {
    expect(registerRecordEligibility(person({ citizenship: 'RU' }))).toEqual({ eligible: true });
    expect(registerRecordEligibility(person({ capacityCode: 3 }))).toEqual({ eligible: true });
    expect(personEligibility(person({ citizenship: 'RU' }))).toMatchObject({ eligible: false, reason: 'not_citizen' });
    expect(personEligibility(person({ capacityCode: 3 }))).toMatchObject({ eligible: false, reason: 'incapacitated' });
  });
});

describe(personEligibility.name, () => {
  it('admits a living, capable citizen with no exclusion', () => {
    expect(personEligibility(person())).toEqual({ eligible: true });
  });

  it('refuses the deceased (life status 9) with the seed message and (код:9)', () => {
    expect(personEligibility(person({ lifeStatus: 9 }))).toEqual({
      eligible: false,
      reason: 'deceased',
      code: 9,
      message: 'Невозможно создать учетную запись по введенному ИИН. За разъяснениями необходимо обратиться в отдел документирования населения в ЦОН (код:9)',
    });
  });

  it.each([1, 2, 3, 4, 5, 6, 7, 8] as const)('refuses IIN exclusion code %i with «… в ЦОН (код: %i)»', (code) => {
    const result = personEligibility(person({ exclusionCode: code }));
    expect(result).toEqual({ eligible: false, reason: 'iin_excluded', code, message: populationDepartmentMessage(code) });
    expect(result.eligible === false && result.message.endsWith(`(код: ${code})`)).toBe(true);
  });

  it('treats exclusion code 9 (death) as deceased even before the life status changes', () => {
    expect(personEligibility(person({ exclusionCode: 9 }))).toMatchObject({ reason: 'deceased', code: 9 });
  });

  it('refuses the incapacitated (capacity code 3)', () => {
    expect(personEligibility(person({ capacityCode: 3 }))).toMatchObject({ eligible: false, reason: 'incapacitated', code: 3 });
  });

  it('refuses a person on the General Prosecutor record (capacity code 4) with the seed §III message', () => {
    expect(personEligibility(person({ capacityCode: 4 }))).toEqual({ eligible: false, reason: 'prosecutor_record', code: 4, message: PROSECUTOR_RECORD_MESSAGE });
  });

  it.each([2, 5] as const)('admits capacity code %i (limited / removed from the convicted list)', (capacityCode) => {
    expect(personEligibility(person({ capacityCode }))).toEqual({ eligible: true });
  });

  it('refuses a non-citizen: remote issuance needs citizenship (seed 002)', () => {
    expect(personEligibility(person({ citizenship: 'RU' }))).toEqual({ eligible: false, reason: 'not_citizen', message: NOT_CITIZEN_MESSAGE });
  });

  it('refuses an IIN the register does not know', () => {
    expect(personEligibility(null)).toMatchObject({ eligible: false, reason: 'person_not_found' });
  });

  it('checks death before exclusion and exclusion before capacity', () => {
    expect(personEligibility(person({ lifeStatus: 9, exclusionCode: 2, capacityCode: 3 }))).toMatchObject({ reason: 'deceased' });
    expect(personEligibility(person({ exclusionCode: 2, capacityCode: 3 }))).toMatchObject({ reason: 'iin_excluded', code: 2 });
  });
});

describe(legalEntityEligibility.name, () => {
  const entity = (overrides: Partial<LegalEntityRecord> = {}): LegalEntityRecord => ({
    bin: '070340001239',
    name: 'ТОО «Сарыарка Инжиниринг»',
    registrationNumber: '12345-1901-ТОО',
    state: 'active',
    firstHeadIin: '950408300015',
    actingHeadIin: '900101400559',
    employees: [
      { iin: '880515300120', roles: ['employee'] },
      { iin: '081101653214', roles: ['signing_right'] },
      { iin: '550125455275', roles: ['financial_signing_right'] },
    ],
    ...overrides,
  });

  it('refuses an unknown BIN and a liquidated legal entity', () => {
    expect(legalEntityEligibility(null, '880515300120', 'legal_entity_employee')).toMatchObject({ reason: 'legal_entity_not_found' });
    expect(legalEntityEligibility(entity({ state: 'liquidated' }), '880515300120', 'legal_entity_employee')).toMatchObject({ reason: 'legal_entity_liquidated' });
  });

  it('refuses an IIN that is neither head nor employee of the BIN', () => {
    expect(legalEntityEligibility(entity(), '011111500011', 'legal_entity_employee')).toMatchObject({ reason: 'not_in_legal_entity' });
  });

  it('lets only the first or acting head use the first-head template', () => {
    expect(legalEntityEligibility(entity(), '950408300015', 'legal_entity_first_head')).toEqual({ eligible: true });
    expect(legalEntityEligibility(entity(), '900101400559', 'legal_entity_first_head')).toEqual({ eligible: true });
    expect(legalEntityEligibility(entity(), '880515300120', 'legal_entity_first_head')).toMatchObject({ reason: 'template_not_allowed' });
  });

  it('needs a signing right for the signer template, and a (financial) signing right for Treasury-Client', () => {
    expect(legalEntityEligibility(entity(), '081101653214', 'legal_entity_signer')).toEqual({ eligible: true });
    expect(legalEntityEligibility(entity(), '880515300120', 'legal_entity_signer')).toMatchObject({ reason: 'template_not_allowed' });
    expect(legalEntityEligibility(entity(), '550125455275', 'treasury_client')).toEqual({ eligible: true });
    expect(legalEntityEligibility(entity(), '880515300120', 'treasury_client')).toMatchObject({ reason: 'template_not_allowed' });
  });

  it('admits any employee with the employee template', () => {
    expect(legalEntityEligibility(entity(), '880515300120', 'legal_entity_employee')).toEqual({ eligible: true });
  });
});
