import { formatDate, parseDate, parseIsoDate } from '../dates';

/*
 * How a confirmed value and a register value are brought to one spelling before they are
 * compared. Differences that say nothing about identity go: letter case, Ё written as Е (Russian
 * print drops the dots freely), spaces, hyphens and punctuation (the register writes
 * «Восточно-Казахстанская обл., г. Усть-Каменогорск»), and Latin letters typed into a Cyrillic
 * word on the wrong keyboard layout. Kazakh letters are not folded into Russian ones (Ө is not О,
 * Қ is not К): they are different letters of the name.
 */

/** Latin letters drawn like a Cyrillic one, to the Cyrillic letter. */
const LATIN_LOOKALIKES: Readonly<Record<string, string>> = {
  A: 'А', B: 'В', C: 'С', E: 'Е', H: 'Н', K: 'К', M: 'М', O: 'О', P: 'Р', T: 'Т', X: 'Х', Y: 'У', I: 'І',
};

const CYRILLIC_LETTER = /\p{Script=Cyrillic}/u;
const LATIN_LETTER = /[A-Z]/;

/** A word mixing scripts is Cyrillic typed with some Latin look-alikes; a wholly Latin word stays Latin. */
function foldLookalikes(word: string): string {
  if (!CYRILLIC_LETTER.test(word) || !LATIN_LETTER.test(word)) return word;
  return [...word].map((ch) => LATIN_LOOKALIKES[ch] ?? ch).join('');
}

/** Upper case, Ё → Е, look-alikes folded, every run of non-letters and non-digits one space. */
export function normaliseText(value: string): string {
  return value
    .toUpperCase()
    .replace(/Ё/g, 'Е')
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .map(foldLookalikes)
    .join(' ');
}

/** True when the value's letters are all Latin (a name as the zone writes it). */
export function isLatinText(value: string): boolean {
  const letters = normaliseText(value).replace(/[^\p{L}]/gu, '');
  return letters.length > 0 && /^[A-Z]+$/.test(letters);
}

/** DD.MM.YYYY for a date written DD.MM.YYYY (or with other separators) or YYYY-MM-DD; null if neither. */
export function normaliseDate(value: string): string | null {
  const date = parseIsoDate(value) ?? parseDate(value);
  return date ? formatDate(date) : null;
}

/** Digits only: an IIN typed with spaces is the same IIN. */
export function normaliseDigits(value: string): string {
  return value.replace(/\D/g, '');
}

/** Upper-case letters and digits only (passport numbers are N + 8 digits). */
export function normaliseDocumentNumber(value: string): string {
  return value.toUpperCase().replace(/[^A-Z0-9]/g, '');
}
