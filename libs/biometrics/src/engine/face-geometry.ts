/** Geometry on the 68-point (iBUG/dlib) landmark layout that face-api predicts. */

export interface Point {
  readonly x: number;
  readonly y: number;
}

/** Head orientation in degrees. yaw > 0: the subject turned to their own left (in an unmirrored camera frame); pitch > 0: looking up; roll > 0: head tilted clockwise in the image. */
export interface HeadPose {
  readonly yaw: number;
  readonly pitch: number;
  readonly roll: number;
}

/**
 * A generic 3D face (arbitrary units, X toward the subject's left, Y up, Z out of the face, nose
 * tip at the origin) for the six landmarks whose depth is stable across people: nose tip, chin,
 * outer eye corners, mouth corners. The proportions are the widely used anthropometric mean face.
 */
const MODEL: ReadonlyArray<readonly [index: number, x: number, y: number, z: number]> = [
  [30, 0, 0, 0],
  [8, 0, -330, -65],
  [36, -225, 170, -135],
  [45, 225, 170, -135],
  [48, -150, -150, -125],
  [54, 150, -150, -125],
];

const DEG = 180 / Math.PI;

/**
 * Estimates head pose by fitting the generic 3D face to the landmarks under a scaled-orthographic
 * (weak-perspective) camera: a linear least-squares fit of the 2×3 projection, whose rows are then
 * orthonormalised into a rotation. At selfie distance the perspective error is a few degrees,
 * small next to the 15–20° turns the challenges ask for.
 */
export function estimateHeadPose(landmarks: readonly Point[]): HeadPose {
  const n = MODEL.length;
  const mean3 = [0, 0, 0];
  const mean2 = [0, 0];
  for (const [i, x, y, z] of MODEL) {
    mean3[0] += x / n;
    mean3[1] += y / n;
    mean3[2] += z / n;
    mean2[0] += landmarks[i].x / n;
    mean2[1] += -landmarks[i].y / n; // image y points down, the model's up
  }
  // Normal equations: (PᵀP) m = Pᵀ q for each image axis.
  const ptp = [
    [0, 0, 0],
    [0, 0, 0],
    [0, 0, 0],
  ];
  const ptqx = [0, 0, 0];
  const ptqy = [0, 0, 0];
  for (const [i, x, y, z] of MODEL) {
    const p = [x - mean3[0], y - mean3[1], z - mean3[2]];
    const qx = landmarks[i].x - mean2[0];
    const qy = -landmarks[i].y - mean2[1];
    for (let r = 0; r < 3; r++) {
      for (let c = 0; c < 3; c++) ptp[r][c] += p[r] * p[c];
      ptqx[r] += p[r] * qx;
      ptqy[r] += p[r] * qy;
    }
  }
  const inv = invert3(ptp);
  const r1 = normalise(mulVec(inv, ptqx));
  const m2 = mulVec(inv, ptqy);
  const r2 = normalise(sub(m2, scale(r1, dot(r1, m2))));
  const r3 = cross(r1, r2);
  // Columns of R = [r1; r2; r3] are the model axes in camera space; the third is where the face points.
  const forward = [r1[2], r2[2], r3[2]];
  const yaw = Math.atan2(forward[0], forward[2]) * DEG;
  const pitch = Math.atan2(forward[1], Math.hypot(forward[0], forward[2])) * DEG;
  const roll = Math.atan2(-r2[0], r1[0]) * DEG;
  return { yaw, pitch, roll };
}

/** Eye aspect ratio (Soukupová & Čech, 2016): about 0.25–0.35 open, below ~0.2 closed. Mean of both eyes. */
export function eyeAspectRatio(landmarks: readonly Point[]): { left: number; right: number; mean: number } {
  const ear = (s: number) =>
    (dist(landmarks[s + 1], landmarks[s + 5]) + dist(landmarks[s + 2], landmarks[s + 4])) / (2 * dist(landmarks[s], landmarks[s + 3]) || 1);
  // Points 36–41 are the eye on the image's left (the subject's right).
  const right = ear(36);
  const left = ear(42);
  return { left, right, mean: (left + right) / 2 };
}

/** Mouth width over outer-eye-corner distance: rises when a person smiles. */
export function mouthWidthRatio(landmarks: readonly Point[]): number {
  return dist(landmarks[48], landmarks[54]) / (dist(landmarks[36], landmarks[45]) || 1);
}

export function dist(a: Point, b: Point): number {
  return Math.hypot(a.x - b.x, a.y - b.y);
}

type Vec3 = number[];
const dot = (a: Vec3, b: Vec3) => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
const scale = (a: Vec3, k: number) => a.map((v) => v * k);
const sub = (a: Vec3, b: Vec3) => a.map((v, i) => v - b[i]);
const normalise = (a: Vec3) => scale(a, 1 / (Math.hypot(a[0], a[1], a[2]) || 1));
const cross = (a: Vec3, b: Vec3) => [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]];
const mulVec = (m: number[][], v: Vec3) => m.map((row) => dot(row, v));

function invert3(m: number[][]): number[][] {
  const [[a, b, c], [d, e, f], [g, h, i]] = m;
  const A = e * i - f * h;
  const B = -(d * i - f * g);
  const C = d * h - e * g;
  const det = a * A + b * B + c * C;
  if (Math.abs(det) < 1e-12) throw new Error('degenerate face model');
  const k = 1 / det;
  return [
    [A * k, -(b * i - c * h) * k, (b * f - c * e) * k],
    [B * k, (a * i - c * g) * k, -(a * f - c * d) * k],
    [C * k, -(a * h - b * g) * k, (a * e - b * d) * k],
  ];
}
