/**
 * Letters the zone writes alike, settled by the print: И, Й and І (all I), К and Қ (K), Н and Ң (N),
 * У, Ү and Ұ (all U). OCR of a blurred photo drops Й's breve and Қ's tail and reads Ү as У; the
 * zone ↔ front cross-check cannot notice.
 */
import type { Rect } from '../layout';
import type { GreyImage } from './prepare-crop';
import { baselineOf, findTextLines, median, type TextLine } from './text-lines';

/** Darkness above a glyph's cap line that marks a breve: Й scores 0.11–0.16, every other letter ≤ 0.05. */
const BREVE_MIN_MARK = 0.08;
/** …and several times the line's typical letter, so a dirty band does not make every И a Й. */
const BREVE_OVER_MEDIAN = 2.5;
/**
 * A mark this dark is in doubt. A hard photo's glare and blur left a Й's breve at 0.104 (СЕРГЕИ),
 * cards 350–390 px across at 0.056–0.059, under 1.5 times their line's typical letter when Ю's top
 * darkened the band too (ЮРИИ was accepted for ЮРИЙ); an И's band measured ≤ 0.028 on 80 phone
 * cards but one at 0.049, which is marked for the applicant.
 */
const NO_BREVE_BELOW = 0.04;

/**
 * Ink width over cap height of a bold І (one stroke: 0.21–0.38 on phone photos) and of an И or Й
 * (0.86–0.95); between the two the letter is in doubt. ТИМУР was read, and accepted, for a ТІМУР
 * whose stroke measured 0.29.
 */
const STEM_ONLY_BELOW = 0.55;
const TWO_STEMS_ABOVE = 0.7;

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
 * Қ's and Ң's tail: the letter's piece reaches more than this share of the letter height below
 * the line's baseline. On the bench's photos К and Н reach at most 0.05 (phone) and 0.11 (hard);
 * Қ at least 0.18 on a phone photo, but only 0.09–0.15 on a hard one, where blur spreads every
 * letter's foot.
 */
const TAIL_BELOW = 0.15;
/** Below this the letter has no tail; between the two the print cannot say. */
const NO_TAIL_BELOW = 0.07;
/** On a line more blurred than this (`blurOf`) a tail may be gone altogether: no tail proves nothing. */
const TAIL_BLUR_MAX = 2.2;
const TAILED: Readonly<Record<string, string>> = { К: 'Қ', Н: 'Ң' };
const TAILLESS: Readonly<Record<string, string>> = { Қ: 'К', Ң: 'Н' };
/** Letters that may be a marked letter read without its mark (breve, tail, bar or straight stem). */
const MARK_DROPPED = /[ИКНУ]/;

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
  /** Whether the value's ink pieces were matched to its letters (true when there was nothing to match). */
  readonly matched: boolean;
}

/**
 * A piece this many times the line's typical letter wide is two letters that touch: on the bench's
 * kz-id fronts (clean, phone, hard) no single letter but Щ, Ж, Ш and Ю reaches 1.41 (М), those four
 * reach 1.71–1.94, and most touching pairs 1.84–2.47. A name with one of the four is not cut.
 */
const TOUCHING_WIDTH = 1.7;
const AS_WIDE_AS_TWO = /[ЩЖШЮ]/;
/** A pixel this dark against the paper is ink, when a split piece's halves are shrunk to their own ink. */
const INK_DARKNESS = 0.4;

/** What a line's box says of its print, measured once per line. */
interface LinePrint {
  /** The paper's grey around the line: its brighter pixels. */
  readonly paper: number;
  /**
   * How blurred the print is: pixels between a quarter and three quarters of the way from paper
   * to ink, per pixel of full ink. The bench's phone photos: 0.5–1.5 (one line 4.5); hard ones
   * 1.2–3.7, and every hard photo on which a Қ showed no tail at all was above 2.9.
   */
  readonly blur: number;
}

