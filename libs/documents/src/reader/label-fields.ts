import { distance } from 'fastest-levenshtein';
import { fieldsSide, KZ_ID_BACK_FIELDS, KZ_ID_EITHER_COLUMN, KZ_ID_FRONT_FIELDS, KZ_ID_LABELS, KZ_ID_SECOND_COLUMN, type DocumentLayout, type Rect } from '../layout';
import type { ConfirmableField, DocumentType } from '../types';
import { readFieldValue, readFrontFields, type FrontReading, type OcrPools } from './field-ocr';
import { prepareFaintCrop, type GreyImage } from './prepare-crop';
import { findTextLines, type TextLine } from './text-lines';

/** Label print (caps ≈ 9 px on the 1000-px side) is upscaled to ≈ 27 px caps for tesseract. */
const LABEL_SCALE = 3;
const LABEL_ALPHABET = 'АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯӘҒҚҢӨҰҮҺІ0123456789/№. ';
/** A read is a label when it is this close (edits per letter) to the label or one of its halves. */
const MAX_LABEL_DISTANCE = 0.3;
/** Values print at about twice the labels' height: lines with glyphs at least this tall are values. */
const VALUE_MIN_GLYPH = 16;
/**
 * …and no taller than this (values' capitals are ≈ 21 px on the 1000-px side): the portrait's
 * blobs of ink make "lines" of 28–38 px that line up in a column of their own.
 */
const VALUE_MAX_GLYPH = 27;
/** Columns within this share of the heaviest are as good: the leftmost of them is the fields'. */
const COLUMN_TIE = 0.9;
/** A side with this many rows of values is the classic arrangement (eight rows; kz-id has at most five). */
const CLASSIC_MIN_ROWS = 6;
/** Labels only the classic front prints (kz-id keeps these fields on the back, and labels no number). */
const CLASSIC_ONLY_LABELS = fieldsSide('id_card')
  .fields.filter((f) => !KZ_ID_FRONT_FIELDS.includes(f.name))
  .map((f) => f.label);

const letters = (s: string) => s.toUpperCase().replace(/[^А-ЯЁӘҒҚҢӨҰҮҺІ]/g, '');

/** Edits per letter between what was read and a label (whole, or its Kazakh or Russian half alone). */
function labelDistance(text: string, label: string): number {
  const read = letters(text);
  if (read.length < 3) return 1;
  return Math.min(...[label, ...label.split('/')].map(letters).filter((l) => l.length >= 3).map((l) => distance(read, l) / l.length));
}

/** Whether a value reads as one of the card's labels (a misplaced crop). */
export function readsAsLabel(value: string): boolean {
  return Object.values(KZ_ID_LABELS).some((l) => labelDistance(value, l) <= MAX_LABEL_DISTANCE);
}

/** One printed field: its value line and the band above it where its label is printed. */
export interface FieldSlot {
  readonly value: TextLine;
  readonly label: Rect;
  /** Right edge of the value's room: the next field on its row, or the side's edge. */
  readonly right: number;
  readonly row: number;
  /** Whether the value starts on the side's column of fields (else it prints right of one). */
  readonly inColumn: boolean;
}

/**
 * The fields of a labelled side, found without OCR: the value lines (bold, about twice the labels'
 * height) that share a left edge with at least one other form the column — of columns about as
 * heavy, the leftmost, since a side prints its second column to the right of its first; values on a
 * column line's row to its right are fields too, and so is a value right of the column whose row
 * has lost its column line (glare can wipe one out), when it lines up with a value on another row.
 * Row-major order, which is the card's print order.
 */
