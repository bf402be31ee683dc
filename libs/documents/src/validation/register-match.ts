import type { IdentityDocumentRecord, IdentityDocumentState, PersonRecord } from '@app/registers';
import { compareDates, formatDate, parseIsoDate } from '../dates';
import { CONFIRMABLE_FIELDS, FIELD_LABELS, REQUIRED_FIELDS, type CalendarDate, type ConfirmableField, type DocumentType, type RecognisedField } from '../types';
import { isLatinText, normaliseDate, normaliseDigits, normaliseDocumentNumber, normaliseText } from './field-normalisation';
import { transliterateToMrz } from './transliteration';

/** Why a confirmed document does not match the state register (seed 002 step 18). */
export enum RegisterMismatchCode {
  /** The person holds no document of this type and number. */
  DocumentNotInRegister = 'document_not_in_register',
  DocumentLost = 'document_lost',
  /** A newer document of the person has replaced this one. */
  DocumentReplaced = 'document_replaced',
  /** The register marks it expired, or its expiry date has passed. */
  DocumentExpired = 'document_expired',
  /** The confirmed IIN is not the IIN of the register record (the application's). */
  IinMismatch = 'iin_mismatch',
  /** A confirmed field differs from the register after normalisation. */
  FieldMismatch = 'field_mismatch',
}

export interface RegisterMismatch {
  readonly code: RegisterMismatchCode;
  /** The field concerned: `iin`, `documentNumber` (not in register, lost, replaced), `expiryDate` (expired), or the mismatching field. */
  readonly field: ConfirmableField;
  /** What to tell the applicant. */
  readonly message: { readonly ru: string; readonly en: string };
}

/** One field of the confirmation form next to the register's value, for the decision and the moderator. */
export interface RegisterFieldMatch {
  readonly name: ConfirmableField;
  /** As OCR proposed it; null when the reading did not carry the field. */
  readonly recognised: string | null;
  /** As the applicant confirmed it (the recognised value when they did not send the field). */
  readonly confirmed: string;
  /** As the register holds it, dates DD.MM.YYYY; null for the document's fields when the document is not found. */
  readonly register: string | null;
  /** The applicant changed the recognised value; the match uses what they confirmed. */
  readonly corrected: boolean;
  /**
   * False when there is nothing to compare: an optional field left empty (a card may print no
   * nationality) or a document field of a document the register does not hold.
   */
  readonly compared: boolean;
  /** Compared and equal after normalisation. */
  readonly equal: boolean;
}

export interface RegisterDocumentMatch {
  /** The person holds a document of this type and number. */
  readonly found: boolean;
  readonly state: IdentityDocumentState | null;
  /** Marked expired, or past its expiry date on the day of the match. */
  readonly expired: boolean;
}

export interface RegisterMatch {
  readonly passed: boolean;
  /** Empty when passed; otherwise in order: IIN, document, fields in form order. */
  readonly reasons: readonly RegisterMismatch[];
  /** Every field of the form, in form order. */
  readonly fields: readonly RegisterFieldMatch[];
  readonly document: RegisterDocumentMatch;
}

/** Values the applicant confirmed, by field; a field left out counts as confirmed as recognised. */
export type ConfirmedFields = Readonly<Partial<Record<ConfirmableField, string>>>;

export interface RegisterMatchInput {
  /** The document type the applicant chose and the reader read. */
  readonly type: DocumentType;
  /** The fields as OCR proposed them (`IdentityDocumentReading.fields`). */
  readonly recognised: readonly Pick<RecognisedField, 'name' | 'value'>[];
  readonly confirmed: ConfirmedFields;
  /** The ГБД ФЛ record of the application's IIN. */
  readonly person: PersonRecord;
  /** The moment of the match; the document must not have expired on this day in Kazakhstan (UTC+5). */
  readonly at: Date;
}