function printOf(grey: GreyImage, line: Rect): LinePrint {
  const values: number[] = [];
  for (let y = line.y; y < line.y + line.h; y++) for (let x = line.x; x < line.x + line.w; x++) values.push(grey.data[y * grey.width + x]);
  values.sort((a, b) => a - b);
  const paper = Math.max(1, values[Math.floor(values.length * 0.9)] ?? 255);
  const contrast = Math.max(1, paper - (values[Math.floor(values.length * 0.03)] ?? 0));
  let mid = 0;
  let full = 0;
  for (const v of values) {
    const d = (paper - v) / contrast;
    if (d > 0.75) full++;
    else if (d > 0.25) mid++;
  }
  return { paper, blur: mid / Math.max(1, full) };
}

/** The rows of `r` that hold ink, as a box (the whole of `r` when none do). */
function inkExtent(grey: GreyImage, r: Rect, paper: number): Rect {
  let top = -1;
  let bottom = -1;
  for (let y = r.y; y < r.y + r.h; y++)
    for (let x = r.x; x < r.x + r.w; x++)
      if ((paper - grey.data[y * grey.width + x]) / paper > INK_DARKNESS) {
        if (top < 0) top = y;
        bottom = y;
        break;
      }
  return top < 0 ? r : { x: r.x, y: top, w: r.w, h: bottom + 1 - top };
}

/** Two touching letters cut apart where the least ink crosses the middle of their piece. */
function splitPiece(grey: GreyImage, box: Rect, paper: number): [Rect, Rect] {
  let cut = Math.round(box.x + box.w / 2);
  let least = Infinity;
  for (let x = Math.round(box.x + 0.3 * box.w); x <= box.x + 0.7 * box.w; x++) {
    let ink = 0;
    for (let y = box.y; y < box.y + box.h; y++) ink += Math.max(0, paper - grey.data[y * grey.width + x]);
    if (ink < least) [least, cut] = [ink, x];
  }
  return [inkExtent(grey, { x: box.x, y: box.y, w: cut - box.x, h: box.h }, paper), inkExtent(grey, { x: cut, y: box.y, w: box.x + box.w - cut, h: box.h }, paper)];
}

/**
 * The line with as many pieces as `wanted`, touching letters cut apart (the widest piece first,
 * while it is clearly two letters wide); null when that cannot be had.
 */
function splitTouching(grey: GreyImage, line: TextLine, wanted: number, paper: number): TextLine | null {
  const boxes = [...line.glyphBoxes];
  const typical = median(boxes.map((b) => b.w));
  while (boxes.length < wanted) {
    const widest = boxes.reduce((best, b, i) => (b.w > boxes[best].w ? i : best), 0);
    if (boxes[widest].w < TOUCHING_WIDTH * typical) return null;
    boxes.splice(widest, 1, ...splitPiece(grey, boxes[widest], paper));
  }
  return { ...line, glyphBoxes: boxes };
}

/**
 * The value's line with one ink piece per letter (Ы counts two), touching letters cut apart; null
 * when the pieces cannot be matched to the letters.
 */
