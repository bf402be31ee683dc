import { DOCUMENT_FORM_FIELDS, type DocumentFormField } from '@app/contracts';

/** The two identity documents the onboarding flow accepts (seed 002 step 14: «Удостоверение», «Паспорт»). */
export type DocumentType = 'id_card' | 'passport';

export type Sex = 'M' | 'F';

/** A calendar date without time zone, as printed on documents. */
export interface CalendarDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

/** Issuing authorities printed on Kazakhstan identity documents. */
export type IssuingAuthority = 'МВД РК' | 'МЮ РК';

/** Everything a document shows about its holder; the generator draws one, the reader recovers one. */
export interface DocumentHolder {
  /** Cyrillic, upper case, as printed (e.g. «ӘБІЛҚАСЫМОВ»). */
  readonly surname: string;
  readonly givenName: string;
  /** Empty string when the holder has none. */
  readonly patronymic: string;
  /** Latin spelling used in the machine-readable zone; normally `transliterateToMrz` of the Cyrillic. */
  readonly latinSurname: string;
  readonly latinGivenName: string;
  readonly sex: Sex;
  readonly birthDate: CalendarDate;
  readonly birthPlace: string;
  readonly nationality: string;
  readonly iin: string;
  readonly documentNumber: string;
  readonly issueDate: CalendarDate;
  readonly expiryDate: CalendarDate;
  readonly issuingAuthority: IssuingAuthority;
  /** Absolute path of a portrait photo (JPEG/PNG). */
  readonly portraitPath: string;
}

/** The fields the applicant confirms or corrects (seed 002 step 17), in that order: the form the API and the workflow share. */
export const CONFIRMABLE_FIELDS = DOCUMENT_FORM_FIELDS;
export type ConfirmableField = DocumentFormField;

/** Russian labels of the confirmation form, verbatim from seed 002 step 17. */
export const FIELD_LABELS: Readonly<Record<ConfirmableField, string>> = {
  documentNumber: 'Номер документа',
  iin: 'ИИН',
  surname: 'Фамилия',
  givenName: 'Имя',
  patronymic: 'Отчество',
  birthDate: 'Дата рождения',
  birthPlace: 'Место рождения',
  nationality: 'Национальность',
  issuingAuthority: 'Орган выдачи',
  issueDate: 'Дата выдачи',
  expiryDate: 'Срок действия',
};

/** Fields marked with «*» on the confirmation form. */
export const REQUIRED_FIELDS: ReadonlySet<ConfirmableField> = new Set([
  'documentNumber', 'iin', 'surname', 'givenName', 'patronymic', 'birthDate', 'birthPlace', 'expiryDate',
]);

/** One recognised field as shown to the applicant for confirmation. */
export interface RecognisedField {
  readonly name: ConfirmableField;
  readonly label: string;
  /** Normalised value (dates as DD.MM.YYYY); empty when nothing was read. */
  readonly value: string;
  /** 0..1; OCR confidence, raised when the value agrees with the machine-readable zone. */
  readonly confidence: number;
  /** True when the applicant should look at this field twice. */
  readonly lowConfidence: boolean;
  /** Where the value came from. */
  readonly source: 'front' | 'mrz' | 'front+mrz' | 'none';
  readonly required: boolean;
}
