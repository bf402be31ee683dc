import sharp from 'sharp';
import type { Rect } from '../layout';
import { otsuThreshold } from './locate-document';

/** A straightened greyscale side. */
export interface GreyImage {
  readonly data: Uint8Array;
  readonly width: number;
  readonly height: number;
}

export interface PreparedCrop {
  readonly png: Buffer;
  /** Fraction of dark pixels after binarisation; ~0 means nothing is printed there. */
  readonly ink: number;
}

/** The pixels of `r` (clipped to the image) as an image of their own. */
export function cutRect(img: GreyImage, r: Rect): GreyImage {
  const x0 = Math.max(0, Math.round(r.x));
  const y0 = Math.max(0, Math.round(r.y));
  const w = Math.min(img.width - x0, Math.round(r.w));
  const h = Math.min(img.height - y0, Math.round(r.h));
  const data = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) data.set(img.data.subarray((y0 + y) * img.width + x0, (y0 + y) * img.width + x0 + w), y * w);
  return { data, width: w, height: h };
}

/**
 * The mean of every pixel's (2·radius+1)² neighbourhood, clipped at the edges, from one integral
 * image: the local background that light correction and ink thresholds compare against.
 */
export function boxMeans(img: GreyImage, radius: number): Float32Array {
  const { data, width: w, height: h } = img;
  const integral = new Float64Array((w + 1) * (h + 1));
  for (let y = 0; y < h; y++) {
    let row = 0;
    for (let x = 0; x < w; x++) {
      row += data[y * w + x];
      integral[(y + 1) * (w + 1) + x + 1] = integral[y * (w + 1) + x + 1] + row;
    }
  }
  const out = new Float32Array(w * h);
  for (let y = 0; y < h; y++) {
    const y0 = Math.max(0, y - radius);
    const y1 = Math.min(h, y + radius + 1);
    for (let x = 0; x < w; x++) {
      const x0 = Math.max(0, x - radius);
      const x1 = Math.min(w, x + radius + 1);
      const sum = integral[y1 * (w + 1) + x1] - integral[y0 * (w + 1) + x1] - integral[y1 * (w + 1) + x0] + integral[y0 * (w + 1) + x0];
      out[y * w + x] = sum / ((x1 - x0) * (y1 - y0));
    }
  }
  return out;
}

/** The level paper takes once the light is evened out. */
const FLAT_PAPER = 200;

/** Divides out the local background (box mean over a wide window) so uneven light does not move the threshold. */
function flattenLight(img: GreyImage, radius: number): Uint8Array {
  const means = boxMeans(img, radius);
  const out = new Uint8Array(img.data.length);
  for (let i = 0; i < out.length; i++) out[i] = Math.min(255, (img.data[i] / Math.max(means[i], 1)) * FLAT_PAPER);
  return out;
}

/**
 * The darkest pixel of every pixel's (2·radius+1)² neighbourhood (a grey erosion, rows then
 * columns): how deep the nearest stroke's ink goes.
 */
function minFilter(data: Uint8Array, w: number, h: number, radius: number): Uint8Array {
  const rows = new Uint8Array(data.length);
  for (let y = 0; y < h; y++) minAlong(data, rows, y * w, 1, w, radius);
  const out = new Uint8Array(data.length);
  for (let x = 0; x < w; x++) minAlong(rows, out, x, w, h, radius);
  return out;
}

/** The darkest of each pixel's ±radius neighbours along one row or column (`length` pixels from `start`, `stride` apart). */
function minAlong(src: Uint8Array, dst: Uint8Array, start: number, stride: number, length: number, radius: number): void {
  for (let i = 0; i < length; i++) {
    let m = 255;
    for (let k = Math.max(0, i - radius); k <= Math.min(length - 1, i + radius); k++) m = Math.min(m, src[start + k * stride]);
    dst[start + i * stride] = m;
  }
}

