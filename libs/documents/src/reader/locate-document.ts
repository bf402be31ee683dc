import type { Point } from '../perspective';
import type { DecodedImage } from './decode-image';

const ANALYSIS_WIDTH = 400;

/** Otsu's threshold of a 0..255 histogram. */
export function otsuThreshold(hist: ArrayLike<number>, total: number): number {
  let sumAll = 0;
  for (let i = 0; i < 256; i++) sumAll += i * hist[i];
  let sumB = 0;
  let wB = 0;
  let best = 0;
  let threshold = 127;
  for (let t = 0; t < 256; t++) {
    wB += hist[t];
    if (wB === 0) continue;
    const wF = total - wB;
    if (wF === 0) break;
    sumB += t * hist[t];
    const mB = sumB / wB;
    const mF = (sumAll - sumB) / wF;
    const between = wB * wF * (mB - mF) * (mB - mF);
    if (between > best) {
      best = between;
      threshold = t;
    }
  }
  return threshold;
}

/**
 * "Paper-ness" of each pixel of a downscaled copy: bright and unsaturated scores high, a wooden
 * or coloured table scores low. Robust to a light gradient because saturation does not fade with it.
 */
function paperScore(img: DecodedImage, step: number, w: number, h: number): Uint8Array {
  const out = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const sx = Math.min(img.width - 1, Math.floor(x * step));
      const sy = Math.min(img.height - 1, Math.floor(y * step));
      const o = (sy * img.width + sx) * 3;
      const r = img.rgb[o];
      const g = img.rgb[o + 1];
      const b = img.rgb[o + 2];
      const max = Math.max(r, g, b);
      const chroma = max - Math.min(r, g, b);
      out[y * w + x] = Math.max(0, Math.min(255, max - 1.5 * chroma));
    }
  }
  return out;
}

/** Keeps the largest 4-connected blob of `mask` (value 1); returns its size. */
function keepLargestBlob(mask: Uint8Array, w: number, h: number): number {
  const label = new Int32Array(w * h);
  let best = 0;
  let bestLabel = 0;
  let next = 1;
  const stack: number[] = [];
  for (let i = 0; i < mask.length; i++) {
    if (!mask[i] || label[i]) continue;
    let size = 0;
    stack.push(i);
    label[i] = next;
    while (stack.length) {
      const p = stack.pop()!;
      size++;
      const x = p % w;
      const nbrs = [x > 0 ? p - 1 : -1, x < w - 1 ? p + 1 : -1, p - w, p + w];
      for (const q of nbrs) {
        if (q >= 0 && q < mask.length && mask[q] && !label[q]) {
          label[q] = next;
          stack.push(q);
        }
      }
    }
    if (size > best) {
      best = size;
      bestLabel = next;
    }
    next++;
  }
  for (let i = 0; i < mask.length; i++) mask[i] = label[i] === bestLabel ? 1 : 0;
  return best;
}

interface Line {
  /** Points satisfy u = a·v + b, where (u, v) is (x, y) for vertical edges and (y, x) for horizontal. */
  readonly a: number;
  readonly b: number;
}

/** Least squares with two rounds of outlier rejection. */
function fitLine(points: Array<[number, number]>): Line | null {
  let pts = points;
  let line: Line | null = null;
  for (let round = 0; round < 3; round++) {
    if (pts.length < 8) return line;
    let sv = 0, su = 0, svv = 0, svu = 0;
    for (const [v, u] of pts) {
      sv += v;
      su += u;
      svv += v * v;
      svu += v * u;
    }
    const n = pts.length;
    const den = n * svv - sv * sv;
    if (Math.abs(den) < 1e-9) return line;
    const a = (n * svu - sv * su) / den;
    line = { a, b: (su - a * sv) / n };
    const l = line;
    const residuals = pts.map(([v, u]) => Math.abs(u - (l.a * v + l.b)));
    const sorted = [...residuals].sort((p, q) => p - q);
    const cut = Math.max(1.5, sorted[Math.floor(sorted.length * 0.8)] * 1.5);
    pts = pts.filter((_, i) => residuals[i] <= cut);
  }
  return line;
}

/** Intersection of a vertical-ish edge x = a1·y + b1 and a horizontal-ish edge y = a2·x + b2. */
function intersect(vertical: Line, horizontal: Line): Point {
  const y = (horizontal.a * vertical.b + horizontal.b) / (1 - horizontal.a * vertical.a);
  return { x: vertical.a * y + vertical.b, y };
}

/**
 * Finds the document's four corners (top-left, top-right, bottom-right, bottom-left, in image
 * pixels) by separating paper from background and fitting a straight line to each edge, which
 * ignores the rounded card corners. A scan with no background returns the image's corners.
 * Returns null when no document-sized blob is found.
 */
export function locateDocument(img: DecodedImage): Point[] | null {
  const step = img.width / ANALYSIS_WIDTH;
  const w = ANALYSIS_WIDTH;
  const h = Math.max(1, Math.floor(img.height / step));
  const score = paperScore(img, step, w, h);
  const hist = new Array<number>(256).fill(0);
  for (const v of score) hist[v]++;
  const t = otsuThreshold(hist, score.length);
  const mask = new Uint8Array(w * h);
  for (let i = 0; i < mask.length; i++) mask[i] = score[i] > t ? 1 : 0;
  const area = keepLargestBlob(mask, w, h);
  const whole: Point[] = [
    { x: 0, y: 0 },
    { x: img.width, y: 0 },
    { x: img.width, y: img.height },
    { x: 0, y: img.height },
  ];
  // A card far away is still found (a small one is refused as too far by the quality check, with advice).
  if (area < mask.length * 0.015) return null;

  let minY = h, maxY = 0, minX = w, maxX = 0;
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) if (mask[y * w + x]) {
    if (y < minY) minY = y;
    if (y > maxY) maxY = y;
    if (x < minX) minX = x;
    if (x > maxX) maxX = x;
  }
  // A flat scan: the paper blob reaches every border of the frame.
  if (minX <= 1 && minY <= 1 && maxX >= w - 2 && maxY >= h - 2) return whole;
  const left: Array<[number, number]> = [];
  const right: Array<[number, number]> = [];
  const top: Array<[number, number]> = [];
  const bottom: Array<[number, number]> = [];
  const trimY = (maxY - minY) * 0.2;
  const trimX = (maxX - minX) * 0.2;
  for (let y = Math.ceil(minY + trimY); y <= maxY - trimY; y++) {
    let l = -1, r = -1;
    for (let x = 0; x < w; x++) if (mask[y * w + x]) { if (l < 0) l = x; r = x; }
    if (l > 0) left.push([y, l]);
    if (r >= 0 && r < w - 1) right.push([y, r + 1]);
  }
  for (let x = Math.ceil(minX + trimX); x <= maxX - trimX; x++) {
    let tp = -1, bt = -1;
    for (let y = 0; y < h; y++) if (mask[y * w + x]) { if (tp < 0) tp = y; bt = y; }
    if (tp > 0) top.push([x, tp]);
    if (bt >= 0 && bt < h - 1) bottom.push([x, bt + 1]);
  }
  const edges = [fitLine(left), fitLine(top), fitLine(right), fitLine(bottom)];
  // An edge cut off by the frame: fall back to the frame itself.
  const [L, T, R, B] = edges.map((e, i) => e ?? [{ a: 0, b: 0 }, { a: 0, b: 0 }, { a: 0, b: w }, { a: 0, b: h }][i]);
  const corners = [intersect(L, T), intersect(R, T), intersect(R, B), intersect(L, B)];
  return corners.map((p) => ({ x: p.x * step, y: p.y * step }));
}
