import type { BiometricsEngine, DetectedFace } from './engine/biometrics-engine';
import type { DecodedImage } from './image-decoder';

/**
 * Euclidean distance between face-api 128-d descriptors below which two faces are the same person.
 * Calibrated on fixtures/faces for at most 0.1% false accepts: the ROC table, the pair
 * counts and how to recompute it (`npm run -s face -- calibrate`) are in docs/biometrics.md#calibration.
 */
export const MATCH_THRESHOLD = 0.54;

/**
 * Faces too turned, tilted or small give descriptors that drift toward other people's (on the
 * held-out crowd photos both false accepts were tilted, blurred faces): such pairs are not
 * compared automatically and do not match — they go to a moderator. See docs/biometrics.md.
 */
export const MATCH_GATE = { maxAbsYaw: 35, maxAbsPitch: 25, maxAbsRoll: 25, minWidthPx: 80 } as const;

/** What matching needs of a face. */
export interface ComparableFace {
  readonly descriptor: ArrayLike<number>;
  readonly pose?: { yaw: number; pitch: number; roll: number };
  /** Face width in pixels of the analysed image. */
  readonly widthPx?: number;
}

/** Whether a face is frontal and large enough for an automatic decision (faces without pose data pass). */
export function isComparableFace(face: ComparableFace, gate: typeof MATCH_GATE = MATCH_GATE): boolean {
  const { pose, widthPx } = face;
  if (pose && (Math.abs(pose.yaw) > gate.maxAbsYaw || Math.abs(pose.pitch) > gate.maxAbsPitch || Math.abs(pose.roll) > gate.maxAbsRoll)) return false;
  return widthPx === undefined || widthPx >= gate.minWidthPx;
}

export interface FaceMatchResult {
  /** Descriptor distance, or null when a face is missing in either image. */
  readonly distance: number | null;
  readonly threshold: number;
  /** Both faces pass MATCH_GATE; a non-comparable pair never matches automatically. */
  readonly comparable: boolean;
  readonly match: boolean;
}

export type ThreeWayRole = 'selfie' | 'documentPortrait' | 'registerPhoto';

export interface ThreeWayMatchResult {
  readonly threshold: number;
  /** True only when all three pairs match. */
  readonly match: boolean;
  readonly pairs: {
    readonly selfieDocument: FaceMatchResult;
    readonly selfieRegister: FaceMatchResult;
    readonly documentRegister: FaceMatchResult;
  };
  /** Images in which no face was found (they make every pair they are in a non-match). */
  readonly missingFaces: ThreeWayRole[];
}

/** Euclidean distance of two descriptors. */
export function faceDistance(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error(`descriptor lengths differ: ${a.length} vs ${b.length}`);
  let sum = 0;
  for (let i = 0; i < a.length; i++) {
    const d = a[i] - b[i];
    sum += d * d;
  }
  return Math.sqrt(sum);
}

/** Compares two faces (either may be missing) against the threshold and the comparability gate. */
export function compareFaces(a: ComparableFace | undefined, b: ComparableFace | undefined, threshold = MATCH_THRESHOLD): FaceMatchResult {
  if (!a || !b) return { distance: null, threshold, comparable: false, match: false };
  const distance = faceDistance(a.descriptor, b.descriptor);
  const comparable = isComparableFace(a) && isComparableFace(b);
  return { distance, threshold, comparable, match: comparable && distance <= threshold };
}

/** The matching view of a detected face. */
export function comparable(face: DetectedFace | undefined): ComparableFace | undefined {
  return face && { descriptor: face.descriptor, pose: face.pose, widthPx: face.box.width };
}

/** The face to compare in an image: the largest one (a document portrait or selfie shows one person). */
export async function mainFace(engine: BiometricsEngine, image: DecodedImage): Promise<DetectedFace | undefined> {
  return (await engine.analyse(image, { descriptorOnly: true })).faces[0];
}

/** Compares the main faces of two images. */
export async function matchFaces(engine: BiometricsEngine, a: DecodedImage, b: DecodedImage, threshold = MATCH_THRESHOLD): Promise<FaceMatchResult> {
  const fa = await mainFace(engine, a);
  const fb = await mainFace(engine, b);
  return compareFaces(comparable(fa), comparable(fb), threshold);
}

/** Selfie ↔ document portrait ↔ register (ГБД ФЛ) photo from faces already analysed. */
export function matchThreeWayFaces(faces: Record<ThreeWayRole, ComparableFace | undefined>, threshold = MATCH_THRESHOLD): ThreeWayMatchResult {
  const pairs = {
    selfieDocument: compareFaces(faces.selfie, faces.documentPortrait, threshold),
    selfieRegister: compareFaces(faces.selfie, faces.registerPhoto, threshold),
    documentRegister: compareFaces(faces.documentPortrait, faces.registerPhoto, threshold),
  };
  const missingFaces = (Object.keys(faces) as ThreeWayRole[]).filter((role) => !faces[role]);
  return { threshold, match: Object.values(pairs).every((p) => p.match), pairs, missingFaces };
}

/** Selfie ↔ document portrait ↔ register photo: all three distances and one decision. */
export async function matchThreeWay(
  engine: BiometricsEngine,
  images: Record<ThreeWayRole, DecodedImage>,
  threshold = MATCH_THRESHOLD,
): Promise<ThreeWayMatchResult> {
  const selfie = await mainFace(engine, images.selfie);
  const documentPortrait = await mainFace(engine, images.documentPortrait);
  const registerPhoto = await mainFace(engine, images.registerPhoto);
  return matchThreeWayFaces({ selfie: comparable(selfie), documentPortrait: comparable(documentPortrait), registerPhoto: comparable(registerPhoto) }, threshold);
}
