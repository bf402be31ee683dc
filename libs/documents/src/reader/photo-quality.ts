import { DocumentRejectedError, DocumentRejectionCode } from '../errors';
import type { Point } from '../perspective';
import type { DecodeLimits, DecodedImage } from './decode-image';
import { quantile } from './prepare-crop';

/** The cheap measures a photo is refused on before any OCR (see `checkPhotoQuality`). */
export interface PhotoQuality {
  /** The card's area as a fraction of the picture's. */
  readonly areaFraction: number;
  /** The card's mean edge length along its long side, in decoded pixels. */
  readonly cardWidthPx: number;
  /** The largest blob of washed-out (near-white in every channel) pixels, as a fraction of the card's area. */
  readonly glareFraction: number;
  /** Sharpness: mean |Laplacian| over mean |gradient| on the card's inked pixels; a blurred photo scores low. */
  readonly sharpness: number;
}

/** Thresholds: the generator's 'hard' photos and nearly all its 'phone' ones pass them (bench/documents.bench.ts, test/photo-quality.spec.ts). */
export const PHOTO_QUALITY_LIMITS = {
  minAreaFraction: 0.05,
  /**
   * Below this a card's values print under 8 px tall: phone photos of cards 300–340 px across had
   * wrong readings pass every check (ЮСҰПОВА for ЮСУПОВА, ТОЛЕУОВА for ТӨЛЕУОВА: the marks the zone
   * cannot see), none of 96 at 350–360 px. About 1 % of the generator's phone photos fall below it.
   */
  minCardWidthPx: 350,
  maxGlareFraction: 0.015,
  minSharpness: 0.185,
} as const;

const polygonArea = (c: readonly Point[]) => Math.abs(c.reduce((s, p, i) => s + p.x * c[(i + 1) % 4].y - c[(i + 1) % 4].x * p.y, 0)) / 2;

/** Inside the convex quadrilateral `c` (either winding), shrunk toward its centre by `shrink`. */
function insideTest(c: readonly Point[], shrink: number): (x: number, y: number) => boolean {
  const cx = c.reduce((s, p) => s + p.x, 0) / 4;
  const cy = c.reduce((s, p) => s + p.y, 0) / 4;
  const q = c.map((p) => ({ x: cx + (p.x - cx) * (1 - shrink), y: cy + (p.y - cy) * (1 - shrink) }));
  return (x, y) => {
    let sign = 0;
    for (let i = 0; i < 4; i++) {
      const a = q[i];
      const b = q[(i + 1) % 4];
      const cross = (b.x - a.x) * (y - a.y) - (b.y - a.y) * (x - a.x);
      const s = Math.sign(cross);
      if (s === 0) continue;
      if (sign === 0) sign = s;
      else if (s !== sign) return false;
    }
    return true;
  };
}

