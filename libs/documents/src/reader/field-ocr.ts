import { distance } from 'fastest-levenshtein';
import { fieldsSide, valueRect, type FieldLayout, type Rect } from '../layout';
import type { ConfirmableField, DocumentType } from '../types';
import { classifyPlace, classifyWord, ISSUING_AUTHORITIES, NATIONALITIES } from '../validation/classifiers';
import type { OcrPool } from './ocr-pool';
import { prepareCrop, type GreyImage } from './prepare-crop';
import { settleShortI } from './short-i';

const CYRILLIC = 'АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯӘҒҚҢӨҰҮҺІ';
const FIELD_SCALE = 1.6;

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
  /** The value has И or Й and the print could not say which (the zone writes both as I). */
  readonly shortIUnsettled?: boolean;
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
      if (name === 'nationality') return classifyWord(value, NATIONALITIES).value;
      return name === 'patronymic' ? kazakhPatronymic(value) : value;
    }
    case 'text': {
      const cleaned = text.replace(/[^А-ЯЁӘҒҚҢӨҰҮҺІ ,.-]/g, '').trim();
      if (name === 'birthPlace') return classifyPlace(cleaned);
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
  const crop = await prepareCrop(grey, rect, FIELD_SCALE, true);
  if (crop.ink < 0.002) return { name, raw: '', value: '', confidence: 0 };
  const pool = kind === 'name' || kind === 'text' ? pools.cyrillic : pools.latin;
  const ocr = await pool.recognize({ image: crop.png, psm: 7, whitelist: whitelistFor(kind, type) });
  const raw = ocr.text.trim();
  const value = normaliseField(name, raw, type);
  if (kind !== 'name') return { name, raw, value, confidence: ocr.confidence };
  const shortI = settleShortI(grey, rect, value);
  return { name, raw, value: shortI.value, confidence: ocr.confidence, ...(shortI.settled ? {} : { shortIUnsettled: true }) };
}

function readOne(pools: OcrPools, grey: GreyImage, type: DocumentType, field: FieldLayout): Promise<FrontReading> {
  return readFieldValue(pools, grey, type, field.name, valueRect(fieldsSide(type), field));
}

/** OCRs every printed field of a straightened ID front or passport page, field by field. */
export async function readFrontFields(pools: OcrPools, grey: GreyImage, type: DocumentType): Promise<FrontReading[]> {
  return Promise.all(fieldsSide(type).fields.map((f) => readOne(pools, grey, type, f)));
}
