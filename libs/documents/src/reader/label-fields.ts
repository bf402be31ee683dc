import { KZ_ID_BACK_FIELDS, KZ_ID_FRONT_FIELDS, KZ_ID_LABELS, KZ_ID_PRINT, type DocumentLayout, type Rect } from '../layout';
import type { ConfirmableField, DocumentType } from '../types';
import { editDistance, readFieldValue, readFrontFields, type FrontReading, type OcrPools } from './field-ocr';
import type { OcrWord } from './ocr-pool';
import { prepareCrop, type GreyImage } from './prepare-crop';

/** The label pass upscales the side so the small label print is ~20 px tall for tesseract. */
const LABEL_SCALE = 1.5;
/** prepareCrop's white margin, in pixels of the upscaled crop. */
const MARGIN = 12;
const LABEL_ALPHABET = 'АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯӘҒҚҢӨҰҮҺІ0123456789/№. ';
/** A phrase is a label when it is this close (edits per letter) to the label or one of its halves. */
const MAX_LABEL_DISTANCE = 0.3;

/** Front labels the classic layout prints and kz-id keeps on the back: found on a front, they say «classic». */
const CLASSIC_ONLY_ON_FRONT: readonly ConfirmableField[] = ['birthPlace', 'nationality', 'issuingAuthority'];

