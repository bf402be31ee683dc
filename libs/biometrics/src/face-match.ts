import type { BiometricsEngine, DetectedFace } from './engine/biometrics-engine';
import type { DecodedImage } from './image-decoder';

/**
 * Version of the face templates a stored face carries: 2 = ArcFace-style 512-d embedding +
 * face-api 128-d descriptor on the five-point alignment. Faces stored by an older engine (plain
 * face-api descriptors, no version) are analysed again before matching.
 */
export const FACE_TEMPLATE_VERSION = 2;

/**
 * How each score is put on one scale before fusing: the mean and standard deviation of the
 * impostor pairs of the calibration set (docs/biometrics.md#calibration), so each normalised score
 * reads "how many impostor standard deviations above a typical stranger".
 */
export const FUSION_NORMALISATION = {
  /** ArcFace cosine similarity of impostor pairs. */
  embedding: { impostorMean: 0.043, impostorSd: 0.1 },
  /** face-api descriptor Euclidean distance of impostor pairs (lower = more alike, so the sign flips). */
  descriptor: { impostorMean: 0.768, impostorSd: 0.082 },
} as const;

/**
 * Fused score at or above which two faces are the same person: the loosest threshold on a 0.01
 * grid with at most 0.1 % false accepts over every labelled pair (fixtures + crowd photos).
 * The ROC, the pair counts and the confidence bound are in docs/biometrics.md#calibration;
 * `npm run -s face -- calibrate DIR` recomputes it (and face-match.spec.ts fails if it moved).
 */
export const MATCH_THRESHOLD = 2.68;

/**
 * Where the ArcFace similarity alone settles a frontal pair, so face-api's descriptor (the costlier
 * model, ~90 ms a face on WASM) is only computed in between. Above `accept` the fused score clears
 * the threshold unless the descriptor is further apart than an average stranger's; below `reject` it
 * cannot reach it unless the descriptor is closer than any genuine pair seen. On every labelled pair
 * the cascade decides exactly as the full fusion (face-match.spec.ts checks it); no impostor pair
 * was above 0.44 and no genuine pair below 0.29.
 */
export const EMBEDDING_DECIDES = { accept: 0.6, reject: 0.15 } as const;

/** Added to the threshold when either face is turned, tilted or small: such pairs must be more alike to match automatically. */
export const STRICT_MARGIN = 0.5;

/** Why a pair was compared strictly or not automatically at all. */
export enum MatchCaution {
  HeadTurned = 'HEAD_TURNED',
  HeadTilted = 'HEAD_TILTED',
  FaceSmall = 'FACE_SMALL',
  /** Near-profile: the landmarks, hence the alignment, cannot be trusted; a moderator compares. */
  Profile = 'PROFILE',
  /** Too few pixels for either model; a moderator compares. */
  FaceTiny = 'FACE_TINY',
}

/**
 * Pose and size limits. Beyond `strict` a pair needs `threshold + STRICT_MARGIN`, and a pair that
 * scores between the two thresholds goes to a moderator with the caution as the reason; beyond
 * `review` a face is not compared automatically. On the fixtures faces turned up to 57° still
 * matched their genuine pairs and the closest impostors were frontal look-alikes, so turning is
 * not refused outright (docs/biometrics.md, "Pose and size").
 */
export const MATCH_LIMITS = {
  strict: { maxAbsYaw: 45, maxAbsPitch: 30, maxAbsRoll: 30, minWidthPx: 64 },
  review: { maxAbsYaw: 65, maxAbsPitch: 40, minWidthPx: 40 },
} as const;

/** What matching needs of a face. */
export interface ComparableFace {
  /** face-api 128-d descriptor on the five-point alignment; empty when it was not needed (see {@link EMBEDDING_DECIDES}). */
  readonly descriptor: ArrayLike<number>;
  /** ArcFace-style 512-d embedding (L2-normalised). */
  readonly embedding?: ArrayLike<number>;
  /** {@link FACE_TEMPLATE_VERSION} of the engine that computed the templates. */
  readonly templateVersion?: number;
  readonly pose?: { yaw: number; pitch: number; roll: number };
  /** Face width in pixels of the analysed image. */
  readonly widthPx?: number;
}

export type MatchDecision = 'match' | 'no_match' | 'review';

export interface FaceMatchResult {
  /** face-api descriptor distance (aligned), or null when a face is missing in either image. */
  readonly distance: number | null;
  /** ArcFace cosine similarity, or null when a face is missing. */
  readonly similarity: number | null;
  /** Fused score (higher = more alike), compared with `threshold`; null when a face is missing or the embedding alone decided. */
  readonly score: number | null;
  /** What decided: the ArcFace similarity alone (clear cases) or the fused score. */
  readonly decidedBy?: 'embedding' | 'fused';
  /** The fused threshold applied to this pair (raised by STRICT_MARGIN for turned or small faces). */
  readonly threshold: number;
  /** Both faces could be compared automatically (no `PROFILE` / `FACE_TINY`). */
  readonly comparable: boolean;
  readonly match: boolean;
  /** `review`: a moderator decides (the pair is not refused), with `cautions` as the reason. */
  readonly decision: MatchDecision;
  readonly cautions: MatchCaution[];
}

