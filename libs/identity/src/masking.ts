/** 880515300120 → 8805******20: enough to tell records apart in a log, not enough to identify a person. */
export function maskIin(iin: string): string {
  return iin.length === 12 ? `${iin.slice(0, 4)}******${iin.slice(10)}` : '************';
}

/** +77011234567 → +7701*****67 */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  if (digits.length < 7) return '*******';
  return `+${digits.slice(0, 4)}${'*'.repeat(digits.length - 6)}${digits.slice(-2)}`;
}

const TWELVE_DIGITS = /(?<!\d)(\d{4})\d{6}(\d{2})(?!\d)/g;
const PHONE = /(?<![\d*])(\+?7)(\d{3})\d{5}(\d{2})(?!\d)/g;

/**
 * Masks every IIN/BIN-shaped number and Kazakh phone number inside free text. Applied to each
 * serialised log line, so nothing printed by any library can leak them.
 */
export function maskPersonalNumbers(text: string): string {
  return text.replace(PHONE, '$1$2*****$3').replace(TWELVE_DIGITS, '$1******$2');
}
