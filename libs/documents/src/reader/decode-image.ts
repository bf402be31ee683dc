import sharp from 'sharp';
import { DocumentRejectedError, DocumentRejectionCode } from '../errors';
import { locateDocument } from './locate-document';
import { checkPhotoQuality } from './photo-quality';

export interface DecodeLimits {
  /** Largest upload accepted, bytes. Default 15 MB. */
  readonly maxBytes?: number;
  /** Largest decoded image accepted, pixels (sharp `limitInputPixels`). Default 40 MP. */
  readonly maxPixels?: number;
  /** Smallest side accepted, pixels. Default 400. */
  readonly minSide?: number;
  /** Narrowest card accepted in the photo, pixels; default `PHOTO_QUALITY_LIMITS.minCardWidthPx`. */
  readonly minCardWidthPx?: number;
}

export interface DecodedImage {
  /** Interleaved RGB. */
  readonly rgb: Buffer;
  readonly width: number;
  readonly height: number;
}

/** Longest side we work at: enough for the zone, small enough to keep a read fast. */
const WORKING_SIDE = 1800;

/**
 * Decodes an upload defensively: refuses empty, oversized, non-JPEG/PNG, truncated and
 * decompression-bomb input before any pixel work, applies EXIF orientation, and scales the image
 * down to a working size.
 */
export async function decodeImage(input: Buffer, side: 'front' | 'back', limits: DecodeLimits = {}): Promise<DecodedImage> {
  const maxBytes = limits.maxBytes ?? 15 * 1024 * 1024;
  const maxPixels = limits.maxPixels ?? 40_000_000;
  if (!Buffer.isBuffer(input) || input.length === 0) throw new DocumentRejectedError(DocumentRejectionCode.NotAnImage, side, 'empty file');
  if (input.length > maxBytes) throw new DocumentRejectedError(DocumentRejectionCode.TooLarge, side, `${input.length} bytes`);
  const opts = { limitInputPixels: maxPixels, failOn: 'truncated' as const, sequentialRead: true };
  let meta: Awaited<ReturnType<ReturnType<typeof sharp>['metadata']>>;
  try {
    meta = await sharp(input, opts).metadata();
  } catch (e) {
    if (isPixelLimit(e)) throw new DocumentRejectedError(DocumentRejectionCode.TooLarge, side, 'too many pixels');
    throw new DocumentRejectedError(DocumentRejectionCode.NotAnImage, side);
  }
  if (meta.format !== 'jpeg' && meta.format !== 'png') throw new DocumentRejectedError(DocumentRejectionCode.NotAnImage, side, `format ${meta.format}`);
  const w = meta.width ?? 0;
  const h = meta.height ?? 0;
  if (w * h > maxPixels) throw new DocumentRejectedError(DocumentRejectionCode.TooLarge, side, `${w}×${h}`);
  if (Math.min(w, h) < (limits.minSide ?? 400)) throw new DocumentRejectedError(DocumentRejectionCode.TooSmall, side, `${w}×${h}`);
  try {
    const { data, info } = await sharp(input, opts)
      .rotate()
      .resize(WORKING_SIDE, WORKING_SIDE, { fit: 'inside', withoutEnlargement: true })
      .removeAlpha()
      .toColourspace('srgb')
      .raw()
      .toBuffer({ resolveWithObject: true });
    return { rgb: data, width: info.width, height: info.height };
  } catch (e) {
    if (isPixelLimit(e)) throw new DocumentRejectedError(DocumentRejectionCode.TooLarge, side);
    // A JPEG/PNG header with a body that does not decode: a broken photo, not a wrong file type.
    throw new DocumentRejectedError(DocumentRejectionCode.Unreadable, side, 'truncated or corrupt image');
  }
}

function isPixelLimit(e: unknown): boolean {
  return e instanceof Error && /pixel limit/i.test(e.message);
}

/**
 * Checks an upload the way `DocumentReader.read` will (format, size, pixel count, truncation, and
 * for a card it finds: too far, glare, blur) without any OCR, so the API can answer 4xx at upload
 * time with the reason. Throws `DocumentRejectedError`.
 */
export async function checkDocumentImage(input: Buffer, side: 'front' | 'back', limits: DecodeLimits = {}): Promise<{ width: number; height: number }> {
  const image = await decodeImage(input, side, limits);
  // No card found is left to the reader (it says `unreadable`); a card found but badly photographed is refused now.
  const corners = locateDocument(image);
  if (corners) checkPhotoQuality(image, corners, side, limits);
  return { width: image.width, height: image.height };
}