export type ThreeWayRole = 'selfie' | 'documentPortrait' | 'registerPhoto';

export interface ThreeWayMatchResult {
  /** The base fused threshold (a pair's own may be stricter: see each pair's `threshold`). */
  readonly threshold: number;
  /** True only when all three pairs match. */
  readonly match: boolean;
  /** `match` when all three match, `no_match` when any pair is a clear non-match or a face is missing, else `review`. */
  readonly decision: MatchDecision;
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

/** Cosine similarity of two embeddings. */
export function cosineSimilarity(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error(`embedding lengths differ: ${a.length} vs ${b.length}`);
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i] * b[i];
    na += a[i] * a[i];
    nb += b[i] * b[i];
  }
  return dot / (Math.sqrt(na * nb) || 1);
}

/** Whether a face carries the current engine's templates, the descriptor included (else it must be analysed again). */
export function hasCurrentTemplates(face: ComparableFace | undefined): boolean {
  return face?.templateVersion === FACE_TEMPLATE_VERSION && (face.embedding?.length ?? 0) > 0 && face.descriptor.length > 0;
}

/** Whether comparing these two faces needs their descriptors: a turned or small face, or an ArcFace similarity between the bands. */
export function needsDescriptors(a: ComparableFace, b: ComparableFace): boolean {
  if (!a.embedding || !b.embedding) return false;
  const ca = faceCautions(a);
  const cb = faceCautions(b);
  if (ca.review.length > 0 || cb.review.length > 0) return false;
  if (ca.strict.length > 0 || cb.strict.length > 0) return true;
  const similarity = cosineSimilarity(a.embedding, b.embedding);
  return similarity > EMBEDDING_DECIDES.reject && similarity < EMBEDDING_DECIDES.accept;
}

/** The fused score of two faces' templates and its two parts. */
export function fusedScore(a: ComparableFace, b: ComparableFace): { score: number; similarity: number; distance: number } {
  if (!a.embedding || !b.embedding) throw new Error('both faces need an embedding');
  const similarity = cosineSimilarity(a.embedding, b.embedding);
  const distance = faceDistance(a.descriptor, b.descriptor);
  const { embedding: e, descriptor: d } = FUSION_NORMALISATION;
  const score = 0.5 * ((similarity - e.impostorMean) / e.impostorSd) + 0.5 * ((d.impostorMean - distance) / d.impostorSd);
  return { score, similarity, distance };
}

/** The cautions a face raises: `strict` ones raise the threshold, `review` ones stop automatic comparison. */
export function faceCautions(face: ComparableFace): { strict: MatchCaution[]; review: MatchCaution[] } {
  const strict = new Set<MatchCaution>();
  const review = new Set<MatchCaution>();
  const { pose, widthPx } = face;
  const { strict: s, review: r } = MATCH_LIMITS;
  if (pose) {
    if (Math.abs(pose.yaw) > r.maxAbsYaw) review.add(MatchCaution.Profile);
    else if (Math.abs(pose.yaw) > s.maxAbsYaw) strict.add(MatchCaution.HeadTurned);
    if (Math.abs(pose.pitch) > r.maxAbsPitch) review.add(MatchCaution.Profile);
    else if (Math.abs(pose.pitch) > s.maxAbsPitch || Math.abs(pose.roll) > s.maxAbsRoll) strict.add(MatchCaution.HeadTilted);
  }
  if (widthPx !== undefined) {
    if (widthPx < r.minWidthPx) review.add(MatchCaution.FaceTiny);
    else if (widthPx < s.minWidthPx) strict.add(MatchCaution.FaceSmall);
  }
  return { strict: [...strict], review: [...review] };
}

/** Whether a face can be compared automatically (no near-profile, not tiny). */
export function isComparableFace(face: ComparableFace): boolean {
  return faceCautions(face).review.length === 0;
}

/**
 * Compares two faces (either may be missing): fused score against the threshold, raised for
 * turned, tilted or small faces; a pair that cannot be compared automatically, or a strict pair
 * scoring between the two thresholds, gets `decision: 'review'` with the cautions as the reason.
 */
