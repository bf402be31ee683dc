import { formatDate, parseDate } from '../dates';
import { CONFIRMABLE_FIELDS, FIELD_LABELS, REQUIRED_FIELDS, type CalendarDate, type ConfirmableField, type DocumentType, type RecognisedField } from '../types';
import { ISSUING_AUTHORITIES, NATIONALITIES } from '../validation/classifiers';
import { decodeIin } from '../validation/iin-facts';
import type { ParsedMrz } from '../validation/mrz-parse';
import { correctNameByZone } from '../validation/name-correction';
import { namesAgree } from '../validation/transliteration';
import type { FrontReading } from './field-ocr';
import { readsAsLabel } from './label-fields';

const checkValid = (zone: ParsedMrz, field: string) => zone.checks.find((c) => c.field === field)?.valid ?? false;

/** Whether a value has the printed shape of its field. */
export function wellFormed(name: ConfirmableField, value: string, type: DocumentType): boolean {
  switch (name) {
    case 'birthDate':
    case 'issueDate':
    case 'expiryDate':
      // The whole value is one date as printed (two dates run together are not a reading of one).
      return /^\d{2}\.\d{2}\.\d{4}$/.test(value) && parseDate(value) !== null;
    case 'iin':
      return decodeIin(value)?.checksumValid ?? false;
    case 'documentNumber':
      return type === 'passport' ? /^N\d{8}$/.test(value) : /^\d{9}$/.test(value);
    case 'nationality':
      return NATIONALITIES.includes(value);
    case 'issuingAuthority':
      return ISSUING_AUTHORITIES.includes(value);
    case 'birthPlace': {
      // Another back field read in the birthplace's place (a slot misnamed on a hard photo: «МВДРК»).
      const bare = value.replace(/[\s.,-]/g, '');
      return bare.length >= 2 && !ISSUING_AUTHORITIES.some((a) => a.replace(/\s/g, '') === bare) && !NATIONALITIES.includes(value);
    }
    case 'patronymic':
      // Every Russian and Kazakh patronymic ends so (-ОВИЧ, -ЕВНА, -ИНИЧНА, -ҰЛЫ, -ҚЫЗЫ): МВАМОВМА is no reading of one.
      return PATRONYMIC_ENDING.test(value);
    default:
      return value.length >= 2;
  }
}

const PATRONYMIC_ENDING = /(ИЧ|ВНА|ЧНА|ҰЛЫ|УЛЫ|ҚЫЗЫ|КЫЗЫ)$/;

/**
 * The run of whole words of a front reading that the zone's name line spells, when the reading
 * has more words than that (never fewer: a missing word is not guessed from the zone's Latin).
 */
function wordsAgreeingWithZone(value: string, zoneLatin: string, truncated: boolean): string | null {
  const words = value.split(' ').filter(Boolean);
  for (let len = words.length - 1; len >= 1; len--) {
    for (let start = 0; start + len <= words.length; start++) {
      const candidate = words.slice(start, start + len).join(' ');
      if (namesAgree(candidate, zoneLatin, truncated)) return candidate;
    }
  }
  return null;
}

/** The zone's value for a field, when the zone carries it and its check digit passes. */
function zoneValue(name: ConfirmableField, zone: ParsedMrz | null): string | null {
  if (!zone) return null;
  switch (name) {
    case 'documentNumber':
      return checkValid(zone, 'documentNumber') ? zone.documentNumber : null;
    case 'iin': {
      const covered = zone.format === 'TD1' ? checkValid(zone, 'composite') : checkValid(zone, 'personalNumber');
      return covered && decodeIin(zone.personalNumber)?.checksumValid ? zone.personalNumber : null;
    }
    case 'birthDate': {
      if (!checkValid(zone, 'birthDate') || !zone.birthDate) return null;
      // The IIN knows the century the zone leaves out.
      const facts = decodeIin(zone.personalNumber);
      if (facts && zone.personalNumber.slice(0, 6) === zone.birthDateRaw) return formatDate(facts.birthDate);
      return formatDate(zone.birthDate);
    }
    case 'expiryDate':
      return checkValid(zone, 'expiryDate') && zone.expiryDate ? formatDate(zone.expiryDate) : null;
    default:
      return null;
  }
}

/** Kazakhstan ID cards and passports are issued for ten years. */
export const DOCUMENT_VALIDITY_YEARS = 10;