/** Measures the located card: how much of the picture it fills, the largest glare spot on it and how sharp it is. */
export function measurePhoto(img: DecodedImage, corners: readonly Point[]): PhotoQuality {
  const d = (p: Point, q: Point) => Math.hypot(p.x - q.x, p.y - q.y);
  const cardWidthPx = Math.max((d(corners[0], corners[1]) + d(corners[3], corners[2])) / 2, (d(corners[0], corners[3]) + d(corners[1], corners[2])) / 2);
  const area = polygonArea(corners);
  const inside = insideTest(corners, 0.04);
  const xs = corners.map((p) => p.x);
  const ys = corners.map((p) => p.y);
  const x0 = Math.max(1, Math.floor(Math.min(...xs)));
  const x1 = Math.min(img.width - 2, Math.ceil(Math.max(...xs)));
  const y0 = Math.max(1, Math.floor(Math.min(...ys)));
  const y1 = Math.min(img.height - 2, Math.ceil(Math.max(...ys)));
  const bw = Math.max(0, x1 - x0 + 1);
  const bh = Math.max(0, y1 - y0 + 1);
  const grey = new Float32Array(bw * bh);
  const mask = new Uint8Array(bw * bh);
  const washed = new Uint8Array(bw * bh);
  for (let y = 0; y < bh; y++) {
    for (let x = 0; x < bw; x++) {
      if (!inside(x0 + x, y0 + y)) continue;
      const o = ((y0 + y) * img.width + x0 + x) * 3;
      const r = img.rgb[o];
      const g = img.rgb[o + 1];
      const b = img.rgb[o + 2];
      const i = y * bw + x;
      mask[i] = 1;
      grey[i] = 0.299 * r + 0.587 * g + 0.114 * b;
      if (Math.min(r, g, b) >= 246) washed[i] = 1;
    }
  }
  const glareFraction = largestBlob(washed, bw) / Math.max(1, area);
  // Sharpness on the inked pixels (strong gradient), so the blank card and noise weigh little.
  let sumLap = 0;
  let sumGrad = 0;
  const grads = new Float32Array(bw * bh);
  let n = 0;
  for (let y = 1; y < bh - 1; y++) {
    for (let x = 1; x < bw - 1; x++) {
      const i = y * bw + x;
      if (!mask[i] || !mask[i - 1] || !mask[i + 1] || !mask[i - bw] || !mask[i + bw]) continue;
      grads[n++] = Math.abs(grey[i + 1] - grey[i - 1]) + Math.abs(grey[i + bw] - grey[i - bw]);
    }
  }
  const strong = n ? quantile(grads.subarray(0, n), 0.95) : Infinity;
  for (let y = 1; y < bh - 1; y++) {
    for (let x = 1; x < bw - 1; x++) {
      const i = y * bw + x;
      if (!mask[i] || !mask[i - 1] || !mask[i + 1] || !mask[i - bw] || !mask[i + bw]) continue;
      const grad = Math.abs(grey[i + 1] - grey[i - 1]) + Math.abs(grey[i + bw] - grey[i - bw]);
      if (grad < strong) continue;
      sumGrad += grad;
      sumLap += Math.abs(4 * grey[i] - grey[i - 1] - grey[i + 1] - grey[i - bw] - grey[i + bw]);
    }
  }
  return { areaFraction: area / (img.width * img.height), cardWidthPx, glareFraction, sharpness: sumGrad > 0 ? sumLap / sumGrad : 0 };
}

function largestBlob(mask: Uint8Array, w: number): number {
  const seen = new Uint8Array(mask.length);
  let best = 0;
  const stack: number[] = [];
  for (let s = 0; s < mask.length; s++) {
    if (!mask[s] || seen[s]) continue;
    let size = 0;
    seen[s] = 1;
    stack.push(s);
    while (stack.length) {
      const p = stack.pop()!;
      size++;
      const x = p % w;
      if (x > 0 && mask[p - 1] && !seen[p - 1]) { seen[p - 1] = 1; stack.push(p - 1); }
      if (x < w - 1 && mask[p + 1] && !seen[p + 1]) { seen[p + 1] = 1; stack.push(p + 1); }
      if (p >= w && mask[p - w] && !seen[p - w]) { seen[p - w] = 1; stack.push(p - w); }
      if (p + w < mask.length && mask[p + w] && !seen[p + w]) { seen[p + w] = 1; stack.push(p + w); }
    }
    if (size > best) best = size;
  }
  return best;
}

/** Refuses, with advice the applicant can follow, a photo whose card is too small, washed out by glare or blurred. */
export function checkPhotoQuality(img: DecodedImage, corners: readonly Point[], side: 'front' | 'back', limits: DecodeLimits = {}): PhotoQuality {
  const q = measurePhoto(img, corners);
  const L = PHOTO_QUALITY_LIMITS;
  const minCardWidthPx = limits.minCardWidthPx ?? L.minCardWidthPx;
  const detail = `area ${(100 * q.areaFraction).toFixed(1)} %, width ${q.cardWidthPx.toFixed(0)} px, glare ${(100 * q.glareFraction).toFixed(2)} %, sharpness ${q.sharpness.toFixed(3)}`;
  if (q.areaFraction < L.minAreaFraction || q.cardWidthPx < minCardWidthPx) throw new DocumentRejectedError(DocumentRejectionCode.TooFar, side, detail);
  if (q.glareFraction > L.maxGlareFraction) throw new DocumentRejectedError(DocumentRejectionCode.Glare, side, detail);
  if (q.sharpness < L.minSharpness) throw new DocumentRejectedError(DocumentRejectionCode.Blurred, side, detail);
  return q;
}
