import type { IdentityDocumentRecord, PersonRecord } from '@app/registers';
import { parseIsoDate } from '../dates';
import type { CalendarDate, DocumentHolder } from '../types';
import { generateDocument, type GenerateOptions, type GeneratedDocument } from './generate-document';

export interface PersonDocumentOptions extends GenerateOptions {
  /**
   * Which document to print, normally one of `person.documents` (any state: a lost or replaced
   * card photographs as well as a valid one). A record the register does not hold gives a
   * document the register match must refuse.
   */
  readonly document: IdentityDocumentRecord;
  /**
   * The photo printed on the document: another photo of the same person for a genuine face
   * match, a different person's photo for an impostor.
   */
  readonly portraitPath: string;
}

export interface PersonDocument extends GeneratedDocument {
  /** What was printed, for tests that compare the reading with it. */
  readonly holder: DocumentHolder;
}

function registerDate(text: string, what: string): CalendarDate {
  const date = parseIsoDate(text);
  if (!date) throw new RangeError(`${what} ${text} is not a YYYY-MM-DD date`);
  return date;
}

/**
 * The holder a document of `person` prints, from their ГБД ФЛ record: names and places in upper
 * case as documents print them, the zone's Latin names as the register writes them.
 */
export function holderForPerson(person: PersonRecord, document: IdentityDocumentRecord, portraitPath: string): DocumentHolder {
  return {
    surname: person.surname.toUpperCase(),
    givenName: person.name.toUpperCase(),
    patronymic: (person.patronymic ?? '').toUpperCase(),
    latinSurname: person.latin.surname,
    latinGivenName: person.latin.name,
    sex: person.sex === 'male' ? 'M' : 'F',
    birthDate: registerDate(person.birthDate, 'birth date'),
    birthPlace: person.birthPlace.toUpperCase(),
    nationality: person.nationality.toUpperCase(),
    iin: person.iin,
    documentNumber: document.number,
    issueDate: registerDate(document.issueDate, 'issue date'),
    expiryDate: registerDate(document.expiryDate, 'expiry date'),
    issuingAuthority: document.issuingAuthority,
    portraitPath,
  };
}

/**
 * Synthetic images of a register person's ID card (front + back) or passport page, so a test of
 * the whole path reads back exactly what the register holds and matches faces for the right reason.
 */
export async function generateDocumentForPerson(person: PersonRecord, opts: PersonDocumentOptions): Promise<PersonDocument> {
  const { document, portraitPath, ...generate } = opts;
  const holder = holderForPerson(person, document, portraitPath);
  return { ...(await generateDocument(holder, document.type, generate)), holder };
}
