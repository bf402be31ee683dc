import { readFileSync } from 'node:fs';
import sharp from 'sharp';
import { facePath } from '@app/fixtures';

/** Bytes of one photo of fixtures/faces, e.g. `fixture('stock-emotions-a-1')`. */
export function fixture(name: string): Buffer {
  return readFileSync(facePath(name));
}

/** The same photo mirrored left-right: a head turned one way becomes turned the other way. */
export async function mirrored(name: string): Promise<Buffer> {
  return sharp(fixture(name)).flop().jpeg({ quality: 92 }).toBuffer();
}
