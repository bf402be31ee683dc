import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';

/**
 * The shared face photos (DESIGN §6). The repository is cloned with `shared/` beside its root,
 * so they live at ../shared/fixtures/faces from the repo root; fail loudly when they do not.
 */
export function faceFixturesDir(): string {
  const dir = path.resolve(__dirname, '../../../../../shared/fixtures/faces');
  if (!existsSync(path.join(dir, 'stock-emotions-a-1.jpg'))) {
    throw new Error(`Face fixtures not found at ${dir}: clone the repository with shared/ as a sibling of its root.`);
  }
  return dir;
}

/** Bytes of one fixture photo, e.g. `fixture('stock-emotions-a-1')`. */
export function fixture(name: string): Buffer {
  return readFileSync(path.join(faceFixturesDir(), `${name}.jpg`));
}

/** The same photo mirrored left-right: a head turned one way becomes turned the other way. */
export async function mirrored(name: string): Promise<Buffer> {
  return sharp(fixture(name)).flop().jpeg({ quality: 92 }).toBuffer();
}
