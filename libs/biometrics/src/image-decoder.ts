import sharp, { type SharpOptions } from 'sharp';
import { ImageRejectedError, ImageRejectionCode } from './errors';

/** An RGB image ready for the models, downscaled for analysis. */
export interface DecodedImage {
  /** Interleaved RGB bytes, row-major, `width * height * 3` long. */
  readonly data: Uint8Array;
  readonly width: number;
  readonly height: number;
  readonly format: ImageFormat;
  /** Size of the upload before downscaling (after EXIF rotation). */
  readonly originalWidth: number;
  readonly originalHeight: number;
}

export type ImageFormat = 'jpeg' | 'png' | 'webp';

const MIME: Record<string, ImageFormat> = { 'image/jpeg': 'jpeg', 'image/jpg': 'jpeg', 'image/png': 'png', 'image/webp': 'webp' };

export interface DecodeImageOptions {
  /** Largest accepted upload in bytes (default 15 MB). */
  maxBytes?: number;
  /** Largest accepted width × height, checked from the header before decoding (default 40 MP). */
  maxPixels?: number;
  /** MIME type the client declared; a different actual format is refused. */
  declaredType?: string;
  /** Longest side after downscaling; the detector works at 512 px, so more is wasted time (default 1024). */
  analysisMaxSide?: number;
  /** Smallest accepted side in pixels (default 64). */
  minSide?: number;
}

export const DEFAULT_DECODE_OPTIONS = {
  maxBytes: 15 * 1024 * 1024,
  maxPixels: 40_000_000,
  analysisMaxSide: 1024,
  minSide: 64,
} as const;

/** Identifies the container from its magic bytes; the file name and the client's word are not trusted. */
export function sniffImageFormat(buffer: Uint8Array): ImageFormat | undefined {
  const b = buffer;
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'jpeg';
  if (b.length >= 8 && b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47 && b[4] === 0x0d && b[5] === 0x0a && b[6] === 0x1a && b[7] === 0x0a) return 'png';
  if (b.length >= 12 && Buffer.from(b.subarray(0, 4)).toString('latin1') === 'RIFF' && Buffer.from(b.subarray(8, 12)).toString('latin1') === 'WEBP') return 'webp';
  return undefined;
}

/**
 * Decodes an untrusted upload into RGB pixels, refusing hostile or broken input with a typed
 * {@link ImageRejectedError} (never a crash): empty, oversized, not an image, a format other
 * than the declared one, truncated or corrupt data, and decompression bombs (the pixel limit
 * is enforced from the header, before any pixel is decoded).
 */
export async function decodeImage(buffer: Uint8Array, options: DecodeImageOptions = {}): Promise<DecodedImage> {
  const maxBytes = options.maxBytes ?? DEFAULT_DECODE_OPTIONS.maxBytes;
  const maxPixels = options.maxPixels ?? DEFAULT_DECODE_OPTIONS.maxPixels;
  const maxSide = options.analysisMaxSide ?? DEFAULT_DECODE_OPTIONS.analysisMaxSide;
  const minSide = options.minSide ?? DEFAULT_DECODE_OPTIONS.minSide;

  if (buffer.length === 0) throw new ImageRejectedError(ImageRejectionCode.Empty, 'The file is empty.');
  if (buffer.length > maxBytes) {
    throw new ImageRejectedError(ImageRejectionCode.TooLarge, `The file is larger than ${Math.floor(maxBytes / (1024 * 1024))} MB.`);
  }
  const format = sniffImageFormat(buffer);
  if (!format) throw new ImageRejectedError(ImageRejectionCode.NotAnImage, 'The file is not a JPEG, PNG or WebP image.');
  if (options.declaredType !== undefined) {
    const declared = MIME[options.declaredType.toLowerCase().split(';')[0].trim()];
    if (!declared) throw new ImageRejectedError(ImageRejectionCode.UnsupportedFormat, `Unsupported image type ${options.declaredType}.`);
    if (declared !== format) {
      throw new ImageRejectedError(ImageRejectionCode.FormatMismatch, `The file was sent as ${options.declaredType} but is a ${format.toUpperCase()} image.`);
    }
  }

  // failOn 'error' makes libvips reject truncated or corrupt data instead of returning grey pixels.
  const input = { failOn: 'error' as const, limitInputPixels: maxPixels, sequentialRead: true };
  let width: number;
  let height: number;
  let hasProfile: boolean;
  try {
    const meta = await sharp(buffer, input).metadata();
    hasProfile = meta.icc !== undefined;
    if (meta.format !== format) throw new ImageRejectedError(ImageRejectionCode.FormatMismatch, `The file header and contents disagree (${meta.format}).`);
    width = meta.autoOrient?.width ?? meta.width;
    height = meta.autoOrient?.height ?? meta.height;
  } catch (error) {
    throw asRejection(error);
  }
  if (width * height > maxPixels) {
    throw new ImageRejectedError(ImageRejectionCode.TooManyPixels, `The image has more than ${Math.round(maxPixels / 1e6)} megapixels.`);
  }
  if (Math.min(width, height) < minSide) {
    throw new ImageRejectedError(ImageRejectionCode.TooSmall, `The image is smaller than ${minSide} pixels on a side.`);
  }
  try {
    const ignoreIcc = hasProfile && (await profileChangesNothing(buffer, input));
    const { data, info } = await sharp(buffer, { ...input, ignoreIcc })
      .rotate()
      .resize({ width: maxSide, height: maxSide, fit: 'inside', withoutEnlargement: true })
      .removeAlpha()
      .toColourspace('srgb')
      .raw()
      .toBuffer({ resolveWithObject: true });
    if (info.channels !== 3) throw new ImageRejectedError(ImageRejectionCode.Corrupt, 'The image has an unexpected colour layout.');
    return { data: new Uint8Array(data.buffer, data.byteOffset, data.length), width: info.width, height: info.height, format, originalWidth: width, originalHeight: height };
  } catch (error) {
    throw asRejection(error);
  }
}

/**
 * Whether converting through the image's embedded colour profile leaves every pixel as it is (an
 * sRGB profile, as most cameras and stock photos embed): then the conversion, ~35 ms of CPU for a
 * 1.3-MP photo, is skipped. Decided by converting a ⅛-scale thumbnail (JPEG shrink-on-load, ~2 ms)
 * both ways and requiring identical bytes; any other profile (Display P3, Adobe RGB) is converted.
 */
async function profileChangesNothing(buffer: Uint8Array, input: SharpOptions): Promise<boolean> {
  const thumbnail = (ignoreIcc: boolean) =>
    sharp(buffer, { ...input, ignoreIcc }).resize({ width: 128, height: 128, fit: 'inside' }).removeAlpha().toColourspace('srgb').raw().toBuffer();
  const [converted, unconverted] = await Promise.all([thumbnail(false), thumbnail(true)]);
  return converted.equals(unconverted);
}

function asRejection(error: unknown): ImageRejectedError {
  if (error instanceof ImageRejectedError) return error;
  const message = error instanceof Error ? error.message : String(error);
  if (/pixel limit/i.test(message)) {
    return new ImageRejectedError(ImageRejectionCode.TooManyPixels, 'The image has too many pixels.');
  }
  if (/unsupported image format/i.test(message)) {
    return new ImageRejectedError(ImageRejectionCode.NotAnImage, 'The file is not a readable image.');
  }
  // libvips' own wording ("premature end of JPEG", "IHDR: CRC error", …) is kept out of the reply.
  return new ImageRejectedError(ImageRejectionCode.Corrupt, 'The image is damaged or truncated.');
}
