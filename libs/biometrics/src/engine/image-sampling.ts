import type { Box } from './image-quality';

/** Interleaved 8-bit RGB pixels (what `decodeImage` returns). */
export interface RgbPixels {
  readonly data: Uint8Array;
  readonly width: number;
  readonly height: number;
}

/**
 * A 2×3 affine map from output (model input) coordinates to source image coordinates:
 * `x_src = a·x + b·y + c`, `y_src = d·x + e·y + f`, pixel centres at integer + 0.5.
 */
export interface Affine {
  readonly a: number;
  readonly b: number;
  readonly c: number;
  readonly d: number;
  readonly e: number;
  readonly f: number;
}

/** How the sampled pixels are written: planar (NCHW) RGB or one grey plane, each value `v * scale + offset`. */
export interface SampleLayout {
  readonly channels: 'rgb' | 'grey';
  readonly scale: number;
  readonly offset: number;
  /** Value of pixels that fall outside the image, before scaling (default 0, black, as cv.warpAffine fills). */
  readonly fill?: number;
}

/** The affine map that stretches `box` of the source onto a `width`×`height` output. */
export function boxToOutput(box: Box, width: number, height: number): Affine {
  return { a: box.width / width, b: 0, c: box.x, d: 0, e: box.height / height, f: box.y };
}

/**
 * Resamples the source through `map` into a `width`×`height` planar float tensor (bilinear).
 * When the map shrinks the source by more than 1.5×, each output pixel averages a k×k grid of
 * bilinear samples (k = the shrink factor, at most 4), so downscaled faces are not aliased.
 */
export function sampleAffine(image: RgbPixels, map: Affine, width: number, height: number, layout: SampleLayout): Float32Array {
  if (map.b === 0 && map.d === 0 && (map.a > 1.5 || map.e > 1.5)) return resizeArea(image, map, width, height, layout);
  const grey = layout.channels === 'grey';
  const out = new Float32Array((grey ? 1 : 3) * width * height);
  const plane = width * height;
  const shrink = Math.max(Math.hypot(map.a, map.d), Math.hypot(map.b, map.e));
  const k = shrink > 1.5 ? Math.min(4, Math.round(shrink)) : 1;
  const fill = layout.fill ?? 0;
  const { data, width: w, height: h } = image;
  const norm = layout.scale / (k * k);
  const { offset } = layout;
  const { a, b, c, d, e, f } = map;
  for (let oy = 0; oy < height; oy++) {
    for (let ox = 0; ox < width; ox++) {
      let r = 0;
      let g = 0;
      let bl = 0;
      for (let sj = 0; sj < k; sj++) {
        const py = oy + (sj + 0.5) / k;
        for (let si = 0; si < k; si++) {
          const px = ox + (si + 0.5) / k;
          // Source pixel centres sit at integer + 0.5.
          const x = a * px + b * py + c - 0.5;
          const y = d * px + e * py + f - 0.5;
          const x0 = Math.floor(x);
          const y0 = Math.floor(y);
          const fx = x - x0;
          const fy = y - y0;
          if (x0 >= 0 && y0 >= 0 && x0 + 1 < w && y0 + 1 < h) {
            const o00 = (y0 * w + x0) * 3;
            const o10 = o00 + 3;
            const o01 = o00 + w * 3;
            const o11 = o01 + 3;
            const w00 = (1 - fx) * (1 - fy);
            const w10 = fx * (1 - fy);
            const w01 = (1 - fx) * fy;
            const w11 = fx * fy;
            r += w00 * data[o00] + w10 * data[o10] + w01 * data[o01] + w11 * data[o11];
            g += w00 * data[o00 + 1] + w10 * data[o10 + 1] + w01 * data[o01 + 1] + w11 * data[o11 + 1];
            bl += w00 * data[o00 + 2] + w10 * data[o10 + 2] + w01 * data[o01 + 2] + w11 * data[o11 + 2];
            continue;
          }
          // At or beyond the border: taps outside the image read `fill`.
          for (let j = 0; j < 2; j++) {
            const yy = y0 + j;
            const wy = j === 0 ? 1 - fy : fy;
            for (let i = 0; i < 2; i++) {
              const xx = x0 + i;
              const wgt = wy * (i === 0 ? 1 - fx : fx);
              if (xx < 0 || yy < 0 || xx >= w || yy >= h) {
                r += wgt * fill;
                g += wgt * fill;
                bl += wgt * fill;
              } else {
                const o = (yy * w + xx) * 3;
                r += wgt * data[o];
                g += wgt * data[o + 1];
                bl += wgt * data[o + 2];
              }
            }
          }
        }
      }
      const idx = oy * width + ox;
      if (grey) {
        out[idx] = (0.299 * r + 0.587 * g + 0.114 * bl) * norm + offset;
      } else {
        out[idx] = r * norm + offset;
        out[plane + idx] = g * norm + offset;
        out[2 * plane + idx] = bl * norm + offset;
      }
    }
  }
  return out;
}

/** Source pixels each output pixel covers along one axis: `start[o]`, `count[o]` taps from `index`/`weight` at `offset[o]` (weights sum to 1; index −1 = outside). */
interface AreaTaps {
  readonly offset: Int32Array;
  readonly count: Int32Array;
  readonly index: Int32Array;
  readonly weight: Float32Array;
}

