import type { BiometricsEngine, DetectedFace } from './engine/biometrics-engine';
import type { DecodedImage } from './image-decoder';

/**
 * Euclidean distance between face-api 128-d descriptors below which two faces are the same person.
 * Calibrated on ../shared/fixtures/faces for at most 0.1% false accepts: the ROC table, the pair
 * counts and how to recompute it (`npm run -s face -- calibrate`) are in docs/biometrics.md#calibration.
 */
export const MATCH_THRESHOLD = 0.54;

export interface FaceMatchResult {
  /** Descriptor distance, or null when a face is missing in either image. */
  readonly distance: number | null;
  readonly threshold: number;
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

/** Compares two descriptors (either may be missing) against the threshold. */
export function compareDescriptors(a: ArrayLike<number> | undefined, b: ArrayLike<number> | undefined, threshold = MATCH_THRESHOLD): FaceMatchResult {
  if (!a || !b) return { distance: null, threshold, match: false };
  const distance = faceDistance(a, b);
  return { distance, threshold, match: distance <= threshold };
}

/** The face to compare in an image: the largest one (a document portrait or selfie shows one person). */
export async function mainFace(engine: BiometricsEngine, image: DecodedImage): Promise<DetectedFace | undefined> {
  return (await engine.analyse(image)).faces[0];
}

/** Compares the main faces of two images. */
export async function matchFaces(engine: BiometricsEngine, a: DecodedImage, b: DecodedImage, threshold = MATCH_THRESHOLD): Promise<FaceMatchResult> {
  const fa = await mainFace(engine, a);
  const fb = await mainFace(engine, b);
  return compareDescriptors(fa?.descriptor, fb?.descriptor, threshold);
}

/** Selfie ↔ document portrait ↔ register (ГБД ФЛ) photo from descriptors already computed. */
export function matchThreeWayDescriptors(
  descriptors: Record<ThreeWayRole, ArrayLike<number> | undefined>,
  threshold = MATCH_THRESHOLD,
): ThreeWayMatchResult {
  const pairs = {
    selfieDocument: compareDescriptors(descriptors.selfie, descriptors.documentPortrait, threshold),
    selfieRegister: compareDescriptors(descriptors.selfie, descriptors.registerPhoto, threshold),
    documentRegister: compareDescriptors(descriptors.documentPortrait, descriptors.registerPhoto, threshold),
  };
  const missingFaces = (Object.keys(descriptors) as ThreeWayRole[]).filter((role) => !descriptors[role]);
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
  return matchThreeWayDescriptors(
    { selfie: selfie?.descriptor, documentPortrait: documentPortrait?.descriptor, registerPhoto: registerPhoto?.descriptor },
    threshold,
  );
}
