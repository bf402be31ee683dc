import type { CalendarDate, Sex } from '../types';
import { decodeIin } from './iin-facts';
import { isMrzText, mrzCheckDigit } from './mrz-check-digit';

export type MrzFormat = 'TD1' | 'TD3';

/** One check digit as printed against the one computed from its field. */
export interface CheckDigitResult {
  readonly field: 'documentNumber' | 'birthDate' | 'expiryDate' | 'personalNumber' | 'composite';
  /** The characters the check digit covers. */
  readonly covers: string;
  readonly printed: string;
  readonly computed: string;
  readonly valid: boolean;
}

/** A parsed machine-readable zone with every check digit's result. */
export interface ParsedMrz {
  readonly format: MrzFormat;
  readonly lines: readonly string[];
  readonly documentCode: string;
  readonly issuingState: string;
  readonly documentNumber: string;
  /** IIN on Kazakhstan documents (TD1 optional data 1, TD3 personal number). */
  readonly personalNumber: string;
  /** YYMMDD as printed; the century is not in the zone (the IIN has it). */
  readonly birthDateRaw: string;
  readonly expiryDateRaw: string;
  readonly birthDate: CalendarDate | null;
  readonly expiryDate: CalendarDate | null;
  readonly sex: Sex | null;
  readonly nationality: string;
  readonly surname: string;
  readonly givenNames: string;
  readonly checks: readonly CheckDigitResult[];
  /**
   * What makes a zone implausible even with its check digits right: a first character its format
   * does not allow, letters after the name field's fillers, and on a Kazakhstan zone an IIN that
   * fails its own control digit or says another birth date than the zone does. Empty when plausible.
   */
  readonly implausible: readonly string[];
  /** Structure well-formed, every check digit passes and nothing is implausible. */
  readonly valid: boolean;
}

export class MrzFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MrzFormatError';
  }
}

const unfill = (s: string) => s.replace(/<+$/g, '').replace(/</g, ' ').trim();

function check(fieldName: CheckDigitResult['field'], covers: string, printed: string): CheckDigitResult {
  const computed = isMrzText(covers) ? mrzCheckDigit(covers) : '?';
  return { field: fieldName, covers, printed, computed, valid: computed === printed };
}

/** A personal-number field left empty may carry "<" instead of its check digit (ICAO 9303 Part 4 §4.2.2). */
function optionalCheck(covers: string, printed: string): CheckDigitResult {
  const result = check('personalNumber', covers, printed);
  if (/^<+$/.test(covers) && (printed === '<' || printed === '0')) return { ...result, valid: true };
  return result;
}

/**
 * YYMMDD to a date. Birth dates take the latest century that is not in the future of `today`;
 * expiry dates are 20YY. Returns null for impossible dates.
 */
export function mrzToDate(yymmdd: string, kind: 'birth' | 'expiry', today: Date = new Date()): CalendarDate | null {
  if (!/^\d{6}$/.test(yymmdd)) return null;
  const yy = Number(yymmdd.slice(0, 2));
  const month = Number(yymmdd.slice(2, 4));
  const day = Number(yymmdd.slice(4, 6));
  let year = 2000 + yy;
  if (kind === 'birth' && year > today.getUTCFullYear()) year -= 100;
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return null;
  return { year, month, day };
}

function splitName(nameField: string): { surname: string; givenNames: string } {
  const [surname, ...rest] = nameField.split('<<');
  return { surname: unfill(surname), givenNames: unfill(rest.join('<<')) };
}

function sexOf(ch: string): Sex | null {
  return ch === 'M' || ch === 'F' ? ch : null;
}

/** Parses TD1 (3×30) or TD3 (2×44) lines; throws `MrzFormatError` when the shape is wrong. */
export function parseMrz(lines: readonly string[], today: Date = new Date()): ParsedMrz {
  if (lines.length === 3 && lines.every((l) => l.length === 30)) return parseTd1(lines, today);
  if (lines.length === 2 && lines.every((l) => l.length === 44)) return parseTd3(lines, today);
  throw new MrzFormatError(`expected 3 lines of 30 or 2 lines of 44 characters, got ${lines.map((l) => l.length).join('/')}`);
}

