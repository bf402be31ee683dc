import { placeKzId, type DocumentLayout, type KzIdPlacement } from '../layout';
import type { DocumentHolder, DocumentType } from '../types';
import { drawPhotoProfile, photograph, photographAt, photographWith, type PhotoLevel, type PhotoProfile } from './photograph';
import { renderSide, type MrzFont } from './render-side';
import { SeededRandom } from './seeded-random';

export interface GeneratedDocument {
  readonly type: DocumentType;
  /** ID card front or passport data page (JPEG). */
  readonly front: Buffer;
  /** ID card back with the zone (JPEG); absent for a passport, whose page carries the zone. */
  readonly back?: Buffer;
}

export interface GenerateOptions {
  /** 0 = flat scan; 1 = the worst photo we generate. Default 0. */
  readonly damage?: number;
  /** Seeds the print pattern and the damage so the same inputs give the same bytes. Default 1. */
  readonly seed?: number;
  /** Photo level ('clean' scan, 'phone' photo, 'hard' photo); when given it replaces `damage`. */
  readonly level?: PhotoLevel;
  /** Pushes the phone photo past its level (a card too far, a glare spot, blur): the refusals' tests. */
  readonly spoil?: (profile: PhotoProfile) => PhotoProfile;
  /** Zone typeface; default OCR-B (Debian's fonts-ocr-b), 'dejavu-mono' as a stand-in. */
  readonly mrzFont?: MrzFont;
  /** Print these zone lines instead of the holder's (tampered or mis-issued documents for tests). */
  readonly zoneLines?: readonly string[];
  /** Printed arrangement of an ID card: 'classic' (default) or 'kz-id', close to the real card. Passports have one. */
  readonly layout?: DocumentLayout;
}

/** Where the kz-id card of `seed` prints its portrait and labels (its own stream, so classic documents come out byte for byte as before). */
export function kzIdPlacement(seed: number): KzIdPlacement {
  return placeKzId(new SeededRandom((seed * 7919 + 17) >>> 0));
}

/** Synthetic images of a holder's document, clean or photographed with controlled damage. */
export async function generateDocument(holder: DocumentHolder, type: DocumentType, opts: GenerateOptions = {}): Promise<GeneratedDocument> {
  const rnd = new SeededRandom(opts.seed ?? 1);
  const damage = opts.damage ?? 0;
  const kzId = type === 'id_card' && opts.layout === 'kz-id' ? kzIdPlacement(opts.seed ?? 1) : undefined;
  const shoot = (png: Buffer) => {
    if (opts.spoil) return photographWith(png, opts.spoil(drawPhotoProfile(opts.level === 'hard' ? 'hard' : 'phone', rnd)), rnd);
    return opts.level ? photographAt(png, opts.level, rnd) : photograph(png, damage, rnd);
  };
  const front = await shoot(await renderSide(type, 'front', holder, rnd, opts.mrzFont, opts.zoneLines, kzId));
  if (type === 'passport') return { type, front };
  const back = await shoot(await renderSide(type, 'back', holder, rnd, opts.mrzFont, opts.zoneLines, kzId));
  return { type, front, back };
}
