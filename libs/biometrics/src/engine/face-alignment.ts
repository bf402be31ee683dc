import type { Point } from './face-geometry';
import type { Affine } from './image-sampling';

/** Five alignment points: the subject's right eye centre (image left), left eye centre, nose tip, right and left mouth corners. */
export type FivePoints = readonly [Point, Point, Point, Point, Point];

/** Where ArcFace-family models expect the five points in their 112×112 input (insightface's reference). */
export const ARCFACE_TEMPLATE_112: FivePoints = [
  { x: 38.2946, y: 51.6963 },
  { x: 73.5318, y: 51.5014 },
  { x: 56.0252, y: 71.7366 },
  { x: 41.5493, y: 92.3655 },
  { x: 70.7299, y: 92.2041 },
];

/**
 * The same five points in dlib's 150×150 face chip (`get_face_chip_details(shape, 150, 0.25)`), on
 * which dlib's ResNet — the network face-api's 128-d descriptor reproduces — was trained. Computed
 * from dlib's mean face shape (points 36–41 and 42–47 averaged, 30, 48, 54) as (0.25 + m) / 1.5 × 150.
 */
export const DLIB_TEMPLATE_150: FivePoints = [
  { x: 47.549, y: 46.599 },
  { x: 100.476, y: 46.599 },
  { x: 74.013, y: 76.563 },
  { x: 50.415, y: 103.023 },
  { x: 97.61, y: 103.023 },
];

/** The five alignment points from the 68 iBUG landmarks: eye centres = means of 36–41 and 42–47, nose tip 30, mouth corners 48 and 54. */
export function fivePoints(landmarks: readonly Point[]): FivePoints {
  const mean = (from: number, to: number) => {
    let x = 0;
    let y = 0;
    for (let i = from; i <= to; i++) {
      x += landmarks[i].x;
      y += landmarks[i].y;
    }
    const n = to - from + 1;
    return { x: x / n, y: y / n };
  };
  return [mean(36, 41), mean(42, 47), landmarks[30], landmarks[48], landmarks[54]];
}

/**
 * Least-squares similarity transform (rotation, uniform scale, translation; Umeyama 1991 in 2-D)
 * taking `from` onto `to`, returned as an {@link Affine}: `to ≈ M · from`.
 */
export function similarityTransform(from: readonly Point[], to: readonly Point[]): Affine {
  const n = from.length;
  let fx = 0;
  let fy = 0;
  let tx = 0;
  let ty = 0;
  for (let i = 0; i < n; i++) {
    fx += from[i].x;
    fy += from[i].y;
    tx += to[i].x;
    ty += to[i].y;
  }
  fx /= n;
  fy /= n;
  tx /= n;
  ty /= n;
  let norm = 0;
  let dotSum = 0;
  let crossSum = 0;
  for (let i = 0; i < n; i++) {
    const x = from[i].x - fx;
    const y = from[i].y - fy;
    const u = to[i].x - tx;
    const v = to[i].y - ty;
    norm += x * x + y * y;
    dotSum += x * u + y * v;
    crossSum += x * v - y * u;
  }
  if (norm < 1e-9) throw new Error('alignment points coincide');
  const c = dotSum / norm;
  const s = crossSum / norm;
  return { a: c, b: -s, c: tx - c * fx + s * fy, d: s, e: c, f: ty - s * fx - c * fy };
}

/** The inverse of an affine map. */
export function invertAffine(m: Affine): Affine {
  const det = m.a * m.e - m.b * m.d;
  if (Math.abs(det) < 1e-12) throw new Error('affine map is singular');
  const a = m.e / det;
  const b = -m.b / det;
  const d = -m.d / det;
  const e = m.a / det;
  return { a, b, c: -(a * m.c + b * m.f), d, e, f: -(d * m.c + e * m.f) };
}

/** The map from a template's output pixels back into the image, for sampling an aligned face chip. */
export function alignmentSampler(points: FivePoints, template: FivePoints): Affine {
  return invertAffine(similarityTransform(points, template));
}

export function applyAffine(m: Affine, p: Point): Point {
  return { x: m.a * p.x + m.b * p.y + m.c, y: m.d * p.x + m.e * p.y + m.f };
}
