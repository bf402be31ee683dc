import sharp from 'sharp';
import { CONFIRMABLE_FIELDS, composeMrz, crossCheck, fieldValue, parseMrz, type DocumentHolder, type DocumentReadResult, type DocumentType, type FrontReading } from '@app/documents';
import { assembleFields } from '../../src/reader/assemble-fields';

export const TODAY = new Date(Date.UTC(2026, 0, 15));

/**
 * A read result as the reader would produce it had OCR read `front` and `zoneLines` perfectly,
 * so validation rules can be tested without OCR.
 */
export async function perfectRead(
  holder: DocumentHolder,
  type: DocumentType = 'id_card',
  tamper: { front?: Partial<DocumentHolder>; zoneLines?: string[]; noZone?: boolean } = {},
): Promise<DocumentReadResult> {
  const printed = { ...holder, ...tamper.front };
  const frontOcr: FrontReading[] = CONFIRMABLE_FIELDS.map((name) => ({ name, raw: fieldValue(printed, name), value: fieldValue(printed, name), confidence: 0.95 }));
  const parsed = tamper.noZone ? null : parseMrz(tamper.zoneLines ?? composeMrz(type, holder), TODAY);
  const fields = assembleFields(frontOcr, parsed, { type, lowConfidenceBelow: 0.8 });
  const front = Object.fromEntries(frontOcr.map((r) => [r.name, r.value]));
  return {
    type,
    fields,
    frontOcr,
    mrz: parsed ? { parsed, ocrConfidence: 0.95, ocrPasses: [parsed.lines.join('\n')], nameFromFront: false } : null,
    crossChecks: crossCheck({ front, zone: parsed, today: TODAY }),
    sex: parsed?.sex ?? null,
    portraitJpeg: await sharp({ create: { width: 10, height: 10, channels: 3, background: '#888' } }).jpeg().toBuffer(),
    timingsMs: { decode: 0, locate: 0, ocr: 0, total: 0 },
  };
}

/** Replaces one character of a zone line. */
export function withChar(lines: readonly string[], line: number, at: number, ch: string): string[] {
  return lines.map((l, i) => (i === line ? l.slice(0, at) + ch + l.slice(at + 1) : l));
}

/** A different digit from the one at `lines[line][at]`. */
export function otherDigit(lines: readonly string[], line: number, at: number): string {
  return String((Number(lines[line][at]) + 1) % 10);
}