const FIELD_LABELS_EN: Readonly<Record<ConfirmableField, string>> = {
  documentNumber: 'Document number',
  iin: 'IIN',
  surname: 'Surname',
  givenName: 'Name',
  patronymic: 'Patronymic',
  birthDate: 'Date of birth',
  birthPlace: 'Place of birth',
  nationality: 'Nationality',
  issuingAuthority: 'Issuing authority',
  issueDate: 'Date of issue',
  expiryDate: 'Date of expiry',
};

const DOCUMENT_MESSAGES = {
  [RegisterMismatchCode.DocumentNotInRegister]: {
    ru: 'Документ с таким номером не найден среди ваших документов в государственной базе данных физических лиц. Проверьте номер документа или загрузите другой документ.',
    en: 'No document with this number is registered to you in the state register of individuals. Check the document number or upload another document.',
  },
  [RegisterMismatchCode.DocumentLost]: {
    ru: 'Документ числится в государственной базе данных как утерянный. Загрузите действующий документ.',
    en: 'The state register lists this document as lost. Upload a valid document.',
  },
  [RegisterMismatchCode.DocumentReplaced]: {
    ru: 'Документ заменён новым и больше не действует. Загрузите действующий документ.',
    en: 'This document has been replaced by a new one and is no longer valid. Upload your current document.',
  },
  [RegisterMismatchCode.DocumentExpired]: {
    ru: 'Срок действия документа истёк. Загрузите действующий документ.',
    en: 'The document has expired. Upload a valid document.',
  },
  [RegisterMismatchCode.IinMismatch]: {
    ru: 'ИИН в документе не совпадает с ИИН, указанным в заявке.',
    en: 'The IIN on the document is not the IIN of the application.',
  },
} as const;

function fieldMismatch(field: ConfirmableField, corrected: boolean): RegisterMismatch {
  const ru = FIELD_LABELS[field];
  const en = FIELD_LABELS_EN[field];
  return {
    code: RegisterMismatchCode.FieldMismatch,
    field,
    message: corrected
      ? { ru: `Исправленное вами поле «${ru}» не совпадает с данными государственной базы данных физических лиц.`, en: `The ${en} you corrected does not match the state register of individuals.` }
      : { ru: `Поле «${ru}» не совпадает с данными государственной базы данных физических лиц.`, en: `The ${en} does not match the state register of individuals.` },
  };
}

const documentReason = (code: keyof typeof DOCUMENT_MESSAGES, field: ConfirmableField): RegisterMismatch => ({ code, field, message: DOCUMENT_MESSAGES[code] });

/** Kazakhstan keeps one time zone, UTC+5, since 1 March 2024. */
const KAZAKHSTAN_OFFSET_MS = 5 * 60 * 60 * 1000;

function dayInKazakhstan(at: Date): CalendarDate {
  const local = new Date(at.getTime() + KAZAKHSTAN_OFFSET_MS);
  return { year: local.getUTCFullYear(), month: local.getUTCMonth() + 1, day: local.getUTCDate() };
}

const registerDate = (iso: string) => {
  const date = parseIsoDate(iso);
  return date ? formatDate(date) : iso;
};

function registerValues(person: PersonRecord, document: IdentityDocumentRecord | undefined): Record<ConfirmableField, string | null> {
  return {
    documentNumber: document?.number ?? null,
    iin: person.iin,
    surname: person.surname,
    givenName: person.name,
    patronymic: person.patronymic ?? '',
    birthDate: registerDate(person.birthDate),
    birthPlace: person.birthPlace,
    nationality: person.nationality,
    issuingAuthority: document?.issuingAuthority ?? null,
    issueDate: document ? registerDate(document.issueDate) : null,
    expiryDate: document ? registerDate(document.expiryDate) : null,
  };
}