function piecesOfValue(grey: GreyImage, line: TextLine, print: LinePrint, value: string): TextLine | null {
  const wanted = pieces(value);
  if (line.glyphBoxes.length > wanted) return null;
  if (line.glyphBoxes.length === wanted) return line;
  return AS_WIDE_AS_TWO.test(value) ? null : splitTouching(grey, line, wanted, print.paper);
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

/** One narrow stroke makes І, a letter as wide as И makes И; a width between leaves the name unsettled. */
function restoreStems(line: TextLine, value: string): { value: string; settled: boolean } {
  let settled = true;
  const restored = lettersWithPieces(value).reduce((out, { letter, piece }) => {
    if (piece < 0 || !'ИЙІ'.includes(letter)) return out + letter;
    const width = line.glyphBoxes[piece].w / line.glyphHeight;
    if (width < STEM_ONLY_BELOW) return out + 'І';
    if (width > TWO_STEMS_ABOVE) return out + (letter === 'І' ? 'И' : letter);
    settled = false;
    return out + letter;
  }, '');
  return { value: restored, settled };
}

/**
 * A breve above the cap line makes Й, none makes И; a mark between the two (a blurred line's caps
 * darken the band above every letter) leaves the name unsettled.
 */
function restoreBreves(grey: GreyImage, line: TextLine, value: string): { value: string; settled: boolean } {
  const marks = marksAbove(grey, line);
  const typical = median(marks);
  let settled = true;
  const restored = lettersWithPieces(value).reduce((out, { letter, piece }) => {
    if (piece < 0 || (letter !== 'И' && letter !== 'Й')) return out + letter;
    const mark = marks[piece];
    if (mark > BREVE_MIN_MARK && mark > BREVE_OVER_MEDIAN * typical) return out + 'Й';
    if (mark > NO_BREVE_BELOW) settled = false;
    return out + 'И';
  }, '');
  return { value: restored, settled };
}

/**
 * A tail below the baseline makes К Қ and Н Ң. A К or Н whose foot the print leaves in doubt (or
 * on a line too blurred for a tail to show), or a Қ or Ң read where the print shows no tail,
 * unsettles the name; a Қ or Ң whose tail is in doubt is taken as read (blur takes tails away, it
 * does not add them).
 */
function restoreTails(line: TextLine, print: LinePrint, value: string): { value: string; settled: boolean } {
  const baseline = baselineOf(line);
  const tailsShow = print.blur <= TAIL_BLUR_MAX;
  let settled = true;
  const restored = lettersWithPieces(value).reduce((out, { letter, piece }) => {
    if (!TAILED[letter] && !TAILLESS[letter]) return out + letter;
    const box = line.glyphBoxes[piece];
    const below = (box.y + box.h - baseline) / line.glyphHeight;
    if (below > TAIL_BELOW) return out + (TAILED[letter] ?? letter);
    if (below >= NO_TAIL_BELOW || !tailsShow ? TAILED[letter] : TAILLESS[letter]) settled = false;
    return out + letter;
  }, '');
  return { value: restored, settled };
}

/** How far across its box the darkness of each piece's bottom quarter sits (0 left … 1 right). */
function bottomBalances(grey: GreyImage, line: TextLine, paper: number): number[] {
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
function uShapesAgree(grey: GreyImage, line: TextLine, print: LinePrint, value: string): boolean {
  const balances = bottomBalances(grey, line, print.paper);
  return lettersWithPieces(value).every(({ letter, piece }) => {
    if (!'УҮҰ'.includes(letter)) return true;
    return letter === 'У' ? balances[piece] <= U_STEM_ABOVE : balances[piece] >= U_TAIL_BELOW;
  });
}

/**
 * Settles a name read from `rect` by the print itself, when the line's ink pieces match the
 * letters one to one (touching letters cut apart): І from И by the stroke's width, each И / Й by
 * the breve above it, a К or Н with a tail becomes Қ or Ң (a foot in doubt marks the name), and
 * each У / Ү / Ұ is checked against the shape of its foot (a disagreement is reported, not
 * corrected: the print tells У from Ү and Ұ, not Ү from Ұ). When the pieces do not match, a value
 * with И, К, Н or У (each maybe a Й, Қ, Ң, Ү or Ұ whose mark OCR dropped) is unsettled; one with
 * only the marked letters is taken as read.
 */
export function settleLetters(grey: GreyImage, rect: Rect, value: string): LettersSettled {
  const hasI = /[ИЙІ]/.test(value);
  const hasU = /[УҮҰ]/.test(value);
  const hasK = /[КҚНҢ]/.test(value);
  if (!hasI && !hasU && !hasK) return { value, settled: true, matched: true };
  const found = findTextLines(grey, rect).sort((a, b) => b.glyphBoxes.length - a.glyphBoxes.length)[0];
  if (found) {
    const print = printOf(grey, found);
    const line = piecesOfValue(grey, found, print, value);
    if (line) {
      const stems = hasI ? restoreStems(line, value) : { value, settled: true };
      const breves = hasI ? restoreBreves(grey, line, stems.value) : stems;
      const tails = restoreTails(line, print, breves.value);
      const settled = stems.settled && breves.settled && tails.settled && (!hasU || uShapesAgree(grey, line, print, tails.value));
      return { value: tails.value, settled, matched: true };
    }
  }
  // Unchecked, a letter whose mark OCR may have dropped (И for Й, К for Қ, Н for Ң, У for Ү or Ұ) proves nothing.
  return { value, settled: !MARK_DROPPED.test(value), matched: false };
}
