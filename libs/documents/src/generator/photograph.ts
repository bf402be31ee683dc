import sharp from 'sharp';
import { applyHomography, homographyFrom, warp, type Point } from '../perspective';
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

/** How a generated photo is taken: 'clean' is a flat scan, 'phone' a card on a table as applicants photograph it, 'hard' worse. */
export type PhotoLevel = 'clean' | 'phone' | 'hard';

/** Every parameter of one generated photo; `photographWith` takes it as is, so tests can push one effect past what a level draws. */
export interface PhotoProfile {
  /** Picture width; the height is ¾ of it. */
  readonly pictureWidth: number;
  /** Card width as a fraction of the picture width. */
  readonly cardFraction: number;
  readonly rotationDeg: number;
  /** Corner jitter as a fraction of the card's width. */
  readonly perspective: number;
  readonly lightFalloff: number;
  /** Glare spot: peak strength 0..1 (1 saturates its centre) and radius as a fraction of the card's width; strength 0 = none. */
  readonly glare: { readonly strength: number; readonly radius: number; readonly u: number; readonly v: number };
  readonly noiseSigma: number;
  readonly blurSigma: number;
  readonly jpegQuality: number;
  /** How far the card's centre may be from the picture's, px; default what keeps the card inside. */
  readonly placementSlack?: number;
}

/**
 * Draws one photo of a level. 'phone': rotation up to ±15°, perspective, uneven light, a glare spot
 * one time in three (never saturating), noise, slight blur, JPEG 40–60, the card 40–80 % of a
 * 760–1600 px picture. 'hard': the card a third of a 1400–1600 px picture, a stronger glare spot
 * (always), more blur and noise, JPEG 40.
 */
export function drawPhotoProfile(level: Exclude<PhotoLevel, 'clean'>, rnd: SeededRandom): PhotoProfile {
  const hard = level === 'hard';
  const glareOn = hard || rnd.next() < 1 / 3;
  return {
    pictureWidth: Math.round(hard ? rnd.between(1400, 1600) : rnd.between(760, 1600)),
    cardFraction: hard ? rnd.between(0.31, 0.36) : rnd.between(0.4, 0.8),
    rotationDeg: 15 * rnd.between(-1, 1),
    perspective: rnd.between(0.01, hard ? 0.05 : 0.04),
    lightFalloff: rnd.between(0.15, hard ? 0.45 : 0.35),
    glare: {
      strength: glareOn ? (hard ? rnd.between(0.4, 0.55) : rnd.between(0.25, 0.45)) : 0,
      radius: rnd.between(0.05, 0.1),
      u: rnd.between(0.15, 0.85),
      v: rnd.between(0.15, 0.85),
    },
    noiseSigma: hard ? rnd.between(6, 10) : rnd.between(3, 7),
    blurSigma: hard ? rnd.between(0.8, 1.2) : rnd.between(0.3, 0.8),
    jpegQuality: hard ? 40 : Math.round(rnd.between(40, 60)),
  };
}

/** Spoils a profile to show the card `width` px across in a 1000 px picture (the rest as drawn): small cards' tests and bench cells. */
export const cardAcross = (width: number) => (p: PhotoProfile): PhotoProfile => ({ ...p, pictureWidth: 1000, cardFraction: width / 1000 });

/** The profile the older `damage` number draws (1600×1200, the card ~72 % wide, rotation ±5°·d). */
function damageProfile(damage: number, rnd: SeededRandom): PhotoProfile {
  const p = drawDamage(damage, rnd);
  return {
    pictureWidth: 1600,
    cardFraction: rnd.between(0.66, 0.78),
    rotationDeg: p.rotationDeg,
    perspective: p.perspective,
    lightFalloff: p.lightFalloff,
    glare: { strength: 0, radius: 0, u: 0, v: 0 },
    noiseSigma: p.noiseSigma,
    blurSigma: p.blurSigma,
    jpegQuality: p.jpegQuality,
    placementSlack: 60,
  };
}

/**
 * Photographs a canonical RGBA side lying on a table: placement, rotation, perspective, light
 * gradient, sensor noise, blur and JPEG compression. Damage 0 gives a flat scan of the side.
 */