export function fieldSlots(lines: readonly TextLine[], side: { width: number }): FieldSlot[] {
  const values = lines.filter((l) => l.glyphHeight >= VALUE_MIN_GLYPH && l.glyphHeight <= VALUE_MAX_GLYPH && l.w >= 1.5 * l.glyphHeight);
  // Left edges agree, give or take what a slightly wrong perspective slants them by.
  const aligned = (a: TextLine, b: TextLine) => Math.abs(a.x - b.x) <= 10 + 0.15 * Math.abs(a.y - b.y);
  const weight = (col: TextLine[]) => col.reduce((sum, l) => sum + l.glyphHeight, 0);
  // The column of the most (and tallest) values: the header's smaller print loses to the fields.
  const columns = values.map((v) => values.filter((o) => aligned(o, v))).filter((c) => c.length >= 2);
  const heaviest = Math.max(0, ...columns.map(weight));
  const column = columns.filter((c) => weight(c) >= COLUMN_TIE * heaviest).sort((a, b) => Math.min(...a.map((l) => l.x)) - Math.min(...b.map((l) => l.x)))[0];
  if (!column) return [];
  column.sort((a, b) => a.y - b.y);
  const left = Math.min(...column.map((l) => l.x));
  const onRow = (o: TextLine, c: TextLine) => Math.abs(o.y - c.y) < 0.6 * c.glyphHeight;
  const rows = column.map((c) => [c, ...values.filter((o) => !column.includes(o) && onRow(o, c) && o.x > c.x + c.w + 10)]);
  const placed = new Set(rows.flat());
  const [top, bottom] = [column[0].y, column[column.length - 1].y];
  const orphans = values.filter((v) => !placed.has(v) && v.x > left + 10 && v.y > top && v.y < bottom && values.some((o) => o !== v && !onRow(o, v) && aligned(o, v)));
  for (const o of orphans.sort((a, b) => a.y - b.y)) {
    const row = rows.find((r) => !column.includes(r[0]) && onRow(o, r[0]));
    if (row) row.push(o);
    else rows.push([o]);
  }
  rows.sort((a, b) => a[0].y - b[0].y).forEach((r) => r.sort((a, b) => a.x - b.x));
  const slots: FieldSlot[] = [];
  rows.forEach((row, r) => {
    row.forEach((v, k) => {
      const right = k + 1 < row.length ? row[k + 1].x - 12 : side.width - 8;
      const above = r > 0 ? Math.max(...rows[r - 1].map((o) => o.y + o.h)) : 0;
      const top = Math.max(above + 1, v.y - 1.45 * v.glyphHeight);
      slots.push({ value: v, row: r, right, inColumn: column.includes(v), label: { x: Math.max(0, v.x - 8), y: top, w: Math.min(right, v.x + 560) - Math.max(0, v.x - 8), h: v.y - 1 - top } });
    });
  });
  return slots;
}

/** A field slot with the name its label (or, where the label cannot be read, its place) gives it. */
export interface NamedSlot extends FieldSlot {
  readonly name: ConfirmableField;
  /** Edits per letter between what was read and the label; null when named by place only. */
  readonly labelDistance: number | null;
}

/** Reads each slot's label: one small tesseract line each, the faint print's contrast stretched. */
export function readLabels(pools: OcrPools, grey: GreyImage, slots: readonly FieldSlot[]): Promise<string[]> {
  return Promise.all(
    slots.map(async (s) => (s.label.h >= 6 ? (await pools.cyrillic.recognize({ image: await prepareFaintCrop(grey, s.label, LABEL_SCALE), psm: 7, whitelist: LABEL_ALPHABET })).text.trim() : '')),
  );
}

/**
 * Names the slots in the order the card prints its fields: of all ways to give the slots distinct
 * names in that order (a slot may stay unnamed), the one whose labels (`reads`) read closest. A
 * label read clearly names its slot wherever it is; slots whose label cannot be read take the
 * names their place leaves them — in print order, and in their column: a value on the field column
 * is not named after a field the card prints right of another, nor the other way round, unless
 * its label says so.
 */
export function nameSlots(slots: readonly FieldSlot[], reads: readonly string[], order: readonly ConfirmableField[]): NamedSlot[] {
  // A label read further than half its letters from a name says nothing of it (МА. .Т, a blurred ТЕГІ / ФАМИЛИЯ, came 0.67 from АТЫ).
  const heard = (k: number) => (k <= HALF_READ ? k : 1);
  const d = slots.map((_, i) => order.map((name) => heard(labelDistance(reads[i], KZ_ID_LABELS[name]!))));
  const otherColumn = (s: FieldSlot, name: ConfirmableField) => !KZ_ID_EITHER_COLUMN.includes(name) && s.inColumn === KZ_ID_SECOND_COLUMN.includes(name);
  const names = assignInOrder(slots.map((s, i) => order.map((name, j) => d[i][j] + (otherColumn(s, name) ? WRONG_COLUMN_COST : 0))));
  return slots.flatMap((s, i) => {
    const j = names[i];
    if (j < 0) return [];
    return [{ ...s, name: order[j], labelDistance: d[i][j] <= MAX_LABEL_DISTANCE ? Number(d[i][j].toFixed(3)) : null }];
  });
}

/** Edits per letter beyond which a label read counts as not read at all when slots are named. */
const HALF_READ = 0.5;

/** Naming a slot after a field of the other column: a clearly read label (≤ 0.3) still wins over it. */
const WRONG_COLUMN_COST = 0.5;

/** Leaving a slot unnamed costs a little more than naming it against an unreadable label. */
const SKIP_COST = 1.05;

/**
 * Order-preserving assignment of slots to names (slot i before slot k ⇒ name before name) with the
 * least total cost (`cost[slot][name]`); -1 for a slot left unnamed. Dynamic programming.
 */
