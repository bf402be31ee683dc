import { formatDate, parseDate } from '../dates';
import type { CalendarDate, ConfirmableField } from '../types';
import { decodeIin } from './iin-facts';
import type { ParsedMrz } from './mrz-parse';
import { namesAgree } from './transliteration';

export type CrossCheckName =
  | 'iin_checksum'
  | 'iin_birth_date_vs_zone'
  | 'iin_sex_vs_zone'
  | 'iin_front_vs_zone'
  | 'document_number_front_vs_zone'
  | 'birth_date_front_vs_zone'
  | 'expiry_date_front_vs_zone'
  | 'surname_transliteration'
  | 'given_name_transliteration'
  | 'not_expired';

/** One consistency rule between the zone, the printed fields and the IIN. */
export interface CrossCheck {
  readonly name: CrossCheckName;
  /** `unavailable` when one side of the comparison could not be read. */
  readonly status: 'pass' | 'fail' | 'unavailable';
  readonly detail: string;
}

/** Values the cross-checks compare; front values are as finally proposed to the applicant. */
export interface CrossCheckInput {
  readonly front: Readonly<Partial<Record<ConfirmableField, string>>>;
  readonly zone: ParsedMrz | null;
  readonly today: Date;
}

const checkValid = (zone: ParsedMrz, field: string) => zone.checks.find((c) => c.field === field)?.valid ?? false;

function compare(name: CrossCheckName, front: string | undefined, zoneValue: string | null, zoneTrusted: boolean): CrossCheck {
  if (!front || zoneValue === null) return { name, status: 'unavailable', detail: !front ? 'not read on the front' : 'no zone' };
  if (!zoneTrusted) return { name, status: 'unavailable', detail: 'zone check digit fails' };
  return front === zoneValue
    ? { name, status: 'pass', detail: front }
    : { name, status: 'fail', detail: `front ${front} ≠ zone ${zoneValue}` };
}

/** The zone date in full, taking the century from the IIN when the IIN agrees on YYMMDD. */
function zoneDate(zone: ParsedMrz | null, which: 'birth' | 'expiry'): CalendarDate | null {
  if (!zone) return null;
  return which === 'birth' ? zone.birthDate : zone.expiryDate;
}

/** Runs every cross-check between the zone, the printed fields and the IIN. */
export function crossCheck({ front, zone, today }: CrossCheckInput): CrossCheck[] {
  const out: CrossCheck[] = [];
  const iin = front.iin || zone?.personalNumber || '';
  const facts = decodeIin(iin);
  out.push(
    facts
      ? { name: 'iin_checksum', status: facts.checksumValid ? 'pass' : 'fail', detail: iin }
      : { name: 'iin_checksum', status: iin ? 'fail' : 'unavailable', detail: iin || 'no IIN read' },
  );
  if (facts && zone && checkValid(zone, 'birthDate')) {
    const yymmdd = iin.slice(0, 6);
    out.push(yymmdd === zone.birthDateRaw
      ? { name: 'iin_birth_date_vs_zone', status: 'pass', detail: formatDate(facts.birthDate) }
      : { name: 'iin_birth_date_vs_zone', status: 'fail', detail: `IIN ${yymmdd} ≠ zone ${zone.birthDateRaw}` });
  } else {
    out.push({ name: 'iin_birth_date_vs_zone', status: 'unavailable', detail: facts ? 'zone birth date not trusted' : 'no valid IIN' });
  }
  if (facts && zone?.sex) {
    out.push(facts.sex === zone.sex
      ? { name: 'iin_sex_vs_zone', status: 'pass', detail: facts.sex }
      : { name: 'iin_sex_vs_zone', status: 'fail', detail: `IIN says ${facts.sex}, zone says ${zone.sex}` });
  } else {
    out.push({ name: 'iin_sex_vs_zone', status: 'unavailable', detail: 'IIN or zone sex missing' });
  }
  const compositeOk = zone ? checkValid(zone, 'composite') : false;
  out.push(compare('iin_front_vs_zone', front.iin, zone ? zone.personalNumber : null, compositeOk));
  out.push(compare('document_number_front_vs_zone', front.documentNumber, zone ? zone.documentNumber : null, !!zone && checkValid(zone, 'documentNumber')));
  const zb = zoneDate(zone, 'birth');
  const birthFront = parseDate(front.birthDate ?? '');
  out.push(compare('birth_date_front_vs_zone', front.birthDate, zone ? (zb && birthFront && zb.year % 100 === birthFront.year % 100 ? formatDate({ ...zb, year: birthFront.year }) : zb ? formatDate(zb) : zone.birthDateRaw) : null, !!zone && checkValid(zone, 'birthDate')));
  const ze = zoneDate(zone, 'expiry');
  out.push(compare('expiry_date_front_vs_zone', front.expiryDate, zone ? (ze ? formatDate(ze) : zone.expiryDateRaw) : null, !!zone && checkValid(zone, 'expiryDate')));
  out.push(nameCheck('surname_transliteration', front.surname, zone?.surname, zone));
  out.push(nameCheck('given_name_transliteration', front.givenName, zone?.givenNames, zone));
  const expiry = ze ?? parseDate(front.expiryDate ?? '');
  if (expiry) {
    const todayDate = { year: today.getUTCFullYear(), month: today.getUTCMonth() + 1, day: today.getUTCDate() };
    const expired = expiry.year * 10000 + expiry.month * 100 + expiry.day < todayDate.year * 10000 + todayDate.month * 100 + todayDate.day;
    out.push({ name: 'not_expired', status: expired ? 'fail' : 'pass', detail: formatDate(expiry) });
  } else {
    out.push({ name: 'not_expired', status: 'unavailable', detail: 'no expiry date read' });
  }
  return out;
}

function nameCheck(name: CrossCheckName, cyrillic: string | undefined, latin: string | undefined, zone: ParsedMrz | null): CrossCheck {
  if (!cyrillic || latin === undefined || !zone) return { name, status: 'unavailable', detail: 'name not read on both sides' };
  // A name that fills the zone's name field to its last character may have been cut.
  const nameLine = zone.format === 'TD1' ? zone.lines[2] : zone.lines[0];
  const truncated = !nameLine.endsWith('<');
  return namesAgree(cyrillic, latin, truncated)
    ? { name, status: 'pass', detail: `${cyrillic} → ${latin}` }
    : { name, status: 'fail', detail: `${cyrillic} does not transliterate to ${latin}` };
}

