import { distance } from 'fastest-levenshtein';
import { fieldsSide, valueRect, type FieldLayout, type Rect, type SideLayout } from '../layout';
import type { ConfirmableField, DocumentType } from '../types';
import { classifyPlace, classifyWord, ISSUING_AUTHORITIES, NATIONALITIES, patronymicNearMiss } from '../validation/classifiers';
import type { OcrPool } from './ocr-pool';
import { printedDescenders } from './descenders';
import { prepareCrop, type GreyImage } from './prepare-crop';
import { settleLetters } from './zone-blind-letters';
import { baselineOf, findTextLines } from './text-lines';

const CYRILLIC = 'АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯӘҒҚҢӨҰҮҺІ';
const FIELD_SCALE = 1.6;
/** Capital height of the value font (DejaVu Sans Bold) per pixel of font size. */
const CAP_HEIGHT = 0.73;
/** How far (per pixel of font size) a value's printed line may sit from its rectangle: rows are two font sizes apart. */
const MAX_SHIFT = 0.6;
/** …and from how far it is moved: Қ's tail reaches about 0.2 font sizes below the baseline, the rectangle's margin 0.4. */
const MIN_SHIFT = 0.15;

/** A value read with less confidence than this is read a second time with its pale strokes kept as ink. */
const FAINT_RETRY_BELOW = 0.5;

type FieldKind = 'date' | 'digits' | 'docnum' | 'name' | 'text';

const KIND: Record<ConfirmableField, FieldKind> = {
  documentNumber: 'docnum',
  iin: 'digits',
  surname: 'name',
  givenName: 'name',
  patronymic: 'name',
  birthDate: 'date',
  birthPlace: 'text',
  nationality: 'name',
  issuingAuthority: 'text',
  issueDate: 'date',
  expiryDate: 'date',
};

/** One field as OCR saw it on the document, before any cross-checking. */
export interface FrontReading {
  readonly name: ConfirmableField;
  readonly raw: string;
  readonly value: string;
  readonly confidence: number;
  /** The print could not settle a letter the zone writes alike (И/Й, К/Қ, Н/Ң, У/Ү/Ұ), or contradicts one read. */
  readonly letterUnsettled?: boolean;
  /** …because the value's ink pieces could not be matched to its letters: it may have a letter too many or too few. */
  readonly piecesUnmatched?: boolean;
  /** A word of the value is near a classifier entry without being one (КОСТАНАИ): likely a misread. */
  readonly nearMiss?: boolean;
}

export interface OcrPools {
  /** `eng`: the zone and numeric fields. */
  readonly latin: OcrPool;
  /** `kaz+rus`: Cyrillic fields. */
  readonly cyrillic: OcrPool;
}

function whitelistFor(kind: FieldKind, type: DocumentType): string {
  switch (kind) {
    case 'date':
      return '0123456789.';
    case 'digits':
      return '0123456789';
    case 'docnum':
      return type === 'passport' ? 'N0123456789' : '0123456789';
    // The space must be listed too, or tesseract's LSTM glues words together («АЛМАТЫОБЛЫСЫ»).
    case 'name':
      return CYRILLIC + '- ';
    case 'text':
      return CYRILLIC + '-,. ';
  }
}

/** Normalises raw OCR text of a field into its printed form (dates DD.MM.YYYY, digits only, …). */
export function normaliseField(name: ConfirmableField, raw: string, type: DocumentType): string {
  return normalise(name, raw, type, null).value;
}

/**
 * `normaliseField`, with the print's evidence for the classifier checks: `print` is the value
 * line's pieces below the baseline per word (`printedDescenders`), null when not measured.
 */
function normalise(name: ConfirmableField, raw: string, type: DocumentType, print: readonly number[] | null): { value: string; nearMiss: boolean } {
  if (name === 'nationality') {
    const c = classifyWord(normaliseText(name, raw, type), NATIONALITIES, print?.length === 1 ? print[0] : undefined);
    return { value: c.value, nearMiss: c.kind === 'ambiguous' };
  }
  if (name === 'birthPlace') {
    const c = classifyPlace(normaliseText(name, raw, type), print ?? undefined);
    return { value: c.value, nearMiss: c.doubtful };
  }
  const value = normaliseText(name, raw, type);
  return { value, nearMiss: name === 'patronymic' && value !== '' && patronymicNearMiss(value) };
}

