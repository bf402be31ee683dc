import { crc32 } from 'node:zlib';
import sharp from 'sharp';
import { decodeImage, ImageRejectedError, ImageRejectionCode, sniffImageFormat } from '@app/biometrics';
import { fixture } from './support/face-fixtures';

async function rejection(buffer: Buffer, options: Parameters<typeof decodeImage>[1] = {}): Promise<ImageRejectionCode> {
  try {
    await decodeImage(buffer, options);
  } catch (error) {
    if (error instanceof ImageRejectedError) return error.code;
    throw error;
  }
  throw new Error('the image was accepted');
}

/** A real PNG whose IHDR claims width × height (CRC fixed up): a decompression bomb's header. */
async function pngClaiming(width: number, height: number): Promise<Buffer> {
  const png = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#888' } }).png().toBuffer();
  const out = Buffer.from(png);
  out.writeUInt32BE(width, 16);
  out.writeUInt32BE(height, 20);
  out.writeUInt32BE(crc32(out.subarray(12, 29)) >>> 0, 29);
  return out;
}

/** A real JPEG whose frame header (SOF0) claims width × height. */
async function jpegClaiming(width: number, height: number): Promise<Buffer> {
  const jpeg = Buffer.from(await sharp({ create: { width: 16, height: 16, channels: 3, background: '#888' } }).jpeg({ mozjpeg: false }).toBuffer());
  const sof = jpeg.indexOf(Buffer.from([0xff, 0xc0]));
  jpeg.writeUInt16BE(height, sof + 5);
  jpeg.writeUInt16BE(width, sof + 7);
  return jpeg;
}

describe(decodeImage.name, () => {
  it('decodes a real photo to RGB scaled to the analysis size', async () => {
    const image = await decodeImage(fixture('stock-emotions-a-1'));
    expect(image.format).toBe('jpeg');
    expect(Math.max(image.width, image.height)).toBe(1024);
    expect(image.data.length).toBe(image.width * image.height * 3);
    expect(image.originalHeight).toBeGreaterThan(1024);
  });

  it('gives the same pixels as converting through the photo\'s embedded sRGB profile (the conversion is skipped when it changes nothing)', async () => {
    const photo = fixture('stock-emotions-a-6');
    expect((await sharp(photo).metadata()).icc).toBeDefined();
    const converted = await sharp(photo).resize({ width: 1024, height: 1024, fit: 'inside' }).removeAlpha().toColourspace('srgb').raw().toBuffer();
    const image = await decodeImage(photo);
    expect(Buffer.from(image.data).equals(converted)).toBe(true);
  });

  it('still converts a photo whose profile is not sRGB (Display P3) into sRGB', async () => {
    // Saturated colours, where P3 numbers and sRGB numbers differ most (sRGB red is about 234, 51, 35 in P3).
    const pixels = Buffer.alloc(128 * 128 * 3);
    for (let i = 0; i < 128 * 128; i++) pixels.set([(i % 128) * 2, (Math.floor(i / 128) % 128) * 2, i % 3 === 0 ? 255 : 0], i * 3);
    const srgb = await sharp(pixels, { raw: { width: 128, height: 128, channels: 3 } }).png().toBuffer();
    const p3 = await sharp(srgb).withIccProfile('p3').png().toBuffer();
    const original = await decodeImage(srgb);
    const decoded = await decodeImage(p3);
    const unconverted = await sharp(p3, { ignoreIcc: true }).removeAlpha().raw().toBuffer();
    const meanDifference = (a: Uint8Array, b: Uint8Array) => a.reduce((sum, v, i) => sum + Math.abs(v - b[i]), 0) / a.length;
    // P3 numbers read as sRGB are visibly off; converted back they are the sRGB image again, up to rounding.
    expect(meanDifference(unconverted, original.data)).toBeGreaterThan(5);
    expect(meanDifference(decoded.data, original.data)).toBeLessThan(1);
  });

  it('rejects a zero-byte file', async () => {
    await expect(rejection(Buffer.alloc(0))).resolves.toBe(ImageRejectionCode.Empty);
  });

  it('rejects a 30 MB upload before decoding it', async () => {
    const big = Buffer.alloc(30 * 1024 * 1024);
    fixture('stock-teen-1').copy(big);
    await expect(rejection(big)).resolves.toBe(ImageRejectionCode.TooLarge);
  });

  it('rejects a file that is not an image', async () => {
    await expect(rejection(Buffer.from('%PDF-1.7 definitely not a photo'))).resolves.toBe(ImageRejectionCode.NotAnImage);
  });

  it('rejects a truncated JPEG', async () => {
    const photo = fixture('stock-teen-1');
    await expect(rejection(photo.subarray(0, Math.floor(photo.length / 2)))).resolves.toBe(ImageRejectionCode.Corrupt);
  });

  it('rejects a PNG declared as JPEG', async () => {
    const png = await sharp(fixture('stock-teen-1')).png().toBuffer();
    expect(sniffImageFormat(png)).toBe('png');
    await expect(rejection(png, { declaredType: 'image/jpeg' })).resolves.toBe(ImageRejectionCode.FormatMismatch);
  });

  it('rejects a 100-megapixel JPEG from its header', async () => {
    await expect(rejection(await jpegClaiming(10_000, 10_000))).resolves.toBe(ImageRejectionCode.TooManyPixels);
  });

  it('rejects a PNG decompression bomb (60000 × 60000 declared) without inflating it', async () => {
    const started = Date.now();
    await expect(rejection(await pngClaiming(60_000, 60_000))).resolves.toBe(ImageRejectionCode.TooManyPixels);
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('rejects an image too small to hold a face', async () => {
    const tiny = await sharp({ create: { width: 32, height: 32, channels: 3, background: '#888' } }).jpeg().toBuffer();
    await expect(rejection(tiny)).resolves.toBe(ImageRejectionCode.TooSmall);
  });
});