function parseTd1(lines: readonly string[], today: Date): ParsedMrz {
  const [l1, l2, l3] = lines;
  const checks = [
    check('documentNumber', l1.slice(5, 14), l1[14]),
    check('birthDate', l2.slice(0, 6), l2[6]),
    check('expiryDate', l2.slice(8, 14), l2[14]),
    check('composite', l1.slice(5, 30) + l2.slice(0, 7) + l2.slice(8, 15) + l2.slice(18, 29), l2[29]),
  ];
  const birthDateRaw = l2.slice(0, 6);
  const expiryDateRaw = l2.slice(8, 14);
  const parsed = {
    format: 'TD1' as const,
    lines: [...lines],
    documentCode: unfill(l1.slice(0, 2)),
    issuingState: unfill(l1.slice(2, 5)),
    documentNumber: unfill(l1.slice(5, 14)),
    personalNumber: unfill(l1.slice(15, 30)),
    birthDateRaw,
    expiryDateRaw,
    birthDate: mrzToDate(birthDateRaw, 'birth', today),
    expiryDate: mrzToDate(expiryDateRaw, 'expiry', today),
    sex: sexOf(l2[7]),
    nationality: unfill(l2.slice(15, 18)),
    ...splitName(l3),
    checks,
  };
  return finish(parsed, lines);
}

function parseTd3(lines: readonly string[], today: Date): ParsedMrz {
  const [l1, l2] = lines;
  const checks = [
    check('documentNumber', l2.slice(0, 9), l2[9]),
    check('birthDate', l2.slice(13, 19), l2[19]),
    check('expiryDate', l2.slice(21, 27), l2[27]),
    optionalCheck(l2.slice(28, 42), l2[42]),
    check('composite', l2.slice(0, 10) + l2.slice(13, 20) + l2.slice(21, 43), l2[43]),
  ];
  const birthDateRaw = l2.slice(13, 19);
  const expiryDateRaw = l2.slice(21, 27);
  const parsed = {
    format: 'TD3' as const,
    lines: [...lines],
    documentCode: unfill(l1.slice(0, 2)),
    issuingState: unfill(l1.slice(2, 5)),
    documentNumber: unfill(l2.slice(0, 9)),
    personalNumber: unfill(l2.slice(28, 42)),
    birthDateRaw,
    expiryDateRaw,
    birthDate: mrzToDate(birthDateRaw, 'birth', today),
    expiryDate: mrzToDate(expiryDateRaw, 'expiry', today),
    sex: sexOf(l2[20]),
    nationality: unfill(l2.slice(10, 13)),
    ...splitName(l1.slice(5)),
    checks,
  };
  return finish(parsed, lines);
}

type Unchecked = Omit<ParsedMrz, 'implausible' | 'valid'>;

function finish(parsed: Unchecked, lines: readonly string[]): ParsedMrz {
  const implausible = [...malformed(parsed), ...implausibility(parsed)];
  const valid = isWellFormed(lines) && parsed.checks.every((c) => c.valid) && parsed.birthDate !== null && parsed.expiryDate !== null && implausible.length === 0;
  return { ...parsed, implausible, valid };
}

/**
 * What ICAO 9303 fixes that no check digit covers: the first character by format (I, A or C on an
 * ID card, P on a passport), and the name field as names then fillers to its end (one filler
 * between name parts, two between surname and given names, so never a letter after three).
 */
function malformed(zone: Unchecked): string[] {
  const out: string[] = [];
  const first = zone.lines[0]?.[0] ?? '';
  if (!(zone.format === 'TD1' ? 'IAC' : 'P').includes(first)) out.push(`document code ${zone.lines[0]?.slice(0, 2)} is not a ${zone.format} code`);
  const name = zone.format === 'TD1' ? zone.lines[2] : zone.lines[0].slice(5);
  const tail = name.indexOf('<<<');
  if (tail >= 0 && /[^<]/.test(name.slice(tail))) out.push('letters after the name field\'s fillers');
  return out;
}

/**
 * A check digit catches one misread character but not every combination of them; a Kazakhstan
 * zone also has its number's pattern and carries the IIN, whose own control digit and birth date
 * must agree with the zone.
 */
function implausibility(zone: Unchecked): string[] {
  if (zone.issuingState !== 'KAZ') return [];
  // Kazakhstan numbers its ID cards with 9 digits and its passports N + 8 digits.
  const numbered = zone.format === 'TD1' ? /^\d{9}$/ : /^N\d{8}$/;
  if (!numbered.test(zone.documentNumber)) return [`document number ${zone.documentNumber} is not a Kazakhstan ${zone.format === 'TD1' ? 'ID card' : 'passport'} number`];
  const iin = zone.personalNumber;
  if (zone.format === 'TD3' && iin === '') return [];
  if (!/^\d{12}$/.test(iin)) return [`personal number ${iin || '(empty)'} is not an IIN`];
  const facts = decodeIin(iin);
  if (!facts) return [`IIN ${iin} is not a valid IIN`];
  const out: string[] = [];
  if (!facts.checksumValid) out.push(`IIN ${iin} fails its control digit`);
  if (iin.slice(0, 6) !== zone.birthDateRaw) out.push(`IIN birth date ${iin.slice(0, 6)} ≠ zone birth date ${zone.birthDateRaw}`);
  return out;
}

function isWellFormed(lines: readonly string[]): boolean {
  return lines.every(isMrzText);
}
