import sharp from 'sharp';

/**
 * Crude stand-ins for presentation attacks, made from a real photo, to see whether a passive score
 * reacts at all (there are no real attacks in the fixtures): `print` — a printed photo held to the
 * camera (less saturation and contrast, soft focus, heavy JPEG); `screen` — a replayed phone screen
 * (an RGB sub-pixel line pattern, blue tint, brighter). They are not attacks and calibrate nothing.
 */
export const SPOOF_PROXIES: Record<'print' | 'screen', (photo: Buffer) => Promise<Buffer>> = {
  print: async (photo) => sharp(photo).modulate({ saturation: 0.6 }).linear(0.7, 40).blur(1.5).jpeg({ quality: 35 }).toBuffer(),
  screen: async (photo) => {
    const { width, height } = await sharp(photo).metadata();
    const pattern = Buffer.from(
      `<svg width="${width}" height="${height}"><defs><pattern id="p" width="3" height="3" patternUnits="userSpaceOnUse">` +
        '<rect width="1" height="3" fill="#f00" opacity="0.25"/><rect x="1" width="1" height="3" fill="#0f0" opacity="0.25"/><rect x="2" width="1" height="3" fill="#00f" opacity="0.25"/>' +
        '</pattern></defs><rect width="100%" height="100%" fill="url(#p)"/></svg>',
    );
    return sharp(photo).composite([{ input: pattern, blend: 'overlay' }]).tint({ r: 200, g: 210, b: 255 }).linear(1.1, 10).jpeg({ quality: 70 }).toBuffer();
  },
};
