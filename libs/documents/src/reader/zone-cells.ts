import sharp from 'sharp';
import { MRZ_FONTS, mrzFontFile, type MrzFont } from '../generator/render-side';
import type { Rect } from '../layout';
import { boxMeans, cutRect, type GreyImage } from './prepare-crop';

/** The zone alphabet in the order cell scores are kept. */
export const ZONE_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<';

/** Characters whose glyphs are also tried against the shifted cell boxes. */
const CONTENDERS = 6;

/** Each cell is compared at this size (columns × rows); the cell's aspect is about 0.7. */
const FW = 14;
const FH = 20;

/** How well each character of the alphabet matches one cell (normalised correlation, −1…1). */
export type CellScores = Float32Array;

/** One glyph sample: a character and its normalised feature vector. */
interface Glyph {
  readonly index: number;
  readonly features: Float32Array;
}

/** Glyphs rendered from the zone fonts at one character pitch. */
export interface GlyphSet {
  readonly pitch: number;
  readonly glyphs: readonly Glyph[];
}

/** Ink darkness 0…1 per pixel of a cut-out band, after dividing out the local background. */
interface InkMap {
  readonly data: Float32Array;
  readonly width: number;
  readonly height: number;
}

/** A zone line found in the band: its rows and its character cells' left edge and pitch. */
interface LineCells {
  readonly top: number;
  readonly bottom: number;
  readonly x0: number;
  readonly pitch: number;
}

/** Darkness against a box-mean background: uneven light and pale print patterns fall away. */
export function inkMap(img: GreyImage, rect: Rect, radius: number): InkMap {
  const piece = cutRect(img, rect);
  const means = boxMeans(piece, radius);
  const data = new Float32Array(piece.data.length);
  for (let i = 0; i < data.length; i++) {
    // Ink lowers the box mean; lift it so paper reads as 0, not as faint ink.
    const background = Math.max(1, means[i] * 1.12);
    const v = piece.data[i];
    data[i] = v >= background ? 0 : (background - v) / background;
  }
  return { data, width: piece.width, height: piece.height };
}

/** Otsu's threshold over darkness values, so faint patterns are background and print is ink. */
function inkThreshold(map: InkMap): number {
  const bins = 64;
  const hist = new Array<number>(bins).fill(0);
  for (const v of map.data) hist[Math.min(bins - 1, Math.floor(v * bins))]++;
  const total = map.data.length;
  let sumAll = 0;
  for (let i = 0; i < bins; i++) sumAll += i * hist[i];
  let wB = 0;
  let sumB = 0;
  let best = 0;
  let at = bins / 4;
  for (let i = 0; i < bins; i++) {
    wB += hist[i];
    if (wB === 0 || wB === total) continue;
    sumB += i * hist[i];
    const mB = sumB / wB;
    const mF = (sumAll - sumB) / (total - wB);
    const between = wB * (total - wB) * (mB - mF) ** 2;
    if (between > best) {
      best = between;
      at = i;
    }
  }
  return Math.max(0.18, (at + 1) / bins);
}

/** Finds `count` text lines by the row profile: the runs of inked rows with the most ink. */
function findLines(map: InkMap, threshold: number, count: number): Array<{ top: number; bottom: number }> | null {
  const { data, width, height } = map;
  const rows = new Float64Array(height);
  for (let y = 0; y < height; y++) {
    let n = 0;
    for (let x = 0; x < width; x++) if (data[y * width + x] > threshold) n++;
    rows[y] = n;
  }
  const max = Math.max(...rows);
  if (max < 10) return null;
  const runs: Array<{ top: number; bottom: number; ink: number }> = [];
  let start = -1;
  let ink = 0;
  for (let y = 0; y <= height; y++) {
    const on = y < height && rows[y] > max * 0.18;
    if (on && start < 0) {
      start = y;
      ink = 0;
    }
    if (on) ink += rows[y];
    if (!on && start >= 0) {
      runs.push({ top: start, bottom: y - 1, ink });
      start = -1;
    }
  }
  const lines = runs.filter((r) => r.bottom - r.top >= 4).sort((a, b) => b.ink - a.ink).slice(0, count);
  if (lines.length < count) return null;
  return lines.sort((a, b) => a.top - b.top).map(({ top, bottom }) => ({ top, bottom }));
}

/** Ink per column of one line's rows, and where its ink starts and ends. */
function columnProfile(map: InkMap, threshold: number, line: { top: number; bottom: number }): { cols: Float64Array; left: number; right: number } {
  const { data, width } = map;
  const cols = new Float64Array(width);
  for (let y = line.top; y <= line.bottom; y++) for (let x = 0; x < width; x++) if (data[y * width + x] > threshold) cols[x]++;
  const minInk = Math.max(1, (line.bottom - line.top + 1) * 0.08);
  let left = 0;
  while (left < width && cols[left] < minInk) left++;
  let right = width - 1;
  while (right > left && cols[right] < minInk) right--;
  return { cols, left, right };
}