/**
 * Glare adds light rather than multiplying it: under a glare spot a letter's ink lies only
 * 40–60 levels below the paper (JPEG and sensor noise: under 20), too pale for the one threshold
 * the rest of the line takes. A stroke at least this deep is ink down to half its depth.
 */
const FAINT_INK_DEPTH = 32;
/** …the stroke's depth taken within this share of the crop's height (a letter's half-width). */
const FAINT_INK_RADIUS = 0.25;

export interface CropOptions {
  /** Upscaling factor (cubic). */
  readonly scale: number;
  /** One printed line: rows outside its band of ink are blanked so a neighbouring label cannot leak in. */
  readonly singleLine: boolean;
  /** Otsu-binarise (default); false hands tesseract the light-corrected grey. */
  readonly binarise?: boolean;
  /** Also count pale strokes as ink, each down to half its own depth (print under glare). */
  readonly faintInk?: boolean;
}

/** `rect` cut out, scaled by `scale` (cubic) and its light evened out. */
async function scaledFlat(img: GreyImage, rect: Rect, scale: number): Promise<GreyImage> {
  const piece = cutRect(img, rect);
  const resized = await sharp(Buffer.from(piece.data), { raw: { width: piece.width, height: piece.height, channels: 1 } })
    .resize(Math.round(piece.width * scale), Math.round(piece.height * scale), { kernel: 'cubic' })
    .extractChannel(0)
    .raw()
    .toBuffer({ resolveWithObject: true });
  const { width, height } = resized.info;
  return { data: flattenLight({ data: resized.data, width, height }, Math.round(height * 0.6)), width, height };
}

/**
 * Crops `rect` from a straightened side, scales it, evens out the light, binarises (Otsu, and
 * with `faintInk` each pale stroke by its own depth) and, for a single line, blanks rows outside
 * the main band of ink. Returns a PNG with a white margin, ready for tesseract.
 */
export async function prepareCrop(img: GreyImage, rect: Rect, options: CropOptions): Promise<PreparedCrop> {
  const { scale, singleLine, binarise = true, faintInk = false } = options;
  const { data: flat, width: w, height: h } = await scaledFlat(img, rect, scale);
  const hist = new Array<number>(256).fill(0);
  for (const v of flat) hist[v]++;
  // Bias towards background: only clearly dark strokes count as ink.
  const t = Math.min(otsuThreshold(hist, flat.length), 150);
  const depth = faintInk ? minFilter(flat, w, h, Math.max(1, Math.round(FAINT_INK_RADIUS * h))) : null;
  const bin = new Uint8Array(w * h);
  let dark = 0;
  for (let i = 0; i < flat.length; i++) {
    const stroke = depth ? FLAT_PAPER - depth[i] : 0;
    const isInk = flat[i] <= t || (stroke >= FAINT_INK_DEPTH && flat[i] <= FLAT_PAPER - stroke / 2);
    bin[i] = isInk ? 0 : 255;
    if (isInk) dark++;
  }
  if (singleLine) keepMainBand(bin, w, h);
  if (!binarise) {
    // Hand tesseract the light-corrected grey (it binarises itself), keeping the band selection.
    for (let i = 0; i < bin.length; i++) if (bin[i] === 0 || (singleLine ? rowHasInk(bin, w, i) : true)) bin[i] = flat[i];
  }
  // A field's rectangle runs to the card's edge; its blank end only costs tesseract time.
  const png = await toTesseractPng(bin, w, h, singleLine ? inkColumns(bin, w, h, (v) => v < 128, 1) : null);
  return { png, ink: dark / flat.length };
}

/**
 * The columns from the first to the last that hold at least `min` ink pixels, widened by the
 * line's height on each side (a pale letter's edge, the gap before it); null when none do.
 */
function inkColumns(data: Uint8Array, w: number, h: number, isInk: (v: number) => boolean, min: number): [number, number] | null {
  let first = -1;
  let last = -1;
  for (let x = 0; x < w; x++) {
    let n = 0;
    for (let y = 0; y < h && n < min; y++) if (isInk(data[y * w + x])) n++;
    if (n >= min) {
      if (first < 0) first = x;
      last = x;
    }
  }
  return first < 0 ? null : [Math.max(0, first - h), Math.min(w - 1, last + h)];
}

