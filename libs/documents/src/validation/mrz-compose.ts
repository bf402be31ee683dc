import type { CalendarDate, DocumentHolder, DocumentType } from '../types';
import { mrzCheckDigit } from './mrz-check-digit';

export const TD1_LINE_LENGTH = 30;
export const TD3_LINE_LENGTH = 44;
export const ISSUING_STATE = 'KAZ';

/** YYMMDD as written in the zone. */
export function mrzDate(date: CalendarDate): string {
  const two = (n: number) => String(n).padStart(2, '0');
  return two(date.year % 100) + two(date.month) + two(date.day);
}

/**
 * The name field: SURNAME<<GIVEN<NAMES, spaces and hyphens as fillers, cut to `width`
 * (ICAO 9303 Part 3 §4.6: truncation keeps the primary identifier whole where it can).
 */
export function mrzName(latinSurname: string, latinGivenName: string, width: number): string {
  const clean = (s: string) => s.toUpperCase().replace(/[\s-]+/g, '<').replace(/[^A-Z<]/g, '');
  const surname = clean(latinSurname);
  const given = clean(latinGivenName);
  let name = given ? `${surname}<<${given}` : surname;
  if (name.length > width) name = name.slice(0, width);
  return name.padEnd(width, '<');
}

function field(value: string, width: number): string {
  return value.toUpperCase().slice(0, width).padEnd(width, '<');
}

/**
 * Kazakhstan ID card, TD1 (3×30). As on the real card, the IIN is the first optional-data field
 * of line 1 and the patronymic is not written in the zone.
 */
export function composeTd1(holder: DocumentHolder): string[] {
  const number = field(holder.documentNumber, 9);
  const optional1 = field(holder.iin, 15);
  const line1 = `ID${ISSUING_STATE}${number}${mrzCheckDigit(number)}${optional1}`;
  const birth = mrzDate(holder.birthDate);
  const expiry = mrzDate(holder.expiryDate);
  const optional2 = field('', 11);
  const upper = `${birth}${mrzCheckDigit(birth)}${holder.sex}${expiry}${mrzCheckDigit(expiry)}${ISSUING_STATE}${optional2}`;
  const composite = mrzCheckDigit(line1.slice(5, 30) + upper.slice(0, 7) + upper.slice(8, 15) + upper.slice(18, 29));
  const line2 = upper + composite;
  const line3 = mrzName(holder.latinSurname, holder.latinGivenName, TD1_LINE_LENGTH);
  return [line1, line2, line3];
}

/** Kazakhstan passport, TD3 (2×44); the personal-number field carries the IIN. */
export function composeTd3(holder: DocumentHolder): string[] {
  const line1 = `P<${ISSUING_STATE}${mrzName(holder.latinSurname, holder.latinGivenName, 39)}`;
  const number = field(holder.documentNumber, 9);
  const birth = mrzDate(holder.birthDate);
  const expiry = mrzDate(holder.expiryDate);
  const personal = field(holder.iin, 14);
  const body =
    `${number}${mrzCheckDigit(number)}${ISSUING_STATE}${birth}${mrzCheckDigit(birth)}${holder.sex}` +
    `${expiry}${mrzCheckDigit(expiry)}${personal}${mrzCheckDigit(personal)}`;
  const composite = mrzCheckDigit(body.slice(0, 10) + body.slice(13, 20) + body.slice(21, 43));
  return [line1, body + composite];
}

/** The zone a document of `type` carries for `holder`. */
export function composeMrz(type: DocumentType, holder: DocumentHolder): string[] {
  return type === 'id_card' ? composeTd1(holder) : composeTd3(holder);
}
