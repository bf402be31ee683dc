import { mrzSide, type Rect } from '../layout';
import type { DocumentType } from '../types';
import type { MrzFormat, ParsedMrz } from '../validation/mrz-parse';
import { decodeZoneCells } from '../validation/zone-decode';
import { combineZoneReadings } from '../validation/zone-vote';
import type { OcrPool, OcrResult } from './ocr-pool';
import { prepareCrop, type GreyImage } from './prepare-crop';
import { readZoneCells, zoneGlyphs } from './zone-cells';

/** Tesseract reads this zone font best at about this character pitch (px). */
const ZONE_PITCH_PX = 29.3;
const MRZ_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<';

/** The zone as read: every OCR pass's text and the combined parse. */
export interface ZoneReading {
  readonly passes: readonly string[];
  readonly parsed: ParsedMrz | null;
  readonly confidence: number;
}

function formatOf(type: DocumentType): MrzFormat {
  return type === 'id_card' ? 'TD1' : 'TD3';
}

/**
 * Whether a straightened side carries a zone where the layout puts it: the zone's first
 * characters make the left end of its band dense with ink, where the other side is blank.
 */
export async function looksLikeZoneSide(grey: GreyImage, type: DocumentType): Promise<boolean> {
  const zone = mrzSide(type).mrz!;
  // Skip the band's top fifth: the ID card's portrait ends just above the zone on the front.
  const left: Rect = { x: zone.rect.x + 20, y: zone.rect.y + zone.rect.h * 0.22, w: zone.rect.w * 0.22, h: zone.rect.h * 0.72 };
  const crop = await prepareCrop(grey, left, { scale: 0.5, singleLine: false });
  return crop.ink > 0.06;
}

async function readBand(pool: OcrPool, grey: GreyImage, type: DocumentType, binarise: boolean): Promise<OcrResult> {
  const zone = mrzSide(type).mrz!;
  const crop = await prepareCrop(grey, zone.rect, { scale: ZONE_PITCH_PX / zone.advance, singleLine: false, binarise });
  return pool.recognize({ image: crop.png, psm: 6, whitelist: MRZ_ALPHABET });
}

async function readLines(pool: OcrPool, grey: GreyImage, type: DocumentType, binarise: boolean): Promise<OcrResult> {
  const zone = mrzSide(type).mrz!;
  const pitch = zone.baselines[1] - zone.baselines[0];
  const lines = await Promise.all(
    zone.baselines.map(async (baseline) => {
      const rect: Rect = { x: zone.rect.x, y: baseline - pitch * 0.78, w: zone.rect.w, h: pitch * 0.98 };
      const crop = await prepareCrop(grey, rect, { scale: ZONE_PITCH_PX / zone.advance, singleLine: true, binarise });
      return pool.recognize({ image: crop.png, psm: 7, whitelist: MRZ_ALPHABET });
    }),
  );
  return { text: lines.map((l) => l.text.replace(/\n/g, '')).join('\n'), confidence: Math.min(...lines.map((l) => l.confidence)) };
}

/**
 * Reads the zone cell by cell (lines found by the band's row profile, fixed-pitch cells matched
 * against glyphs rendered from the zone fonts, check digits choosing among close candidates).
 * Returns null when the band does not show the format's lines.
 */
export async function readZoneByCells(grey: GreyImage, type: DocumentType, today: Date): Promise<{ text: string; parsed: ParsedMrz; confidence: number } | null> {
  const zone = mrzSide(type).mrz!;
  const format = formatOf(type);
  const glyphs = await zoneGlyphs(zone.advance);
  const cells = readZoneCells(grey, zone.rect, zone.lines, format === 'TD1' ? 30 : 44, glyphs);
  const decoded = cells && decodeZoneCells(cells.lines, format, today);
  return decoded ? { text: decoded.parsed.lines.join('\n'), parsed: decoded.parsed, confidence: decoded.confidence } : null;
}

/**
 * Reads the zone. The cell reader comes first: a zone it reads with every check digit passing
 * (and a plausible IIN) needs no OCR. Otherwise tesseract gives its opinion: one pass over the
 * whole band, then three more (line by line, and binarised by us rather than by tesseract); all
 * readings, the cell reader's among them, are combined: check digits choose among candidate
 * lines, a per-character vote settles the name.
 */
export async function readZone(pool: OcrPool, grey: GreyImage, type: DocumentType, today: Date): Promise<ZoneReading> {
  const format = formatOf(type);
  const cells = await readZoneByCells(grey, type, today);
  if (cells?.parsed.valid) return { passes: [cells.text], parsed: cells.parsed, confidence: cells.confidence };
  const own = cells ? [cells.text] : [];
  const first = await readBand(pool, grey, type, false);
  const firstParse = combineZoneReadings([first.text], format, today);
  if (firstParse?.valid) return { passes: [...own, first.text], parsed: firstParse, confidence: first.confidence };
  const more = await Promise.all([readLines(pool, grey, type, false), readBand(pool, grey, type, true), readLines(pool, grey, type, true)]);
  const all = [first, ...more];
  const texts = [...own, ...all.map((r) => r.text)];
  const parsed = combineZoneReadings(texts, format, today);
  return { passes: texts, parsed, confidence: all.reduce((s, r) => s + r.confidence, 0) / all.length };
}