/**
 * Places `length` fixed-pitch cells on every line. The lines of a zone are printed as one block,
 * so they share the pitch (searched near `pitch0`); each line's left edge is searched near its
 * first ink. The best grid puts its cell boundaries in the gaps between characters and its cell
 * centres on ink; a grid too short for the line's ink is penalised.
 */
function placeCells(map: InkMap, threshold: number, lines: Array<{ top: number; bottom: number }>, length: number, pitch0: number): LineCells[] | null {
  const profiles = lines.map((l) => columnProfile(map, threshold, l));
  if (profiles.some((p) => p.right - p.left < pitch0 * length * 0.5)) return null;
  let best: LineCells[] | null = null;
  let bestCost = Infinity;
  for (let p = pitch0 * 0.92; p <= pitch0 * 1.08; p += pitch0 * 0.0025) {
    let total = 0;
    const placed: LineCells[] = [];
    lines.forEach((line, i) => {
      const { cols, left, right } = profiles[i];
      const at = (x: number) => { const r = Math.round(x); return r < 0 || r >= cols.length ? 0 : cols[r]; };
      const h = line.bottom - line.top + 1;
      let lineBest = Infinity;
      let lineX0 = left;
      for (let x0 = left - p * 0.4; x0 <= left + 1; x0 += 0.5) {
        let cost = 0;
        for (let k = 0; k <= length; k++) cost += at(x0 + k * p);
        for (let k = 0; k < length; k++) cost -= 0.5 * at(x0 + (k + 0.5) * p);
        const end = x0 + length * p;
        if (right > end) cost += (right - end) * h;
        if (cost < lineBest) {
          lineBest = cost;
          lineX0 = x0;
        }
      }
      total += lineBest;
      placed.push({ top: line.top, bottom: line.bottom, x0: lineX0, pitch: p });
    });
    if (total < bestCost) {
      bestCost = total;
      best = placed;
    }
  }
  return best && best.map((line, i) => centreLine(line, profiles[i].cols, length));
}

/** Shifts a line's grid so its cells' ink centroids sit, on average, at the cell centres. */
function centreLine(line: LineCells, cols: Float64Array, length: number): LineCells {
  let x0 = line.x0;
  for (let round = 0; round < 3; round++) {
    let shift = 0;
    let n = 0;
    for (let k = 0; k < length; k++) {
      const a = Math.max(0, Math.round(x0 + k * line.pitch));
      const b = Math.min(cols.length, Math.round(x0 + (k + 1) * line.pitch));
      let mass = 0;
      let moment = 0;
      for (let x = a; x < b; x++) {
        mass += cols[x];
        moment += cols[x] * x;
      }
      if (mass > 0) {
        shift += moment / mass - (x0 + (k + 0.5) * line.pitch);
        n++;
      }
    }
    if (n === 0) break;
    x0 += shift / n;
  }
  return { ...line, x0 };
}

/** Samples a box of the ink map to FW×FH (bilinear), mean-removed and unit length. */
function features(map: InkMap, x: number, y: number, w: number, h: number): Float32Array {
  const out = new Float32Array(FW * FH);
  const { data, width, height } = map;
  let mean = 0;
  for (let j = 0; j < FH; j++) {
    const sy = Math.min(height - 1.001, Math.max(0, y + ((j + 0.5) * h) / FH - 0.5));
    const y0 = Math.floor(sy);
    const fy = sy - y0;
    for (let i = 0; i < FW; i++) {
      const sx = Math.min(width - 1.001, Math.max(0, x + ((i + 0.5) * w) / FW - 0.5));
      const x0 = Math.floor(sx);
      const fx = sx - x0;
      const a = data[y0 * width + x0] * (1 - fx) + data[y0 * width + x0 + 1] * fx;
      const b = data[(y0 + 1) * width + x0] * (1 - fx) + data[(y0 + 1) * width + x0 + 1] * fx;
      const v = a * (1 - fy) + b * fy;
      out[j * FW + i] = v;
      mean += v;
    }
  }
  mean /= out.length;
  let norm = 0;
  for (let k = 0; k < out.length; k++) {
    out[k] -= mean;
    norm += out[k] * out[k];
  }
  norm = Math.sqrt(norm) || 1;
  for (let k = 0; k < out.length; k++) out[k] /= norm;
  return out;
}

/** The box a cell is compared in: its pitch wide, the line's ink height plus a little margin. */
function cellBox(line: LineCells, k: number, dx = 0, dy = 0): [number, number, number, number] {
  const h = line.bottom - line.top + 1;
  const pad = h * 0.12;
  return [line.x0 + k * line.pitch + dx, line.top - pad + dy, line.pitch, h + 2 * pad];
}

/** Finds the lines of a band and places their cells; null when the band does not hold `lineCount` lines. */
export function locateCells(map: InkMap, lineCount: number, lineLength: number, pitch: number): LineCells[] | null {
  const threshold = inkThreshold(map);
  const lines = findLines(map, threshold, lineCount);
  if (!lines) return null;
  return placeCells(map, threshold, lines, lineLength, pitch);
}