/**
 * Whether a printed issue date fits the expiry date the zone protects: ten years on, to the day or
 * the day before (the register writes the first, the cards print the second). No check digit
 * covers the issue date; this is the one thing that can tell a misread digit in it.
 */
export function issueFitsExpiry(issue: string, expiry: CalendarDate): boolean {
  const d = parseDate(issue);
  if (!d) return false;
  const tenYears = new Date(Date.UTC(d.year + DOCUMENT_VALIDITY_YEARS, d.month - 1, d.day));
  const dayBefore = new Date(tenYears.getTime() - 86_400_000);
  const e = Date.UTC(expiry.year, expiry.month - 1, expiry.day);
  return e === tenYears.getTime() || e === dayBefore.getTime();
}

export interface AssembleOptions {
  readonly type: DocumentType;
  readonly lowConfidenceBelow: number;
}

/**
 * Merges what the front says with what the zone says into the list the applicant confirms
 * (seed 002 step 17). A check-digit-protected zone value wins over a disagreeing front reading;
 * names are checked (and look-alike letters corrected) against the zone's transliteration.
 */
export function assembleFields(front: readonly FrontReading[], zone: ParsedMrz | null, opts: AssembleOptions): RecognisedField[] {
  const byName = new Map(front.map((r) => [r.name, r]));
  return CONFIRMABLE_FIELDS.map((name) => {
    const reading = byName.get(name);
    let value = reading?.value ?? '';
    let confidence = reading?.confidence ?? 0;
    let source: RecognisedField['source'] = value ? 'front' : 'none';
    const fromZone = zoneValue(name, zone);
    if (fromZone !== null) {
      if (value === fromZone) {
        confidence = Math.max(confidence, 0.99);
        source = 'front+mrz';
      } else if (!value || !wellFormed(name, value, opts.type)) {
        value = fromZone;
        confidence = 0.9;
        source = 'mrz';
      } else {
        value = fromZone;
        confidence = 0.6;
        source = 'mrz';
      }
    } else if (zone && (name === 'surname' || name === 'givenName') && value) {
      const latin = name === 'surname' ? zone.surname : zone.givenNames;
      const truncated = !(zone.format === 'TD1' ? zone.lines[2] : zone.lines[0]).endsWith('<');
      const trimmed = wordsAgreeingWithZone(value, latin, truncated);
      if (namesAgree(value, latin, truncated)) {
        confidence = Math.max(confidence, 0.97);
        source = 'front+mrz';
      } else if (trimmed) {
        // A stray fragment beside the name (a label's letters, the portrait's edge): the zone says which words are the name.
        value = trimmed;
        confidence = 0.9;
        source = 'front+mrz';
      } else {
        const corrected = correctNameByZone(value, latin);
        if (corrected) {
          value = corrected;
          confidence = 0.9;
          source = 'front+mrz';
        } else {
          confidence = Math.min(confidence, 0.6);
        }
      }
    }
    // A printed label read in place of its value (a misplaced crop) is never taken for a reading.
    // И or Й the print did not settle, У read for a Ү (or the other way): the zone agreeing proves nothing,
    // nor does a spelling the zone corrected (КАРЛЫГАЩ → КАРЛЫГАШ: Ш settled, the unchecked К still К or Қ).
    const unsettled = reading?.letterUnsettled === true;
    // The issue date against the expiry: the zone's when its check digit passes, else the printed one
    // (a hard photo's zone failed and 23.02.2017 for 25.02.2017 was accepted); neither read, not checked.
    const expiry = zone && checkValid(zone, 'expiryDate') ? zone.expiryDate : parseDate(byName.get('expiryDate')?.value ?? '');
    const misdated = name === 'issueDate' && (expiry === null || !issueFitsExpiry(value, expiry));
    // A word near a classifier entry without being one is most likely that entry misread.
    const nearMiss = reading?.nearMiss === true && value === reading.value;
    const ok = value !== '' && wellFormed(name, value, opts.type) && !readsAsLabel(value) && !unsettled && !misdated && !nearMiss;
    return {
      name,
      label: FIELD_LABELS[name],
      value,
      confidence: Number(confidence.toFixed(3)),
      lowConfidence: !ok || confidence < opts.lowConfidenceBelow,
      source,
      required: REQUIRED_FIELDS.has(name),
    };
  });
}
