import type { Rect } from '../layout';
import { boxMeans, cutRect, type GreyImage } from './prepare-crop';

/** A word: glyphs closer than about half a letter height. */
export type TextWord = Rect;

/** One printed line: glyphs of similar height on one row, closer than a few letter heights. */
export interface TextLine extends Rect {
  /** Median glyph height: tells a label's small print from a value's. */
  readonly glyphHeight: number;
  /** Each glyph-sized piece of ink, left to right (a letter, or part of one: Ы is two). */
  readonly glyphBoxes: readonly Rect[];
  readonly words: readonly TextWord[];
}

/** A pixel is ink when darker than this share of its neighbourhood's mean. */
const INK_BELOW = 0.8;
/** Glyph heights considered, px of the straightened side. */
const MIN_GLYPH_HEIGHT = 5;
const MAX_GLYPH_HEIGHT = 42;

interface Glyph {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  area: number;
}

/** Connected components (8-neighbour) of the ink mask, as boxes with their pixel counts. */
function components(ink: Uint8Array, w: number, h: number): Glyph[] {
  const label = new Int32Array(w * h).fill(-1);
  const out: Glyph[] = [];
  const stack: number[] = [];
  for (let start = 0; start < ink.length; start++) {
    if (!ink[start] || label[start] >= 0) continue;
    const g: Glyph = { x0: w, y0: h, x1: 0, y1: 0, area: 0 };
    const id = out.length;
    label[start] = id;
    stack.push(start);
    while (stack.length) {
      const i = stack.pop()!;
      const x = i % w;
      const y = (i - x) / w;
      g.area++;
      if (x < g.x0) g.x0 = x;
      if (x > g.x1) g.x1 = x;
      if (y < g.y0) g.y0 = y;
      if (y > g.y1) g.y1 = y;
      for (let dy = -1; dy <= 1; dy++) {
        const yy = y + dy;
        if (yy < 0 || yy >= h) continue;
        for (let dx = -1; dx <= 1; dx++) {
          const xx = x + dx;
          if (xx < 0 || xx >= w) continue;
          const j = yy * w + xx;
          if (ink[j] && label[j] < 0) {
            label[j] = id;
            stack.push(j);
          }
        }
      }
    }
    g.x1++;
    g.y1++;
    out.push(g);
  }
  return out;
}

export const median = (xs: readonly number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

/**
 * Where the line's capitals stand. Not the median bottom: letters that touch a tailed one merge
 * with it (ҚА|З|АҚ), and then most pieces reach below the baseline.
 */
export function baselineOf(line: TextLine): number {
  const bottoms = line.glyphBoxes.filter((b) => b.h >= 0.6 * line.glyphHeight).map((b) => b.y + b.h).sort((a, b) => a - b);
  return bottoms[Math.floor(bottoms.length * 0.3)] ?? line.y + line.h;
}

/**
 * Finds the printed lines in `region` of a straightened side without OCR: ink against the local
 * background, glyph-sized connected components, grouped into rows of glyphs of like height.
 * Faint small print (a card's labels) and bold values come out as separate lines.
 */
export function findTextLines(grey: GreyImage, region: Rect): TextLine[] {
  // Offsets as cutRect rounds them.
  const rx = Math.max(0, Math.round(region.x));
  const ry = Math.max(0, Math.round(region.y));
  const cut = cutRect(grey, region);
  const { data: piece, width: w, height: h } = cut;
  const means = boxMeans(cut, 18);
  const ink = new Uint8Array(w * h);
  for (let i = 0; i < ink.length; i++) ink[i] = piece[i] < means[i] * INK_BELOW ? 1 : 0;
  const glyphs = components(ink, w, h).filter((g) => {
    const gh = g.y1 - g.y0;
    const gw = g.x1 - g.x0;
    return gh >= MIN_GLYPH_HEIGHT && gh <= MAX_GLYPH_HEIGHT && gw <= 2.2 * gh + 4 && g.area >= 8 && g.area / (gw * gh) >= 0.12;
  });
  // Rows: a glyph joins the line whose vertical band it shares and whose glyphs are of like height.
  const lines: { gs: Glyph[]; x1: number; y0: number; y1: number; gh: number }[] = [];
  for (const g of glyphs.sort((a, b) => a.x0 - b.x0)) {
    const gh = g.y1 - g.y0;
    const line = lines.find((l) => {
      const overlap = Math.min(l.y1, g.y1) - Math.max(l.y0, g.y0);
      return overlap > 0.6 * Math.min(gh, l.gh) && gh < 1.8 * l.gh && l.gh < 1.8 * gh && g.x0 - l.x1 < 1.2 * l.gh;
    });
    if (line) {
      line.gs.push(g);
      line.x1 = Math.max(line.x1, g.x1);
      line.gh = median(line.gs.map((q) => q.y1 - q.y0));
      line.y0 = median(line.gs.map((q) => q.y0));
      line.y1 = median(line.gs.map((q) => q.y1));
    } else lines.push({ gs: [g], x1: g.x1, y0: g.y0, y1: g.y1, gh });
  }
  return lines
    .filter((l) => l.gs.length >= 2)
    .map((l) => {
      const x0 = Math.min(...l.gs.map((g) => g.x0));
      const y0 = Math.min(...l.gs.map((g) => g.y0));
      const y1 = Math.max(...l.gs.map((g) => g.y1));
      const words: Array<{ x: number; y: number; w: number; h: number }> = [];
      for (const g of l.gs) {
        const last = words[words.length - 1];
        if (last && g.x0 - (last.x + last.w) < 0.5 * l.gh) {
          last.w = Math.max(last.w, g.x1 - last.x);
          last.h = Math.max(last.y + last.h, g.y1) - Math.min(last.y, g.y0);
          last.y = Math.min(last.y, g.y0);
        } else words.push({ x: g.x0, y: g.y0, w: g.x1 - g.x0, h: g.y1 - g.y0 });
      }
      return {
        x: rx + x0,
        y: ry + y0,
        w: l.x1 - x0,
        h: y1 - y0,
        glyphHeight: l.gh,
        glyphBoxes: l.gs.map((g) => ({ x: rx + g.x0, y: ry + g.y0, w: g.x1 - g.x0, h: g.y1 - g.y0 })),
        words: words.map((q) => ({ ...q, x: rx + q.x, y: ry + q.y })),
      };
    })
    .sort((a, b) => a.y - b.y || a.x - b.x);
}