function normaliseText(name: ConfirmableField, raw: string, type: DocumentType): string {
  const text = raw.replace(/\s+/g, ' ').trim();
  switch (KIND[name]) {
    case 'date': {
      const d = text.replace(/\D/g, '');
      return d.length === 8 ? `${d.slice(0, 2)}.${d.slice(2, 4)}.${d.slice(4)}` : text.replace(/\s/g, '');
    }
    case 'digits':
      return text.replace(/\D/g, '');
    case 'docnum':
      return type === 'passport' ? text.replace(/[^N0-9]/g, '').replace(/^0(?=\d{8}$)/, 'N') : text.replace(/\D/g, '');
    case 'name': {
      const value = text.replace(/[^А-ЯЁӘҒҚҢӨҰҮҺІ -]/g, '').replace(/\s*-\s*/g, '-').trim();
      return name === 'patronymic' ? kazakhPatronymic(value) : value;
    }
    case 'text': {
      const cleaned = text.replace(/[^А-ЯЁӘҒҚҢӨҰҮҺІ ,.-]/g, '').trim();
      if (name !== 'issuingAuthority') return cleaned;
      // Only two authorities issue these documents; snap near-misses to the closest.
      const best = ISSUING_AUTHORITIES.map((a) => ({ a, d: distance(a, cleaned) })).sort((p, q) => p.d - q.d)[0];
      return best.d <= 2 ? best.a : cleaned;
    }
  }
}

/**
 * Kazakh patronymics end in -ҰЛЫ / -ҚЫЗЫ, where OCR loses the descender of Қ or the bar of Ұ;
 * their root is a Kazakh name, in which Э does not occur after the first letter, so an Э there
 * is a misread Ә.
 */
export function kazakhPatronymic(value: string): string {
  const fixed = value.replace(/КЫЗЫ$/, 'ҚЫЗЫ').replace(/[УҮ]ЛЫ$/, 'ҰЛЫ');
  if (!/(ҰЛЫ|ҚЫЗЫ)$/.test(fixed)) return fixed;
  return fixed[0] + fixed.slice(1).replace(/Э/g, 'Ә');
}

/** OCRs one field's value area with the field's alphabet and normalises what it read. */
export async function readFieldValue(pools: OcrPools, grey: GreyImage, type: DocumentType, name: ConfirmableField, rect: Rect): Promise<FrontReading> {
  const kind = KIND[name];
  const read = async (faintInk: boolean) => {
    const crop = await prepareCrop(grey, rect, { scale: FIELD_SCALE, singleLine: true, faintInk });
    if (crop.ink < 0.002) return null;
    const pool = kind === 'name' || kind === 'text' ? pools.cyrillic : pools.latin;
    return pool.recognize({ image: crop.png, psm: 7, whitelist: whitelistFor(kind, type) });
  };
  const first = await read(false);
  if (!first) return { name, raw: '', value: '', confidence: 0 };
  // A word read with little confidence may have lost pale letters to glare: read again keeping them.
  const again = first.confidence < FAINT_RETRY_BELOW && kind !== 'digits' ? await read(true) : null;
  const ocr = again && again.confidence > first.confidence ? again : first;
  const raw = ocr.text.trim();
  const words = normaliseText(name, raw, type).split(' ').length;
  const print = name === 'nationality' || name === 'birthPlace' ? printedDescenders(grey, rect, words) : null;
  const { value, nearMiss } = normalise(name, raw, type, print);
  const reading = { name, raw, value, confidence: ocr.confidence, ...(nearMiss ? { nearMiss } : {}) };
  if (kind !== 'name') return reading;
  const letters = settleLetters(grey, rect, value);
  return { ...reading, value: letters.value, ...(letters.settled ? {} : { letterUnsettled: true }), ...(letters.settled || letters.matched ? {} : { piecesUnmatched: true }) };
}

function readOne(pools: OcrPools, grey: GreyImage, type: DocumentType, field: FieldLayout): Promise<FrontReading> {
  return readFieldValue(pools, grey, type, field.name, onPrintedLine(grey, fieldsSide(type), field));
}

/**
 * The field's value rectangle moved up or down onto its printed line. The rectangles assume a
 * perfectly straightened card; with the corners found a few pixels off, the crop cut the letters'
 * feet — and Қ's tail with them (КАЗАК read for ҚАЗАҚ).
 */
function onPrintedLine(grey: GreyImage, side: SideLayout, field: FieldLayout): Rect {
  const rect = valueRect(side, field);
  const size = side.valueFontSize;
  const expected = field.y + side.valueBaseline;
  const cap = CAP_HEIGHT * size;
  const lines = findTextLines(grey, { ...rect, y: rect.y - MAX_SHIFT * size, h: rect.h + 2 * MAX_SHIFT * size })
    .filter((l) => l.glyphHeight >= 0.6 * cap && l.glyphHeight <= 1.6 * cap)
    .map((l) => baselineOf(l) - expected)
    .filter((shift) => Math.abs(shift) <= MAX_SHIFT * size)
    .sort((a, b) => Math.abs(a) - Math.abs(b));
  // A few pixels off are inside the rectangle's margins: the crop is left as it is.
  return lines.length && Math.abs(lines[0]) > MIN_SHIFT * size ? { ...rect, y: rect.y + lines[0] } : rect;
}

/** OCRs every printed field of a straightened ID front or passport page, field by field. */
export async function readFrontFields(pools: OcrPools, grey: GreyImage, type: DocumentType): Promise<FrontReading[]> {
  return Promise.all(fieldsSide(type).fields.map((f) => readOne(pools, grey, type, f)));
}
