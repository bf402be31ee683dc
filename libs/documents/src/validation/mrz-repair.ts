import type { MrzFormat } from './mrz-parse';

/**
 * What each position of a Kazakhstan zone may hold: A letter, 9 digit, < filler, S sex (M/F/<),
 * N name (letter or filler), X anything. Knowing the layout lets OCR confusions (O/0, B/8, K/<)
 * be undone by position instead of by guesswork.
 */
export const ZONE_TEMPLATES: Record<MrzFormat, readonly string[]> = {
  TD1: [
    'AA' + 'AAA' + '999999999' + '9' + '999999999999' + '<<<',
    '999999' + '9' + 'S' + '999999' + '9' + 'AAA' + '<'.repeat(11) + '9',
    'N'.repeat(30),
  ],
  TD3: [
    'AX' + 'AAA' + 'N'.repeat(39),
    'X99999999' + '9' + 'AAA' + '999999' + '9' + 'S' + '999999' + '9' + '999999999999<<' + '9' + '9',
  ],
};

const TO_DIGIT: Record<string, string> = { O: '0', Q: '0', D: '0', U: '0', I: '1', L: '1', T: '7', Z: '2', S: '5', B: '8', G: '6', A: '4', E: '6' };
const TO_LETTER: Record<string, string> = { '0': 'O', '1': 'I', '2': 'Z', '5': 'S', '8': 'B', '6': 'G', '4': 'A', '7': 'T' };

/** Inserts or removes fillers in the longest filler run until the line has `length` characters. */
export function fitLength(line: string, length: number): string {
  let s = line;
  while (s.length !== length) {
    const run = longestFillerRun(s);
    if (s.length < length) {
      s = run ? s.slice(0, run.end) + '<' + s.slice(run.end) : s + '<';
    } else {
      s = run ? s.slice(0, run.start) + s.slice(run.start + 1) : s.slice(0, length);
    }
  }
  return s;
}

function longestFillerRun(s: string): { start: number; end: number } | null {
  let best: { start: number; end: number } | null = null;
  for (const m of s.matchAll(/<+/g)) {
    const start = m.index;
    const end = start + m[0].length;
    if (!best || end - start >= best.end - best.start) best = { start, end };
  }
  return best;
}

function coerce(ch: string, kind: string): string {
  switch (kind) {
    case '9':
      return /\d/.test(ch) ? ch : (TO_DIGIT[ch] ?? ch);
    case 'A':
      return /[A-Z]/.test(ch) ? ch : (TO_LETTER[ch] ?? ch);
    case '<':
      return '<';
    case 'S':
      return ch === 'M' || ch === 'F' || ch === '<' ? ch : ch === 'H' || ch === 'N' ? 'M' : ch === 'E' || ch === 'P' ? 'F' : ch;
    case 'N':
      return /[A-Z<]/.test(ch) ? ch : (TO_LETTER[ch] ?? ch);
    default:
      return ch;
  }
}

/** Cleans one OCR line to the MRZ alphabet: upper case, no spaces, look-alikes of « < » mapped to it. */
export function cleanOcrLine(raw: string): string {
  return raw.toUpperCase().replace(/[«‹([{]/g, '<').replace(/[^A-Z0-9<]/g, '');
}

/**
 * Turns the OCR text of a zone into exactly the lines of `format`, or null when it does not look
 * like a zone at all (too few long lines).
 */
export function repairMrzLines(ocrText: string, format: MrzFormat): string[] | null {
  const template = ZONE_TEMPLATES[format];
  const width = template[0].length;
  const candidates = ocrText.split('\n').map(cleanOcrLine).filter((l) => l.length >= width * 0.7);
  if (candidates.length < template.length) return null;
  const picked = candidates.slice(-template.length);
  return picked.map((line, i) => {
    const fitted = fitLength(line, width);
    let out = '';
    for (let p = 0; p < width; p++) out += coerce(fitted[p], template[i][p]);
    for (const at of STATE_CODES[format][i]) out = snapState(out, at);
    return out;
  });
}

/** Where issuing state and nationality sit, per line. */
export const STATE_CODES: Record<MrzFormat, readonly (readonly number[])[]> = {
  TD1: [[2], [15], []],
  TD3: [[2], [10]],
};

/**
 * Kazakhstan issues these documents to its citizens only, so a state code one letter away from
 * KAZ (KAL, XAZ …) is a misread; a code further away is kept as read and fails the cross-checks.
 */
export function snapState(line: string, at: number): string {
  const code = line.slice(at, at + 3);
  const diff = [...code].filter((c, k) => c !== 'KAZ'[k]).length;
  return diff === 1 ? line.slice(0, at) + 'KAZ' + line.slice(at + 3) : line;
}