const SAMPLE_LINES = ['ABCDEFGHIJKLMNOPQRS', 'TUVWXYZ<0123456789<'];

async function renderSamples(font: MrzFont, pitch: number, blur: number): Promise<Glyph[]> {
  mrzFontFile(font);
  const { family, advanceEm } = MRZ_FONTS[font];
  const size = pitch / advanceEm;
  const gap = size * 1.6;
  const width = Math.ceil(pitch * (SAMPLE_LINES[0].length + 4));
  const height = Math.ceil(gap * (SAMPLE_LINES.length + 1));
  const text = SAMPLE_LINES.map((l, i) => `<text x="${pitch * 2}" y="${(gap * (i + 1)).toFixed(1)}" font-family="${family}" font-size="${size.toFixed(2)}" fill="#111">${l.replace(/</g, '&lt;')}</text>`).join('');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><rect width="100%" height="100%" fill="#fff"/>${text}</svg>`;
  let img = sharp(Buffer.from(svg)).greyscale();
  if (blur > 0) img = img.blur(blur);
  const { data, info } = await img.extractChannel(0).raw().toBuffer({ resolveWithObject: true });
  const grey: GreyImage = { data, width: info.width, height: info.height };
  const map = inkMap(grey, { x: 0, y: 0, w: info.width, h: info.height }, Math.round(pitch * 1.5));
  const lines = locateCells(map, SAMPLE_LINES.length, SAMPLE_LINES[0].length, pitch);
  if (!lines) throw new Error(`could not cut the ${font} sample glyphs into cells`);
  const out: Glyph[] = [];
  lines.forEach((line, i) => {
    for (let k = 0; k < SAMPLE_LINES[i].length; k++) {
      const index = ZONE_ALPHABET.indexOf(SAMPLE_LINES[i][k]);
      out.push({ index, features: features(map, ...cellBox(line, k)) });
    }
  });
  return out;
}

const glyphCache = new Map<number, Promise<GlyphSet>>();

/**
 * Glyph samples of both zone fonts (OCR-B and the DejaVu stand-in) at `pitch`, sharp and blurred
 * (the cell box is jittered when reading instead); rendered once per pitch with sharp from the installed fonts.
 */
export function zoneGlyphs(pitch: number): Promise<GlyphSet> {
  const key = Math.round(pitch * 10);
  let set = glyphCache.get(key);
  if (!set) {
    set = (async () => {
      const parts = await Promise.all((Object.keys(MRZ_FONTS) as MrzFont[]).flatMap((f) => [0, 1.1, 1.8].map((b) => renderSamples(f, pitch, b))));
      return { pitch, glyphs: parts.flat() };
    })();
    set.catch(() => glyphCache.delete(key));
    glyphCache.set(key, set);
  }
  return set;
}

/** What the band held: per line, per cell, a score for every character of the alphabet. */
export interface ZoneCells {
  readonly lines: readonly (readonly CellScores[])[];
}

/**
 * Reads a zone band cell by cell: finds its `lineCount` lines by the row profile, cuts each into
 * `lineLength` cells at the font pitch, and scores every cell against every glyph (best over a
 * little jitter of the cell box). Null when the band does not show the expected lines.
 */
export function readZoneCells(grey: GreyImage, band: Rect, lineCount: number, lineLength: number, glyphs: GlyphSet): ZoneCells | null {
  const map = inkMap(grey, band, Math.round(glyphs.pitch * 1.5));
  const lines = locateCells(map, lineCount, lineLength, glyphs.pitch);
  if (!lines) return null;
  const jitter: Array<[number, number]> = [[-0.08, 0], [0.08, 0], [-0.16, 0], [0.16, 0], [0, -0.06], [0, 0.06]];
  const match = (f: Float32Array, g: Glyph) => {
    let s = 0;
    for (let i = 0; i < f.length; i++) s += f[i] * g.features[i];
    return s;
  };
  return {
    lines: lines.map((line) => {
      const h = line.bottom - line.top;
      const cells: CellScores[] = [];
      for (let k = 0; k < lineLength; k++) {
        const scores = new Float32Array(ZONE_ALPHABET.length).fill(-1);
        const centred = features(map, ...cellBox(line, k));
        for (const g of glyphs.glyphs) scores[g.index] = Math.max(scores[g.index], match(centred, g));
        // Only the likeliest characters are worth the shifted boxes.
        const floor = [...scores].sort((a, b) => b - a)[CONTENDERS - 1];
        const contenders = glyphs.glyphs.filter((g) => scores[g.index] >= floor);
        for (const [dx, dy] of jitter) {
          const f = features(map, ...cellBox(line, k, dx * line.pitch, dy * h));
          for (const g of contenders) scores[g.index] = Math.max(scores[g.index], match(f, g));
        }
        cells.push(scores);
      }
      return cells;
    }),
  };
}
