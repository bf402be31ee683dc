import { controlDigit, parseIin } from '@app/identity';
import type { CalendarDate, Sex } from '../types';

/**
 * What an IIN says about its holder, in this library's types, via @app/identity. Unlike
 * `parseIin`, a number whose only fault is its control digit still yields its birth date and sex,
 * so a cross-check can say what is wrong with it.
 */
export function decodeIin(iin: string): { birthDate: CalendarDate; sex: Sex; checksumValid: boolean } | null {
  let parsed = parseIin(iin);
  let checksumValid = true;
  if (!parsed.valid && parsed.problem === 'control_digit') {
    const check = controlDigit(iin.slice(0, 11));
    if (check === null) return null;
    parsed = parseIin(iin.slice(0, 11) + String(check));
    checksumValid = false;
  }
  if (!parsed.valid) return null;
  const [year, month, day] = parsed.facts.birthDate.split('-').map(Number);
  return { birthDate: { year, month, day }, sex: parsed.facts.sex === 'male' ? 'M' : 'F', checksumValid };
}

export { controlDigit as iinCheckDigit };