function areaTaps(origin: number, step: number, outputs: number, limit: number): AreaTaps {
  const offset = new Int32Array(outputs);
  const count = new Int32Array(outputs);
  const index: number[] = [];
  const weight: number[] = [];
  for (let o = 0; o < outputs; o++) {
    const from = origin + o * step;
    const to = from + step;
    offset[o] = index.length;
    for (let i = Math.floor(from); i < to; i++) {
      const covered = Math.min(to, i + 1) - Math.max(from, i);
      if (covered <= 0) continue;
      index.push(i < 0 || i >= limit ? -1 : i);
      weight.push(covered / step);
    }
    count[o] = index.length - offset[o];
  }
  return { offset, count, index: Int32Array.from(index), weight: Float32Array.from(weight) };
}

/** Scratch rows of the horizontal pass, reused across calls (2.4 MB for a 640-px frame: allocating it per frame cost GC time). */
let scratchRows = new Float32Array(0);

/**
 * Axis-aligned shrink by area averaging (each output pixel is the mean of the source pixels it
 * covers), separable, so a 1024-px photo becomes the detector's 320×240 in a few milliseconds.
 * Taps outside the image read `fill`; with the default fill 0 they add exactly nothing and are skipped.
 */
function resizeArea(image: RgbPixels, map: Affine, width: number, height: number, layout: SampleLayout): Float32Array {
  const { data, width: w, height: h } = image;
  const fill = layout.fill ?? 0;
  const xs = areaTaps(map.c, map.a, width, w);
  const ys = areaTaps(map.f, map.e, height, h);
  // Horizontal pass over the source rows the vertical taps use (a contiguous band), into one buffer.
  let firstRow = h;
  let lastRow = -1;
  for (let t = 0; t < ys.index.length; t++) {
    const iy = ys.index[t];
    if (iy < 0) continue;
    if (iy < firstRow) firstRow = iy;
    if (iy > lastRow) lastRow = iy;
  }
  const stride = width * 3;
  const bandLength = Math.max(0, lastRow - firstRow + 1) * stride;
  if (scratchRows.length < bandLength) scratchRows = new Float32Array(bandLength);
  const rows = scratchRows;
  // Byte offset of each horizontal tap within a source row (−1 outside the image).
  const xOffset = new Int32Array(xs.index.length);
  for (let t = 0; t < xs.index.length; t++) xOffset[t] = xs.index[t] < 0 ? -1 : xs.index[t] * 3;
  const { offset: xFrom, count: xCount, weight: xWeight } = xs;
  for (let y = firstRow; y <= lastRow; y++) {
    const base = y * w * 3;
    const dst = (y - firstRow) * stride;
    for (let ox = 0; ox < width; ox++) {
      let rr = 0;
      let gg = 0;
      let bb = 0;
      const end = xFrom[ox] + xCount[ox];
      for (let t = xFrom[ox]; t < end; t++) {
        const wt = xWeight[t];
        const at = xOffset[t];
        if (at < 0) {
          if (fill === 0) continue;
          rr += wt * fill;
          gg += wt * fill;
          bb += wt * fill;
        } else {
          const o = base + at;
          rr += wt * data[o];
          gg += wt * data[o + 1];
          bb += wt * data[o + 2];
        }
      }
      const d = dst + ox * 3;
      rows[d] = rr;
      rows[d + 1] = gg;
      rows[d + 2] = bb;
    }
  }
  const grey = layout.channels === 'grey';
  const out = new Float32Array((grey ? 1 : 3) * width * height);
  const plane = width * height;
  const acc = new Float32Array(stride);
  const { scale, offset } = layout;
  const { offset: yFrom, count: yCount, weight: yWeight, index: yIndex } = ys;
  for (let oy = 0; oy < height; oy++) {
    acc.fill(0);
    const end = yFrom[oy] + yCount[oy];
    for (let t = yFrom[oy]; t < end; t++) {
      const wt = yWeight[t];
      const iy = yIndex[t];
      if (iy < 0) {
        if (fill === 0) continue;
        for (let i = 0; i < stride; i++) acc[i] += wt * fill;
        continue;
      }
      const from = (iy - firstRow) * stride;
      for (let i = 0; i < stride; i++) acc[i] += wt * rows[from + i];
    }
    const row = oy * width;
    if (grey) {
      for (let ox = 0; ox < width; ox++) out[row + ox] = (0.299 * acc[ox * 3] + 0.587 * acc[ox * 3 + 1] + 0.114 * acc[ox * 3 + 2]) * scale + offset;
    } else {
      for (let ox = 0; ox < width; ox++) {
        const idx = row + ox;
        out[idx] = acc[ox * 3] * scale + offset;
        out[plane + idx] = acc[ox * 3 + 1] * scale + offset;
        out[2 * plane + idx] = acc[ox * 3 + 2] * scale + offset;
      }
    }
  }
  return out;
}

/** Planar float RGB (0–255, as `sampleAffine` writes it with scale 1) back to interleaved bytes, for models that take HWC images. */
export function planarToInterleaved(planar: Float32Array, width: number, height: number): Uint8Array {
  const plane = width * height;
  const out = new Uint8Array(plane * 3);
  for (let i = 0; i < plane; i++) {
    out[i * 3] = clampByte(planar[i]);
    out[i * 3 + 1] = clampByte(planar[plane + i]);
    out[i * 3 + 2] = clampByte(planar[2 * plane + i]);
  }
  return out;
}

const clampByte = (v: number) => (v <= 0 ? 0 : v >= 255 ? 255 : Math.round(v));