/** A run of words on one text row with word-sized gaps, in the straightened side's pixels. */
interface Phrase {
  text: string;
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** A printed label found on the side. */
export interface FoundLabel {
  readonly name: ConfirmableField;
  readonly box: Rect;
  /** Edits per letter between what was read and the label. */
  readonly distance: number;
}

export interface LabelScan {
  readonly labels: readonly FoundLabel[];
  readonly words: readonly Phrase[];
}

const letters = (s: string) => s.toUpperCase().replace(/[^А-ЯЁӘҒҚҢӨҰҮҺІ]/g, '');

function toSide(w: OcrWord, region: Rect): Phrase {
  const f = (v: number) => v / LABEL_SCALE;
  return { text: w.text, x0: region.x + f(w.x0 - MARGIN), y0: region.y + f(w.y0 - MARGIN), x1: region.x + f(w.x1 - MARGIN), y1: region.y + f(w.y1 - MARGIN) };
}

/** Groups words into phrases: same row (half their height overlapping), gaps under ~2 letter heights. */
function phrases(words: readonly Phrase[]): Phrase[] {
  const out: Phrase[] = [];
  for (const w of [...words].sort((a, b) => a.x0 - b.x0)) {
    const h = w.y1 - w.y0;
    const row = out.find((p) => {
      const overlap = Math.min(p.y1, w.y1) - Math.max(p.y0, w.y0);
      return overlap > 0.5 * Math.min(h, p.y1 - p.y0) && w.x0 - p.x1 < 2.2 * Math.max(h, p.y1 - p.y0) && w.x0 - p.x1 > -h;
    });
    if (row) {
      row.text += ` ${w.text}`;
      row.x1 = Math.max(row.x1, w.x1);
      row.y0 = Math.min(row.y0, w.y0);
      row.y1 = Math.max(row.y1, w.y1);
    } else out.push({ ...w });
  }
  return out;
}

/**
 * Edits per letter between a phrase and a label (whole, or the Kazakh or Russian half alone), and
 * how far left of the phrase the label starts: a phrase read as the Russian half alone begins
 * after the Kazakh half and the slash.
 */
function labelMatch(phrase: Phrase, label: string): { d: number; start: number } {
  const read = letters(phrase.text);
  if (read.length < 3) return { d: 1, start: phrase.x0 };
  const [kazakh, russian] = label.split('/');
  const parts = [label, kazakh, russian].map((l, k) => ({ k, l: letters(l) })).filter((p) => p.l.length >= 3 || (p.k > 0 && p.l.length >= 3));
  const best = parts.map((p) => ({ ...p, d: editDistance(read, p.l) / p.l.length })).sort((a, b) => a.d - b.d)[0];
  if (!best || best.k !== 2) return { d: best?.d ?? 1, start: phrase.x0 };
  const perChar = (phrase.x1 - phrase.x0) / Math.max(1, russian.trim().length);
  return { d: best.d, start: phrase.x0 - perChar * (kazakh.length + 2) };
}

/** What `labelMatch` would say of a value: does it read as one of the card's labels? */
export function readsAsLabel(value: string): boolean {
  const phrase = { text: value, x0: 0, y0: 0, x1: 0, y1: 0 };
  return Object.values(KZ_ID_LABELS).some((l) => labelMatch(phrase, l).d <= MAX_LABEL_DISTANCE);
}

/**
 * One tesseract pass (kaz+rus, sparse text, word boxes) over `region` of a straightened side;
 * returns where each of `names`' labels is printed, matched fuzzily and each label at most once.
 */
export async function findLabels(pools: OcrPools, grey: GreyImage, region: Rect, names: readonly ConfirmableField[]): Promise<LabelScan> {
  // Light-corrected grey, not binarised: tesseract keeps more of the small, blurred label print.
  const crop = await prepareCrop(grey, region, LABEL_SCALE, false, false);
  const ocr = await pools.cyrillic.recognize({ image: crop.png, psm: 11, whitelist: LABEL_ALPHABET, words: true });
  const words = (ocr.words ?? []).map((w) => toSide(w, region));
  const found = phrases(words);
  const candidates = names.flatMap((name) => found.map((p) => ({ name, p, ...labelMatch(p, KZ_ID_LABELS[name]!) })))
    .filter((c) => c.d <= MAX_LABEL_DISTANCE)
    .sort((a, b) => a.d - b.d);
  const labels: FoundLabel[] = [];
  const used = new Set<Phrase>();
  for (const c of candidates) {
    if (used.has(c.p) || labels.some((l) => l.name === c.name)) continue;
    used.add(c.p);
    const x = Math.max(0, c.start);
    labels.push({ name: c.name, box: { x, y: c.p.y0, w: c.p.x1 - x, h: c.p.y1 - c.p.y0 }, distance: Number(c.d.toFixed(3)) });
  }
  return { labels, words };
}

/** The value printed below a label: as wide as the row allows before the next label to its right. */
export function valueBelow(label: FoundLabel, all: readonly FoundLabel[], side: { width: number }, words: readonly Phrase[] = []): Rect {
  const { valueBaseline, valueSize, labelSize } = KZ_ID_PRINT;
  const b = label.box;
  // The label's caps top sits ~3 px below the printed field's top.
  const top = b.y - 3 + valueBaseline - Math.round(valueSize * 1.05);
  const right = all
    .filter((o) => o !== label && o.box.x > b.x + b.w && Math.abs(o.box.y - b.y) < labelSize)
    .reduce((r, o) => Math.min(r, o.box.x - 14), side.width - 12);
  const h = Math.round(valueSize * 1.55);
  // The value starts where the label does; a word the pass read there says exactly where.
  const starts = words.filter((w) => (w.y0 + w.y1) / 2 > top && (w.y0 + w.y1) / 2 < top + h && Math.abs(w.x0 - b.x) < 60 && /[А-ЯЁӘҒҚҢӨҰҮҺІ0-9]{2}/.test(w.text));
  const x = Math.max(0, (starts.length ? Math.min(...starts.map((w) => w.x0)) : b.x) - 8);
  return { x, y: top, w: right - x, h };
}

export interface LabelledReading {
  readonly readings: readonly FrontReading[];
  readonly labels: readonly FoundLabel[];
}

/**
 * Reads the kz-id front by its labels: null when fewer than three front labels are found or the
 * front also prints back labels (the classic arrangement), so the caller falls back to the
 * classic rectangles. The document number is the run of digits under the card's title.
 */
export async function readKzIdFront(pools: OcrPools, grey: GreyImage): Promise<LabelledReading | null> {
  const scan = await findLabels(pools, grey, { x: 0, y: 0, w: grey.width, h: grey.height }, [...KZ_ID_FRONT_FIELDS, ...CLASSIC_ONLY_ON_FRONT]);
  if (scan.labels.some((l) => CLASSIC_ONLY_ON_FRONT.includes(l.name))) return null;
  const labels = inferMissingFront(scan.labels.filter((l) => KZ_ID_FRONT_FIELDS.includes(l.name)), scan.words);
  if (!labels) return null;
  const readings = labels.map((l) => readFieldValue(pools, grey, 'id_card', l.name, valueBelow(l, labels, grey, scan.words)));
  const topOfLabels = Math.min(...labels.map((l) => l.box.y));
  const number = scan.words.find((w) => /\d{6,}/.test(w.text) && w.y1 <= topOfLabels + 4);
  if (number) {
    const h = number.y1 - number.y0;
    readings.push(readFieldValue(pools, grey, 'id_card', 'documentNumber', { x: number.x0 - 6, y: number.y0 - h * 0.5, w: number.x1 - number.x0 + 20, h: h * 2 }));
  }
  return { readings: await Promise.all(readings), labels };
}

/** Typical distance between two label rows on the kz-id front, used when only one row was found. */
const FRONT_ROW_STEP = 78;

/**
 * Completes the front's labels from those found: the card prints them in a fixed order (surname,
 * given name, patronymic, birth date, then the IIN beside it or below it), each row a constant
 * step apart, so the found rows place the missing ones. The IIN, when its label was missed, is
 * the run of 12 digits below the labels. Null when no front label was found at all.
 */
function inferMissingFront(found: FoundLabel[], words: readonly Phrase[]): FoundLabel[] | null {
  if (found.length === 0) return null;
  const columnX = Math.min(...found.map((l) => l.box.x));
  const besideBirth = (l: FoundLabel) => l.name === 'iin' && l.box.x > columnX + 120;
  const row = (l: FoundLabel) => (l.name === 'iin' ? (besideBirth(l) ? 3 : 4) : KZ_ID_FRONT_FIELDS.indexOf(l.name));
  const inColumn = found.filter((l) => !besideBirth(l));
  const rows = inColumn.map((l) => ({ k: row(l), y: l.box.y }));
  const lo = rows.reduce((a, b) => (b.k < a.k ? b : a), rows[0] ?? { k: 3, y: found[0].box.y });
  const hi = rows.reduce((a, b) => (b.k > a.k ? b : a), lo);
  const step = hi.k > lo.k ? (hi.y - lo.y) / (hi.k - lo.k) : FRONT_ROW_STEP;
  const y0 = lo.y - lo.k * step;
  const h = found[0].box.h;
  const out = [...found];
  for (const name of KZ_ID_FRONT_FIELDS) {
    if (out.some((l) => l.name === name)) continue;
    if (name === 'iin') {
      const digits = words.find((w) => /\d{11,}/.test(w.text) && w.y0 > y0 + 2 * step);
      if (digits) {
        out.push({ name, box: { x: digits.x0, y: digits.y0 - (KZ_ID_PRINT.valueBaseline - KZ_ID_PRINT.valueSize), w: 200, h }, distance: 1 });
        continue;
      }
    }
    const k = name === 'iin' ? 4 : KZ_ID_FRONT_FIELDS.indexOf(name);
    out.push({ name, box: { x: columnX, y: y0 + k * step, w: 200, h }, distance: 1 });
  }
  return out;
}

/** Reads the kz-id back's labelled fields above the zone (`zoneTop`); empty when none are found. */
export async function readKzIdBack(pools: OcrPools, grey: GreyImage, zoneTop: number): Promise<LabelledReading> {
  const scan = await findLabels(pools, grey, { x: 0, y: 0, w: grey.width, h: zoneTop }, KZ_ID_BACK_FIELDS);
  const readings = await Promise.all(scan.labels.map((l) => readFieldValue(pools, grey, 'id_card', l.name, valueBelow(l, scan.labels, grey, scan.words))));
  return { readings, labels: scan.labels };
}

/**
 * The portrait as the photo block left of the labels: columns, then rows, where many pixels are
 * photo rather than card (dark, or more colourful than the pale tint and its guilloche). The
 * card's header is above it and nothing else is printed there. Null when no block of portrait
 * size is found.
 */
export function findPortrait(rgb: Uint8Array, width: number, height: number, rightOf: number): Rect | null {
  const photo = (x: number, y: number) => {
    const i = (y * width + x) * 3;
    const r = rgb[i];
    const g = rgb[i + 1];
    const b = rgb[i + 2];
    return (r + g + b) / 3 < 165 || Math.max(r, g, b) - Math.min(r, g, b) > 48;
  };
  const yTop = Math.round(height * 0.14);
  const yBottom = Math.round(height * 0.97);
  const xEnd = Math.max(0, Math.min(width, Math.round(rightOf)));
  const span = (counts: number[], min: number): [number, number] | null => {
    // The longest run of busy lines, allowing short gaps.
    let best: [number, number] | null = null;
    let start = -1;
    let gap = 0;
    for (let i = 0; i <= counts.length; i++) {
      if (i < counts.length && counts[i] >= min) {
        if (start < 0) start = i;
        gap = 0;
      } else if (start >= 0 && (i === counts.length || ++gap > 6)) {
        const end = i - gap;
        if (!best || end - start > best[1] - best[0]) best = [start, end];
        start = -1;
        gap = 0;
      }
    }
    return best;
  };
  const cols = Array.from({ length: xEnd }, (_, x) => {
    let n = 0;
    for (let y = yTop; y < yBottom; y += 2) if (photo(x, y)) n++;
    return n;
  });
  const xs = span(cols, ((yBottom - yTop) / 2) * 0.12);
  if (!xs || xs[1] - xs[0] < width * 0.12) return null;
  const rows = Array.from({ length: yBottom - yTop }, (_, k) => {
    let n = 0;
    for (let x = xs[0]; x < xs[1]; x += 2) if (photo(x, yTop + k)) n++;
    return n;
  });
  const ys = span(rows, ((xs[1] - xs[0]) / 2) * 0.12);
  if (!ys || ys[1] - ys[0] < height * 0.25) return null;
  return { x: xs[0], y: yTop + ys[0], w: xs[1] - xs[0], h: ys[1] - ys[0] };
}

/** What the printed sides said, and where the portrait is when it is not in the classic rectangle. */
export interface PrintedFields {
  readonly layout: DocumentLayout;
  readonly readings: FrontReading[];
  readonly portrait: Rect | null;
}

/**
 * An ID card's printed fields: by their labels when the front is the kz-id arrangement (its back
 * fields too, when the back is given), otherwise from the classic rectangles. Passports keep
 * their one arrangement.
 */
export async function readPrintedFields(
  pools: OcrPools,
  type: DocumentType,
  front: { rgb: Uint8Array; grey: GreyImage },
  back: { grey: GreyImage; zoneTop: number } | null,
): Promise<PrintedFields> {
  const kzId = type === 'id_card' ? await readKzIdFront(pools, front.grey) : null;
  if (!kzId) return { layout: 'classic', readings: await readFrontFields(pools, front.grey, type), portrait: null };
  const backReading = back ? await readKzIdBack(pools, back.grey, back.zoneTop) : null;
  const readings = [...kzId.readings, ...(backReading?.readings ?? [])];
  const labelsLeft = Math.min(...kzId.labels.map((l) => l.box.x));
  return { layout: 'kz-id', readings, portrait: findPortrait(front.rgb, front.grey.width, front.grey.height, labelsLeft - 10) };
}
