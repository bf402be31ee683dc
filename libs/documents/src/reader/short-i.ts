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

export interface ShortISettled {
  readonly value: string;
  /** False when the value has И or Й and the print could not say which: the zone writes both as I. */
  readonly settled: boolean;
}

/**
 * Decides each И / Й of a name read from `rect` by the print itself: OCR of a blurred photo drops
 * Й's breve, and the zone (I for both) cannot tell them apart. When the line's ink pieces match the
 * letters one to one, a letter with a breve above it is Й and one without is И; otherwise the
 * value is returned as read, unsettled.
 */
export function settleShortI(grey: GreyImage, rect: Rect, value: string): ShortISettled {
  if (!/[ИЙ]/.test(value)) return { value, settled: true };
  const line = findTextLines(grey, rect).sort((a, b) => b.glyphBoxes.length - a.glyphBoxes.length)[0];
  if (!line || line.glyphBoxes.length !== pieces(value)) return { value, settled: false };
  const marks = marksAbove(grey, line);
  const typical = median(marks);
  let k = 0;
  let out = '';
  for (const c of value) {
    if (c === ' ' || c === '-') {
      out += c;
      continue;
    }
    if (c === 'И' || c === 'Й') out += marks[k] > BREVE_MIN_MARK && marks[k] > BREVE_OVER_MEDIAN * typical ? 'Й' : 'И';
    else out += c;
    k += c === 'Ы' ? 2 : 1;
  }
  return { value: out, settled: true };
}
