/**
 * Records of the state registers as their HTTP interfaces return them (the simulator serves exactly
 * these shapes; a production adapter maps the real service-bus answers onto them).
 */

/** «признак исключения ИИН» (seed 000, Appendix 2). */
export const IIN_EXCLUSION_CODES = {
  1: 'ИИН восстановлен',
  2: 'Выезд физического лица на постоянное место жительства и смена гражданства',
  3: 'Закрытие физическим лицом-нерезидентом текущего счёта в банке-резиденте',
  4: 'Прекращение прав физического лица-нерезидента на объекты налогообложения и объекты, связанные с налогообложением',
  5: 'Прекращение физическим лицом-нерезидентом предпринимательской деятельности в РК и выбытие из РК',
  6: 'Выезд физического лица-нерезидента из РК (условное исключение)',
  7: 'Вступление в силу решения суда о признании физического лица безвестно отсутствующим (условное исключение)',
  8: 'Вступление в силу решения суда об объявлении физического лица умершим',
  9: 'Смерть физического лица',
} as const;
export type IinExclusionCode = keyof typeof IIN_EXCLUSION_CODES;

/** Справочник «Дееспособность» (seed 000, Appendix 2). */
export const LEGAL_CAPACITY_CODES = {
  1: 'ДЕЕСПОСОБНЫЙ',
  2: 'ОГРАНИЧЕННО ДЕЕСПОСОБНЫЙ',
  3: 'НЕДЕЕСПОСОБНЫЙ',
  4: 'ФИЗИЧЕСКОЕ ЛИЦО ОСУЖДЕНО ПО СТАТЬЯМ 192, 216, 217 УК',
  5: 'ФИЗИЧЕСКОЕ ЛИЦО ИСКЛЮЧЕНО ИЗ СПИСКА ОСУЖДЕННЫХ ПО СТАТЬЯМ 192, 216, 217 УК',
} as const;
export type LegalCapacityCode = keyof typeof LEGAL_CAPACITY_CODES;

/** «жизненный статус»: 9 means «умер» / «қайтыс болған». */
export type LifeStatusCode = 1 | 9;

export type IdentityDocumentType = 'id_card' | 'passport';
export type IdentityDocumentState = 'valid' | 'lost' | 'expired' | 'replaced';

export interface IdentityDocumentRecord {
  type: IdentityDocumentType;
  number: string;
  issueDate: string; // YYYY-MM-DD
  expiryDate: string;
  issuingAuthority: 'МВД РК' | 'МЮ РК';
  state: IdentityDocumentState;
}

/** A person in the individuals register (ГБД ФЛ). */
export interface PersonRecord {
  iin: string;
  surname: string;
  name: string;
  patronymic: string | null;
  /** as the machine-readable zone writes the name */
  latin: { surname: string; name: string };
  sex: 'male' | 'female';
  birthDate: string;
  birthPlace: string;
  nationality: string;
  /** ISO 3166-1 alpha-2 */
  citizenship: string;
  lifeStatus: LifeStatusCode;
  exclusionCode: IinExclusionCode | null;
  capacityCode: LegalCapacityCode;
  documents: IdentityDocumentRecord[];
  /** whether the register holds a reference photo (fetched separately) */
  hasPhoto: boolean;
}

export type EmployeeRole = 'signing_right' | 'financial_signing_right' | 'hr' | 'employee';

/** A legal entity in the legal-entities register (ГБД ЮЛ). */
export interface LegalEntityRecord {
  bin: string;
  name: string;
  registrationNumber: string;
  state: 'active' | 'liquidated';
  firstHeadIin: string;
  actingHeadIin: string | null;
  employees: Array<{ iin: string; roles: EmployeeRole[] }>;
}
