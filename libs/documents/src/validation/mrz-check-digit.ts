/** ICAO 9303 Part 3 §4.9: character values (digits, A=10…Z=35, filler 0) weighted 7, 3, 1 repeating, sum mod 10. */
export function mrzCheckDigit(field: string): string {
  const weights = [7, 3, 1];
  let sum = 0;
  for (let i = 0; i < field.length; i++) {
    sum += mrzCharValue(field[i]) * weights[i % 3];
  }
  return String(sum % 10);
}

function mrzCharValue(ch: string): number {
  if (ch >= '0' && ch <= '9') return ch.charCodeAt(0) - 48;
  if (ch >= 'A' && ch <= 'Z') return ch.charCodeAt(0) - 55;
  if (ch === '<') return 0;
  throw new RangeError(`"${ch}" is not a machine-readable-zone character`);
}

/** True when every character belongs to the MRZ alphabet (A–Z, 0–9, <). */
export function isMrzText(text: string): boolean {
  return /^[A-Z0-9<]*$/.test(text);
}
