import type { DecodedImage } from '../image-decoder';

export interface Box {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** Photometric quality of a face region, measured on a fixed-size grey crop so figures compare across image sizes. */
export interface RegionQuality {
  /** Mean luma 0–255 (Rec. 601). */
  readonly brightness: number;
  /** Standard deviation of luma: low means washed out or murky. */
  readonly contrast: number;
  /** Variance of the Laplacian on the 128-px crop: low means blurred. */
  readonly sharpness: number;
  /** Share of pixels clipped to near-black or near-white. */
  readonly clipped: number;
}

const SIDE = 128;

/** Resamples a box of the image to a SIDE×SIDE grey crop (bilinear), clamping at the edges. */
export function greyCrop(image: DecodedImage, box: Box, side = SIDE): Float32Array {
  const out = new Float32Array(side * side);
  const { data, width, height } = image;
  const luma = (x: number, y: number) => {
    const cx = Math.min(width - 1, Math.max(0, x));
    const cy = Math.min(height - 1, Math.max(0, y));
    const o = (cy * width + cx) * 3;
    return 0.299 * data[o] + 0.587 * data[o + 1] + 0.114 * data[o + 2];
  };
  for (let j = 0; j < side; j++) {
    const sy = box.y + ((j + 0.5) * box.height) / side - 0.5;
    const y0 = Math.floor(sy);
    const fy = sy - y0;
    for (let i = 0; i < side; i++) {
      const sx = box.x + ((i + 0.5) * box.width) / side - 0.5;
      const x0 = Math.floor(sx);
      const fx = sx - x0;
      const top = luma(x0, y0) * (1 - fx) + luma(x0 + 1, y0) * fx;
      const bottom = luma(x0, y0 + 1) * (1 - fx) + luma(x0 + 1, y0 + 1) * fx;
      out[j * side + i] = top * (1 - fy) + bottom * fy;
    }
  }
  return out;
}

/**
 * Measures brightness, contrast and sharpness of a face box. Sharpness uses the inner part of the
 * box (eyes, nose, mouth) so a soft background or hair does not count as blur.
 */
export function regionQuality(image: DecodedImage, box: Box): RegionQuality {
  const grey = greyCrop(image, box);
  let sum = 0;
  let sumSq = 0;
  let clipped = 0;
  for (const v of grey) {
    sum += v;
    sumSq += v * v;
    if (v < 8 || v > 247) clipped++;
  }
  const n = grey.length;
  const brightness = sum / n;
  const contrast = Math.sqrt(Math.max(0, sumSq / n - brightness * brightness));
  // Laplacian variance over the central 80% of the crop.
  const lo = Math.floor(SIDE * 0.1);
  const hi = Math.ceil(SIDE * 0.9);
  let lSum = 0;
  let lSq = 0;
  let count = 0;
  for (let y = lo; y < hi; y++) {
    for (let x = lo; x < hi; x++) {
      const c = y * SIDE + x;
      const lap = grey[c - 1] + grey[c + 1] + grey[c - SIDE] + grey[c + SIDE] - 4 * grey[c];
      lSum += lap;
      lSq += lap * lap;
      count++;
    }
  }
  const lMean = lSum / count;
  return { brightness, contrast, sharpness: lSq / count - lMean * lMean, clipped: clipped / n };
}
