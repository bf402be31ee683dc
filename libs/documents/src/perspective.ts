/** A 3×3 projective transform, row-major, h[8] = 1. */
export type Homography = readonly number[];

export interface Point {
  readonly x: number;
  readonly y: number;
}

/** The homography that maps the four `from` points onto the four `to` points (direct linear solve). */
export function homographyFrom(from: readonly Point[], to: readonly Point[]): Homography {
  const a: number[][] = [];
  const b: number[] = [];
  for (let i = 0; i < 4; i++) {
    const { x, y } = from[i];
    const { x: u, y: v } = to[i];
    a.push([x, y, 1, 0, 0, 0, -u * x, -u * y]);
    b.push(u);
    a.push([0, 0, 0, x, y, 1, -v * x, -v * y]);
    b.push(v);
  }
  return [...solve(a, b), 1];
}

function solve(a: number[][], b: number[]): number[] {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i]]);
  for (let c = 0; c < n; c++) {
    let pivot = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r][c]) > Math.abs(m[pivot][c])) pivot = r;
    [m[c], m[pivot]] = [m[pivot], m[c]];
    if (Math.abs(m[c][c]) < 1e-12) throw new RangeError('degenerate quadrilateral');
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = m[r][c] / m[c][c];
      for (let k = c; k <= n; k++) m[r][k] -= f * m[c][k];
    }
  }
  return m.map((row, i) => row[n] / row[i]);
}

export function applyHomography(h: Homography, x: number, y: number): Point {
  const w = h[6] * x + h[7] * y + h[8];
  return { x: (h[0] * x + h[1] * y + h[2]) / w, y: (h[3] * x + h[4] * y + h[5]) / w };
}

/**
 * Resamples `src` (interleaved, `channels` per pixel) into a `width`×`height` image where output
 * pixel (x, y) takes the source colour at `toSource(x, y)` (bilinear); pixels mapping outside the
 * source are left as `fill` returns (or untouched when `into` is given and `fill` is null).
 */
export function warp(
  src: { data: Uint8Array | Buffer; width: number; height: number; channels: number },
  toSource: Homography,
  width: number,
  height: number,
  into?: Uint8Array,
): Uint8Array {
  const { data, width: sw, height: sh, channels: ch } = src;
  const out = into ?? new Uint8Array(width * height * ch);
  const [h0, h1, h2, h3, h4, h5, h6, h7, h8] = toSource;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const w = h6 * x + h7 * y + h8;
      const sx = (h0 * x + h1 * y + h2) / w;
      const sy = (h3 * x + h4 * y + h5) / w;
      if (sx < 0 || sy < 0 || sx > sw - 1 || sy > sh - 1) continue;
      const x0 = Math.floor(sx);
      const y0 = Math.floor(sy);
      const x1 = Math.min(x0 + 1, sw - 1);
      const y1 = Math.min(y0 + 1, sh - 1);
      const fx = sx - x0;
      const fy = sy - y0;
      const o = (y * width + x) * ch;
      for (let c = 0; c < ch; c++) {
        const top = data[(y0 * sw + x0) * ch + c] * (1 - fx) + data[(y0 * sw + x1) * ch + c] * fx;
        const bottom = data[(y1 * sw + x0) * ch + c] * (1 - fx) + data[(y1 * sw + x1) * ch + c] * fx;
        out[o + c] = top * (1 - fy) + bottom * fy + 0.5;
      }
    }
  }
  return out;
}