export function assignInOrder(cost: readonly (readonly number[])[]): number[] {
  const n = cost.length;
  const m = n ? cost[0].length : 0;
  // best[i][j]: least cost of slots ≥ i using names ≥ j.
  const best = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) {
    best[i][m] = best[i + 1][m] + SKIP_COST;
    for (let j = m - 1; j >= 0; j--) best[i][j] = Math.min(best[i + 1][j] + SKIP_COST, cost[i][j] + best[i + 1][j + 1], best[i][j + 1]);
  }
  const out = new Array<number>(n).fill(-1);
  for (let i = 0, j = 0; i < n; ) {
    if (j < m && best[i][j] === cost[i][j] + best[i + 1][j + 1]) out[i++] = j++;
    else if (j < m && best[i][j] === best[i][j + 1]) j++;
    else i++;
  }
  return out;
}

/** The value's line, with room above for tall letters and below for descenders. */
function slotValueRect(slot: FieldSlot): Rect {
  const v = slot.value;
  const x = Math.max(0, v.x - 8);
  return { x, y: v.y - 0.35 * v.glyphHeight, w: slot.right - x, h: 1.75 * v.glyphHeight };
}

/**
 * Reads the named slots' values. A field named by place only, on a side where the slots do not
 * add up to the arrangement, is not trusted on its own: its confidence is capped.
 */
async function readSlots(pools: OcrPools, grey: GreyImage, named: readonly NamedSlot[], complete: boolean): Promise<FrontReading[]> {
  return Promise.all(
    named.map(async (s) => {
      const reading = await readFieldValue(pools, grey, 'id_card', s.name, slotValueRect(s));
      return s.labelDistance === null && !complete ? { ...reading, confidence: Math.min(reading.confidence, 0.6) } : reading;
    }),
  );
}

export interface LabelledReading {
  readonly readings: readonly FrontReading[];
  readonly slots: readonly NamedSlot[];
}

/**
 * Reads the kz-id front by its labels: null when the front is the classic arrangement (six or
 * more rows of values, where kz-id prints at most five, or a label only the classic front
 * prints) or has no field column at all, so the caller falls back to the classic rectangles. The
 * document number is the lowest line of the header right of the fields, its last word, read
 * beside the fields.
 */
export async function readKzIdFront(pools: OcrPools, grey: GreyImage): Promise<LabelledReading | null> {
  const lines = findTextLines(grey, { x: 0, y: 0, w: grey.width, h: grey.height });
  const slots = fieldSlots(lines, grey);
  const rows = new Set(slots.map((s) => s.row)).size;
  if (slots.length < 2 || rows >= CLASSIC_MIN_ROWS) return null;
  const reads = await readLabels(pools, grey, slots);
  if (reads.some((r) => CLASSIC_ONLY_LABELS.some((l) => labelDistance(r, l) <= MAX_LABEL_DISTANCE))) return null;
  const fields = nameSlots(slots, reads, KZ_ID_FRONT_FIELDS);
  const columnX = Math.min(...slots.map((s) => s.value.x));
  const top = Math.min(...slots.map((s) => s.label.y));
  const header = lines.filter((l) => l.y + l.h <= top && l.x > columnX && l.words.length).sort((a, b) => b.y - a.y)[0];
  const number = header?.words[header.words.length - 1];
  const h = header?.glyphHeight ?? 0;
  const [readings, numberReading] = await Promise.all([
    readSlots(pools, grey, fields, slots.length === KZ_ID_FRONT_FIELDS.length),
    number ? readFieldValue(pools, grey, 'id_card', 'documentNumber', { x: number.x - 6, y: header.y - 0.5 * h, w: number.w + 20, h: 2 * h }) : null,
  ]);
  return { readings: numberReading ? [...readings, numberReading] : readings, slots: fields };
}

/** Reads the kz-id back's labelled fields above the zone (`zoneTop`); empty when none are found. */
export async function readKzIdBack(pools: OcrPools, grey: GreyImage, zoneTop: number): Promise<LabelledReading> {
  const slots = fieldSlots(findTextLines(grey, { x: 0, y: 0, w: grey.width, h: zoneTop }), grey);
  const named = nameSlots(slots, await readLabels(pools, grey, slots), KZ_ID_BACK_FIELDS);
  return { readings: await readSlots(pools, grey, named, slots.length === KZ_ID_BACK_FIELDS.length), slots: named };
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
  // The back is read beside the front: a classic card's back has no labelled fields to find.
  const [kzId, backReading] = await Promise.all([
    type === 'id_card' ? readKzIdFront(pools, front.grey) : null,
    type === 'id_card' && back ? readKzIdBack(pools, back.grey, back.zoneTop) : null,
  ]);
  if (!kzId) return { layout: 'classic', readings: await readFrontFields(pools, front.grey, type), portrait: null };
  const readings = [...kzId.readings, ...(backReading?.readings ?? [])];
  const labelsLeft = Math.min(...kzId.slots.map((s) => s.value.x));
  return { layout: 'kz-id', readings, portrait: findPortrait(front.rgb, front.grey.width, front.grey.height, labelsLeft - 10) };
}