export async function photograph(sidePng: Buffer, damage: number, rnd: SeededRandom): Promise<Buffer> {
  if (damage <= 0) {
    drawDamage(damage, rnd);
    return flatScan(sidePng);
  }
  return photographWith(sidePng, damageProfile(damage, rnd), rnd);
}

/** Photographs a side at a level ('clean' = the flat scan). */
export async function photographAt(sidePng: Buffer, level: PhotoLevel, rnd: SeededRandom): Promise<Buffer> {
  if (level === 'clean') return flatScan(sidePng);
  return photographWith(sidePng, drawPhotoProfile(level, rnd), rnd);
}

function flatScan(sidePng: Buffer): Promise<Buffer> {
  return sharp(sidePng).flatten({ background: '#ffffff' }).jpeg({ quality: 95 }).toBuffer();
}

/** Photographs a side with exactly these parameters (the placement and table still come from `rnd`). */
export async function photographWith(sidePng: Buffer, p: PhotoProfile, rnd: SeededRandom): Promise<Buffer> {
  const card = await sharp(sidePng).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  const cw = card.info.width;
  const chh = card.info.height;
  const W = p.pictureWidth;
  const H = Math.round(W * 0.75);
  const scale = (W * p.cardFraction) / cw;
  // The card stays in the picture whatever its rotation: the slack is what its bounding box leaves.
  const a = (p.rotationDeg * Math.PI) / 180;
  const boxW = (Math.abs(Math.cos(a)) * cw + Math.abs(Math.sin(a)) * chh) * scale;
  const boxH = (Math.abs(Math.sin(a)) * cw + Math.abs(Math.cos(a)) * chh) * scale;
  const slackX = p.placementSlack ?? Math.max(0, Math.min(60 * (W / 1600), (W - boxW) / 2 - 0.06 * W));
  const slackY = p.placementSlack ?? Math.max(0, Math.min(60 * (W / 1600), (H - boxH) / 2 - 0.06 * H));
  const cx = W / 2 + rnd.between(-slackX, slackX);
  const cy = H / 2 + rnd.between(-slackY, slackY);
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
  const toCard = homographyFrom(placed, corners);
  const layer = warp({ data: card.data, width: cw, height: chh, channels: 4 }, toCard, W, H);
  const photo = tableTop(W, H, rnd);
  // Light falls off along a random direction; a soft shadow darkens the table just below-right of the card.
  const dir = rnd.between(0, Math.PI * 2);
  const lx = Math.cos(dir);
  const ly = Math.sin(dir);
  const span = Math.hypot(W, H) / 2;
  // The glare spot sits on the card (card coordinates u, v), a Gaussian of the light source's reflection.
  const g = p.glare;
  const glareAt = g.strength > 0 ? applyHomography(homographyFrom(corners, placed), g.u * cw, g.v * chh) : null;
  const glareR = g.radius * cw * scale;
  // A table of normal deviates walked by a seeded index: per-pixel Box–Muller is the slow part.
  const normals = Float32Array.from({ length: 65536 }, () => rnd.gaussian());
  let k = Math.floor(rnd.next() * 65536);
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      const i = y * W + x;
      const alpha = layer[i * 4 + 3] / 255;
      const light = 1 - p.lightFalloff * (0.5 + (((x - W / 2) * lx + (y - H / 2) * ly) / span) * 0.5);
      let shine = 0;
      if (glareAt && alpha > 0) {
        const r2 = ((x - glareAt.x) ** 2 + (y - glareAt.y) ** 2) / (glareR * glareR);
        // A flat-topped spot: strength 1 washes its middle out to white.
        if (r2 < 9) shine = alpha * Math.min(1, g.strength * 1.6 * Math.exp(-r2 / 2));
      }
      for (let c = 0; c < 3; c++) {
        const lit = (layer[i * 4 + c] * alpha + photo[i * 3 + c] * (1 - alpha)) * light;
        const v = lit + (255 - lit) * shine + p.noiseSigma * normals[(k = (k * 1103515245 + 12345) & 0xffff)];
        photo[i * 3 + c] = v < 0 ? 0 : v > 255 ? 255 : v;
      }
    }
  }
  let img = sharp(photo, { raw: { width: W, height: H, channels: 3 } });
  if (p.blurSigma >= 0.3) img = img.blur(p.blurSigma);
  return img.jpeg({ quality: p.jpegQuality }).toBuffer();
}
