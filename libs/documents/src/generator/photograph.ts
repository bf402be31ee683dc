import sharp from 'sharp';
import { homographyFrom, warp, type Point } from '../perspective';
import type { SeededRandom } from './seeded-random';

/** How badly a generated photo is taken; every effect scales with `damage` in 0..1. */
export interface DamageProfile {
  readonly rotationDeg: number;
  readonly perspective: number;
  readonly blurSigma: number;
  readonly noiseSigma: number;
  readonly lightFalloff: number;
  readonly jpegQuality: number;
}

/** Draws the damage of one photo: rotation up to ±5°, perspective, blur, noise, uneven light, JPEG 50–95. */
export function drawDamage(damage: number, rnd: SeededRandom): DamageProfile {
  const d = Math.min(1, Math.max(0, damage));
  return {
    rotationDeg: d * 5 * rnd.between(-1, 1),
    perspective: d * 0.045 * rnd.between(0.3, 1),
    blurSigma: d * rnd.between(0.4, 1.3),
    noiseSigma: d * rnd.between(3, 9),
    lightFalloff: d * rnd.between(0.15, 0.4),
    jpegQuality: Math.round(95 - 45 * d * rnd.between(0.5, 1)),
  };
}

const TABLES: Array<[number, number, number]> = [
  [122, 84, 52],
  [92, 62, 40],
  [150, 112, 74],
  [70, 60, 55],
];

/** A wooden table top: grain stripes with seeded wobble. */
function tableTop(width: number, height: number, rnd: SeededRandom): Uint8Array {
  const [r, g, b] = rnd.pick(TABLES);
  const freq = rnd.between(0.02, 0.05);
  const wobble = rnd.between(10, 40);
  const phase = rnd.between(0, 100);
  const out = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const grain = Math.sin((y + wobble * Math.sin(x * 0.004 + phase)) * freq) * 0.12 + Math.sin(y * 0.31 + x * 0.002) * 0.04;
      const f = 1 + grain;
      const o = (y * width + x) * 3;
      out[o] = Math.min(255, r * f);
      out[o + 1] = Math.min(255, g * f);
      out[o + 2] = Math.min(255, b * f);
    }
  }
  return out;
}

/**
 * Photographs a canonical RGBA side lying on a table: placement, rotation, perspective, light
 * gradient, sensor noise, blur and JPEG compression. Damage 0 gives a flat scan of the side.
 */
export async function photograph(sidePng: Buffer, damage: number, rnd: SeededRandom): Promise<Buffer> {
  const p = drawDamage(damage, rnd);
  if (damage <= 0) return sharp(sidePng).flatten({ background: '#ffffff' }).jpeg({ quality: 95 }).toBuffer();
  const card = await sharp(sidePng).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  const cw = card.info.width;
  const chh = card.info.height;
  const W = 1600;
  const H = 1200;
  const scale = (W * rnd.between(0.66, 0.78)) / cw;
  const cx = W / 2 + rnd.between(-60, 60);
  const cy = H / 2 + rnd.between(-60, 60);
  const a = (p.rotationDeg * Math.PI) / 180;
  const corners: Point[] = [
    { x: 0, y: 0 },
    { x: cw, y: 0 },
    { x: cw, y: chh },
    { x: 0, y: chh },
  ];
  const jitter = p.perspective * cw * scale;
  const placed = corners.map((c) => {
    const dx = (c.x - cw / 2) * scale;
    const dy = (c.y - chh / 2) * scale;
    return {
      x: cx + dx * Math.cos(a) - dy * Math.sin(a) + rnd.between(-jitter, jitter),
      y: cy + dx * Math.sin(a) + dy * Math.cos(a) + rnd.between(-jitter, jitter),
    };
  });
  const layer = warp({ data: card.data, width: cw, height: chh, channels: 4 }, homographyFrom(placed, corners), W, H);
  const photo = tableTop(W, H, rnd);
  // Light falls off along a random direction; a soft shadow darkens the table just below-right of the card.
  const dir = rnd.between(0, Math.PI * 2);
  const lx = Math.cos(dir);
  const ly = Math.sin(dir);
  const span = Math.hypot(W, H) / 2;
  // A table of normal deviates walked by a seeded index: per-pixel Box–Muller is the slow part.
  const normals = Float32Array.from({ length: 65536 }, () => rnd.gaussian());
  let k = Math.floor(rnd.next() * 65536);
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      const i = y * W + x;
      const alpha = layer[i * 4 + 3] / 255;
      const light = 1 - p.lightFalloff * (0.5 + (((x - W / 2) * lx + (y - H / 2) * ly) / span) * 0.5);
      for (let c = 0; c < 3; c++) {
        const v = (layer[i * 4 + c] * alpha + photo[i * 3 + c] * (1 - alpha)) * light + p.noiseSigma * normals[(k = (k * 1103515245 + 12345) & 0xffff)];
        photo[i * 3 + c] = v < 0 ? 0 : v > 255 ? 255 : v;
      }
    }
  }
  let img = sharp(photo, { raw: { width: W, height: H, channels: 3 } });
  if (p.blurSigma >= 0.3) img = img.blur(p.blurSigma);
  return img.jpeg({ quality: p.jpegQuality }).toBuffer();
}