export function compareFaces(a: ComparableFace | undefined, b: ComparableFace | undefined, threshold = MATCH_THRESHOLD, options: { cascade?: boolean } = {}): FaceMatchResult {
  if (!a?.embedding || !b?.embedding) return { distance: null, similarity: null, score: null, threshold, comparable: false, match: false, decision: 'no_match', cautions: [] };
  const similarity = cosineSimilarity(a.embedding, b.embedding);
  const ca = faceCautions(a);
  const cb = faceCautions(b);
  const review = [...new Set([...ca.review, ...cb.review])];
  const strict = [...new Set([...ca.strict, ...cb.strict])];
  const haveDescriptors = a.descriptor.length > 0 && b.descriptor.length > 0;
  const fused = haveDescriptors ? fusedScore(a, b) : undefined;
  const distance = fused?.distance ?? null;
  const score = fused?.score ?? null;
  if (review.length > 0) return { distance, similarity, score, threshold, comparable: false, match: false, decision: 'review', cautions: [...review, ...strict] };
  if (strict.length === 0 && options.cascade !== false && (similarity >= EMBEDDING_DECIDES.accept || similarity <= EMBEDDING_DECIDES.reject)) {
    const match = similarity >= EMBEDDING_DECIDES.accept;
    return { distance, similarity, score, decidedBy: 'embedding', threshold, comparable: true, match, decision: match ? 'match' : 'no_match', cautions: [] };
  }
  if (!fused) throw new Error('this pair needs both faces’ descriptors (see needsDescriptors)');
  const applied = strict.length > 0 ? threshold + STRICT_MARGIN : threshold;
  const match = fused.score >= applied;
  const decision: MatchDecision = match ? 'match' : strict.length > 0 && fused.score >= threshold ? 'review' : 'no_match';
  return { distance, similarity, score, decidedBy: 'fused', threshold: applied, comparable: true, match, decision, cautions: strict };
}

/** The matching view of a detected face. */
export function comparable(face: DetectedFace | undefined): ComparableFace | undefined {
  return face && { descriptor: face.descriptor, embedding: face.embedding, templateVersion: FACE_TEMPLATE_VERSION, pose: face.pose, widthPx: face.box.width };
}

/** The face to compare in an image: the largest one (a document portrait or selfie shows one person). */
export async function mainFace(engine: Pick<BiometricsEngine, 'analyse'>, image: DecodedImage): Promise<DetectedFace | undefined> {
  return (await engine.analyse(image, { descriptorOnly: true, quality: false, templates: 'main' })).faces[0];
}

/** Compares the main faces of two images (both templates computed, so the result shows the fused score too). */
export async function matchFaces(engine: Pick<BiometricsEngine, 'analyse'>, a: DecodedImage, b: DecodedImage, threshold = MATCH_THRESHOLD): Promise<FaceMatchResult> {
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
  const missingFaces = (Object.keys(faces) as ThreeWayRole[]).filter((role) => !faces[role]?.embedding);
  const all = Object.values(pairs);
  const match = all.every((p) => p.match);
  const decision: MatchDecision = match ? 'match' : missingFaces.length > 0 || all.some((p) => p.decision === 'no_match') ? 'no_match' : 'review';
  return { threshold, match, decision, pairs, missingFaces };
}

/**
 * Selfie ↔ document portrait ↔ register photo from raw images: all three pairs and one decision.
 * Each image's main face gets its embedding; the face-api descriptor is computed only for the faces
 * of pairs the embedding does not settle ({@link needsDescriptors}). Images may be passed as pending
 * decodes: each is analysed as soon as it is ready while the others still decode on sharp's threads.
 */
export async function matchThreeWay(
  engine: Pick<BiometricsEngine, 'analyse' | 'descriptor'>,
  pending: Record<ThreeWayRole, DecodedImage | PromiseLike<DecodedImage>>,
  threshold = MATCH_THRESHOLD,
): Promise<ThreeWayMatchResult> {
  const images = {} as Record<ThreeWayRole, DecodedImage>;
  const roles: ThreeWayRole[] = ['selfie', 'documentPortrait', 'registerPhoto'];
  const detected: Partial<Record<ThreeWayRole, DetectedFace>> = {};
  const faces: Partial<Record<ThreeWayRole, ComparableFace>> = {};
  // All three at once: on a FaceEnginePool they run on separate threads; in one thread the model
  // calls interleave, and a face is still analysed as soon as its image is decoded.
  await Promise.all(
    roles.map(async (role) => {
      images[role] = await pending[role];
      detected[role] = (await engine.analyse(images[role], { descriptorOnly: true, quality: false, templates: 'embedding' })).faces[0];
      faces[role] = comparable(detected[role]);
    }),
  );
  const wanted = new Set<ThreeWayRole>();
  for (const [p, q] of [['selfie', 'documentPortrait'], ['selfie', 'registerPhoto'], ['documentPortrait', 'registerPhoto']] as const) {
    if (faces[p] && faces[q] && needsDescriptors(faces[p], faces[q])) wanted.add(p).add(q);
  }
  await Promise.all([...wanted].map(async (role) => (faces[role] = { ...faces[role]!, descriptor: await engine.descriptor(images[role], detected[role]!.landmarks) })));
  return matchThreeWayFaces({ selfie: faces.selfie, documentPortrait: faces.documentPortrait, registerPhoto: faces.registerPhoto }, threshold);
}
