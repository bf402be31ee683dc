/**
 * Letters the zone writes alike, settled by the print: И and Й (both I), У, Ү and Ұ (all U). OCR of
 * a blurred photo drops Й's breve and reads Ү as У; the zone ↔ front cross-check cannot notice.
 */
import type { Rect } from '../layout';
import type { GreyImage } from './prepare-crop';
import { findTextLines, median, type TextLine } from './text-lines';

/** Darkness above a glyph's cap line that marks a breve: Й scores 0.11–0.16, every other letter ≤ 0.05. */
const BREVE_MIN_MARK = 0.08;
/** …and several times the line's typical letter, so a dirty band does not make every И a Й. */
const BREVE_OVER_MEDIAN = 2.5;

/** Ink pieces each letter leaves: Ы is a soft sign and a stroke; Ё's dots and Й's breve are too small to count. */
const pieces = (value: string) => [...value].reduce((n, c) => n + (c === 'Ы' ? 2 : c === ' ' || c === '-' ? 0 : 1), 0);

/** How dark the band just above each glyph's cap line is, against the band's own paper. */
function marksAbove(grey: GreyImage, line: TextLine): number[] {
  const cap = median(line.glyphBoxes.map((b) => b.y));
  const y0 = Math.max(0, Math.round(cap - 0.45 * line.glyphHeight));
  const y1 = Math.max(0, Math.round(cap - 0.1 * line.glyphHeight));
  const band: number[] = [];
  for (let y = y0; y <= y1; y++) for (let x = line.x; x < line.x + line.w; x++) band.push(grey.data[y * grey.width + x]);
  const paper = Math.max(1, median(band));
  return line.glyphBoxes.map((b) => {
    let sum = 0;
    let n = 0;
    for (let y = y0; y <= y1; y++)
      for (let x = Math.round(b.x + b.w * 0.15); x < b.x + b.w * 0.85; x++) {
        sum += Math.max(0, paper - grey.data[y * grey.width + x]) / paper;
        n++;
      }
    return n ? sum / n : 0;
  });
}

/**
 * Where the ink of a letter's bottom quarter sits across it (0 left … 1 right): У's tail ends bottom
 * left (0.30–0.38 on the bench's phone and hard photos), Ү's and Ұ's stem stands in the middle
 * (0.42–0.54). Between the two bounds the print gives no opinion.
 */
const U_TAIL_BELOW = 0.39;
const U_STEM_ABOVE = 0.41;

export interface LettersSettled {
  readonly value: string;
  /** False when the print could not say И or Й, or contradicts a У / Ү / Ұ read. */
  readonly settled: boolean;
}

/** The value's line when its ink pieces match the letters one to one (Ы counts two), else null. */
function matchedLine(grey: GreyImage, rect: Rect, value: string): TextLine | null {
  const line = findTextLines(grey, rect).sort((a, b) => b.glyphBoxes.length - a.glyphBoxes.length)[0];
  return line && line.glyphBoxes.length === pieces(value) ? line : null;
}

/** Each character with the index of its first ink piece (−1 for spaces and hyphens, which leave none). */
function lettersWithPieces(value: string): { letter: string; piece: number }[] {
  const out: { letter: string; piece: number }[] = [];
  let k = 0;
  for (const c of value) {
    const gap = c === ' ' || c === '-';
    out.push({ letter: c, piece: gap ? -1 : k });
    if (!gap) k += c === 'Ы' ? 2 : 1;
  }
  return out;
}

/** A breve above the cap line makes Й, none makes И. */
function restoreBreves(grey: GreyImage, line: TextLine, value: string): string {
  const marks = marksAbove(grey, line);
  const typical = median(marks);
  return lettersWithPieces(value).reduce((out, { letter, piece }) => {
    if (piece < 0 || (letter !== 'И' && letter !== 'Й')) return out + letter;
    return out + (marks[piece] > BREVE_MIN_MARK && marks[piece] > BREVE_OVER_MEDIAN * typical ? 'Й' : 'И');
  }, '');
}

/** How far across its box the darkness of each piece's bottom quarter sits (0 left … 1 right). */
function bottomBalances(grey: GreyImage, line: TextLine): number[] {
  const values: number[] = [];
  for (let y = line.y; y < line.y + line.h; y++) for (let x = line.x; x < line.x + line.w; x++) values.push(grey.data[y * grey.width + x]);
  values.sort((a, b) => a - b);
  const paper = Math.max(1, values[Math.floor(values.length * 0.9)] ?? 255);
  return line.glyphBoxes.map((box) => {
    let moment = 0;
    let mass = 0;
    for (let y = Math.round(box.y + 0.75 * box.h); y < box.y + box.h; y++)
      for (let x = box.x; x < box.x + box.w; x++) {
        const d = Math.max(0, paper - grey.data[y * grey.width + x]) / paper;
        moment += (d * (x - box.x)) / box.w;
        mass += d;
      }
    return mass ? moment / mass : 0.5;
  });
}

/** False when a У is printed with a centred stem, or a Ү / Ұ with a tail to the bottom left. */
function uShapesAgree(grey: GreyImage, line: TextLine, value: string): boolean {
  const balances = bottomBalances(grey, line);
  return lettersWithPieces(value).every(({ letter, piece }) => {
    if (!'УҮҰ'.includes(letter)) return true;
    return letter === 'У' ? balances[piece] <= U_STEM_ABOVE : balances[piece] >= U_TAIL_BELOW;
  });
}

/**
 * Settles a name read from `rect` by the print itself, when the line's ink pieces match the
 * letters one to one: each И / Й by the breve above it, and each У / Ү / Ұ is checked against the
 * shape of its foot (a disagreement is reported, not corrected: the print tells У from Ү and Ұ,
 * not Ү from Ұ). When the pieces do not match, a value with И or Й is unsettled; У / Ү / Ұ are
 * then taken as read.
 */
export function settleLetters(grey: GreyImage, rect: Rect, value: string): LettersSettled {
  const hasI = /[ИЙ]/.test(value);
  const hasU = /[УҮҰ]/.test(value);
  if (!hasI && !hasU) return { value, settled: true };
  const line = matchedLine(grey, rect, value);
  if (!line) return { value, settled: !hasI };
  const restored = hasI ? restoreBreves(grey, line, value) : value;
  return { value: restored, settled: !hasU || uShapesAgree(grey, line, restored) };
}