/** Whether a confirmed value equals the register's under the field's normalisation. */
function valuesEqual(name: ConfirmableField, confirmed: string, register: string, person: PersonRecord): boolean {
  switch (name) {
    case 'iin':
      return normaliseDigits(confirmed) === normaliseDigits(register);
    case 'documentNumber':
      return normaliseDocumentNumber(confirmed) === normaliseDocumentNumber(register);
    case 'birthDate':
    case 'issueDate':
    case 'expiryDate': {
      const date = normaliseDate(confirmed);
      return date !== null && date === normaliseDate(register);
    }
    case 'surname':
    case 'givenName': {
      const value = normaliseText(confirmed);
      if (value === normaliseText(register)) return true;
      // The zone writes these two in Latin: a Latin value is compared with the register's Latin.
      if (!isLatinText(confirmed)) return false;
      const latin = name === 'surname' ? person.latin.surname : person.latin.name;
      return value === normaliseText(latin.replace(/</g, ' ')) || value === normaliseText(transliterateToMrz(register));
    }
    default:
      return normaliseText(confirmed) === normaliseText(register);
  }
}

const sameText = (a: string, b: string) => a.trim().replace(/\s+/g, ' ') === b.trim().replace(/\s+/g, ' ');

/**
 * Matches the document the applicant confirmed against their ГБД ФЛ record (seed 002 step 18):
 * the person must hold a document of this type and number, `valid` and not expired, and every
 * confirmed field must equal the register's after normalisation (case, Ё/Е, spaces, hyphens and
 * punctuation, Latin look-alikes; a Latin surname or name is compared with the register's Latin).
 * A field the applicant corrected is matched with its corrected value and flagged `corrected`.
 * Pure; a failed match goes to moderation (DESIGN §2 step 8), the reasons tell the moderator and
 * the applicant why.
 */
export function matchAgainstRegister(input: RegisterMatchInput): RegisterMatch {
  const { person } = input;
  const recognised = new Map(input.recognised.map((f) => [f.name, f.value]));
  const confirmedValue = (name: ConfirmableField) => input.confirmed[name] ?? recognised.get(name) ?? '';

  const number = normaliseDocumentNumber(confirmedValue('documentNumber'));
  const record = number ? person.documents.find((d) => d.type === input.type && normaliseDocumentNumber(d.number) === number) : undefined;
  const expiry = record ? parseIsoDate(record.expiryDate) : null;
  const expired = !!record && (record.state === 'expired' || (expiry !== null && compareDates(expiry, dayInKazakhstan(input.at)) < 0));
  const document: RegisterDocumentMatch = { found: !!record, state: record?.state ?? null, expired };

  const register = registerValues(person, record);
  const fields: RegisterFieldMatch[] = CONFIRMABLE_FIELDS.map((name) => {
    const read = recognised.get(name) ?? null;
    const confirmed = confirmedValue(name);
    const value = register[name];
    const compared = value !== null && (confirmed.trim() !== '' || REQUIRED_FIELDS.has(name));
    return {
      name,
      recognised: read,
      confirmed,
      register: value,
      corrected: !sameText(confirmed, read ?? ''),
      compared,
      equal: compared && valuesEqual(name, confirmed, value, person),
    };
  });

  const reasons: RegisterMismatch[] = [];
  if (!fields.some((f) => f.name === 'iin' && f.equal)) reasons.push(documentReason(RegisterMismatchCode.IinMismatch, 'iin'));
  if (!record) reasons.push(documentReason(RegisterMismatchCode.DocumentNotInRegister, 'documentNumber'));
  else if (record.state === 'lost') reasons.push(documentReason(RegisterMismatchCode.DocumentLost, 'documentNumber'));
  else if (record.state === 'replaced') reasons.push(documentReason(RegisterMismatchCode.DocumentReplaced, 'documentNumber'));
  else if (expired) reasons.push(documentReason(RegisterMismatchCode.DocumentExpired, 'expiryDate'));
  for (const f of fields) {
    if (f.name === 'iin' || f.name === 'documentNumber' || !f.compared || f.equal) continue;
    reasons.push(fieldMismatch(f.name, f.corrected));
  }
  return { passed: reasons.length === 0, reasons, fields, document };
}