/** The image (its columns `span` only, when given) with a white margin, as a PNG. */
function toTesseractPng(data: Uint8Array, w: number, h: number, span: [number, number] | null): Promise<Buffer> {
  const image = sharp(Buffer.from(data), { raw: { width: w, height: h, channels: 1 } });
  const kept = span && (span[0] > 0 || span[1] < w - 1) ? image.extract({ left: span[0], top: 0, width: span[1] + 1 - span[0], height: h }) : image;
  return kept.extend({ top: 12, bottom: 12, left: 12, right: 12, background: '#ffffff' }).png({ compressionLevel: 1 }).toBuffer();
}

function rowHasInk(bin: Uint8Array, w: number, i: number): boolean {
  const row = Math.floor(i / w) * w;
  return bin.subarray(row, row + w).includes(0);
}

/** Whitens rows outside the tallest run of inked rows (gaps of a few rows allowed). */
function keepMainBand(bin: Uint8Array, w: number, h: number): void {
  const inkRows = new Array<number>(h).fill(0);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) if (bin[y * w + x] === 0) inkRows[y]++;
  const minInk = Math.max(2, w * 0.004);
  let best = { start: 0, end: -1, ink: 0 };
  let cur = { start: -1, end: -1, ink: 0 };
  let gap = 0;
  for (let y = 0; y < h; y++) {
    if (inkRows[y] >= minInk) {
      if (cur.start < 0) cur = { start: y, end: y, ink: 0 };
      cur.end = y;
      cur.ink += inkRows[y];
      gap = 0;
    } else if (cur.start >= 0 && ++gap > Math.max(3, h * 0.1)) {
      if (cur.ink > best.ink) best = cur;
      cur = { start: -1, end: -1, ink: 0 };
    }
  }
  if (cur.start >= 0 && cur.ink > best.ink) best = cur;
  if (best.end < 0) return;
  for (let y = 0; y < h; y++) if (y < best.start - 3 || y > best.end + 3) bin.fill(255, y * w, (y + 1) * w);
}

/**
 * The value of rank ⌊q·n⌋ in ascending order, as a full sort would give it: a histogram of whole
 * values finds its bin, and only that bin is sorted (a photo has half a million gradients).
 */
export function quantile(values: Float32Array | Uint8Array, q: number): number {
  const rank = Math.floor(values.length * q);
  let max = 0;
  for (const v of values) if (v > max) max = v;
  const bins = new Uint32Array(Math.floor(max) + 1);
  for (const v of values) bins[v | 0]++;
  let below = 0;
  let bin = 0;
  while (below + bins[bin] <= rank) below += bins[bin++];
  const inBin = new Float32Array(bins[bin]);
  let k = 0;
  for (const v of values) if (v >= bin && v < bin + 1) inBin[k++] = v;
  return inBin.sort()[rank - below];
}

/**
 * For small, faint print (a card's labels): crops, scales, evens out the light and stretches the
 * contrast so the print is dark whatever its tint, leaving tesseract to binarise. PNG with a margin.
 */
export async function prepareFaintCrop(img: GreyImage, rect: Rect, scale: number): Promise<Buffer> {
  const { data: flat, width: w, height: h } = await scaledFlat(img, rect, scale);
  const lo = quantile(flat, 0.01);
  // Paper is ≈ 200 after flattening; just under it is where the faintest print begins.
  const hi = Math.max(lo + 10, quantile(flat, 0.5) - 6);
  const out = new Uint8Array(flat.length);
  for (let i = 0; i < flat.length; i++) out[i] = Math.max(0, Math.min(255, Math.round(((flat[i] - lo) / (hi - lo)) * 255)));
  // Columns where a few pixels are print-dark, not a speck of noise.
  return toTesseractPng(out, w, h, inkColumns(out, w, h, (v) => v < 96, 3));
}
