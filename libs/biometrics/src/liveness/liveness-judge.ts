import type { HeadPose } from '../engine/face-geometry';
import { cosineSimilarity } from '../face-match';
import { LivenessChallenge } from './challenges';

/** What the models saw in one frame (the single face in it), with the client's timestamp. */
export interface FrameObservation {
  readonly timestampMs: number;
  /** Faces found; a verdict needs exactly one in every frame. */
  readonly faceCount: number;
  readonly pose?: HeadPose;
  /** Probability that the eyes are open (0–1). */
  readonly eyeOpenness?: number | null;
  readonly smile?: number;
  /** ArcFace embedding, on the frames whose identity is checked (the first, each challenge's, the best). */
  readonly embedding?: ArrayLike<number>;
}

export interface LivenessThresholds {
  /** Yaw change from the first frame for a turn, degrees. */
  minTurnDegrees: number;
  /** Pitch change from the first frame for "look up", degrees. */
  minLookUpDegrees: number;
  /** A blink: eye-open probability below this share of the first frame's… */
  blinkRelativeOpenness: number;
  /** …and below this absolute value. */
  blinkMaxOpenness: number;
  /** "happy" probability for a smile (and the first frame must be below `smileBaselineMax`). */
  minSmile: number;
  smileBaselineMax: number;
  /**
   * The expression net runs only on frames whose mouth is at least this much wider (relative to
   * the eye span) than in the first frame: a smile widens it (+12 % on the fixtures, a-4 → a-7),
   * so the other frames cannot show one and need not pay ~50 ms each.
   */
  smileMinMouthWidening: number;
  /** Each challenge must be done within this time after the previous one (or after the first frame). */
  challengeTimeoutMs: number;
  /** ArcFace cosine similarity to the most similar earlier checked frame below which the face counts as another person. */
  minContinuitySimilarity: number;
}

export const DEFAULT_LIVENESS_THRESHOLDS: LivenessThresholds = {
  minTurnDegrees: 20,
  minLookUpDegrees: 12,
  blinkRelativeOpenness: 0.5,
  blinkMaxOpenness: 0.3,
  minSmile: 0.7,
  smileBaselineMax: 0.5,
  smileMinMouthWidening: 1.05,
  challengeTimeoutMs: 10_000,
  // Same person across a 45° turn: 0.48–0.59 on the fixtures (a-4 → a-2, b-8 → b-6); a swap to another person ≤ 0.02.
  minContinuitySimilarity: 0.3,
};

export enum LivenessFailure {
  NoFrames = 'NO_FRAMES',
  FaceMissing = 'FACE_MISSING',
  SeveralFaces = 'SEVERAL_FACES',
  FaceChanged = 'FACE_CHANGED',
  WrongOrder = 'WRONG_ORDER',
  ChallengeTimeout = 'CHALLENGE_TIMEOUT',
  ChallengeNotCompleted = 'CHALLENGE_NOT_COMPLETED',
  SpoofSuspected = 'SPOOF_SUSPECTED',
  /** The person in the video is not the person of the selfie. */
  SelfieMismatch = 'SELFIE_MISMATCH',
}

/** What to tell the applicant for each failure, with «Попробовать еще раз». */
export const LIVENESS_FAILURE_MESSAGES: Record<LivenessFailure, { ru: string; en: string }> = {
  [LivenessFailure.NoFrames]: { ru: 'Видео не получено. Разрешите доступ к веб-камере.', en: 'No video was received. Allow access to the webcam.' },
  [LivenessFailure.FaceMissing]: { ru: 'Лицо пропадало из кадра. Держите лицо в центре области экрана.', en: 'Your face left the frame. Keep your face in the centre of the screen area.' },
  [LivenessFailure.SeveralFaces]: { ru: 'В кадре несколько лиц. В кадре должны быть только вы.', en: 'There are several faces in the frame. Only you should be in it.' },
  [LivenessFailure.FaceChanged]: { ru: 'В кадре сменился человек. Проверку проходит один человек от начала до конца.', en: 'A different person appeared. One person must complete the check from start to finish.' },
  [LivenessFailure.WrongOrder]: { ru: 'Действия выполнены не по порядку. Выполняйте указания по очереди.', en: 'The actions were done out of order. Follow the instructions one by one.' },
  [LivenessFailure.ChallengeTimeout]: { ru: 'Указание не выполнено вовремя.', en: 'An instruction was not completed in time.' },
  [LivenessFailure.ChallengeNotCompleted]: { ru: 'Не все указания выполнены.', en: 'Not all instructions were completed.' },
  [LivenessFailure.SpoofSuspected]: { ru: 'Не удалось подтвердить, что перед камерой живой человек.', en: 'We could not confirm that a live person is in front of the camera.' },
  [LivenessFailure.SelfieMismatch]: { ru: 'Лицо на видео не совпадает с селфи.', en: 'The face in the video does not match the selfie.' },
};

export interface ChallengeJudgement {
  readonly passed: boolean;
  readonly failures: LivenessFailure[];
  /** Challenges done, in order, with the frame timestamp that showed each. */
  readonly completed: Array<{ challenge: LivenessChallenge; timestampMs: number }>;
  /** Index of the most frontal frame, for the passive anti-spoof check and matching. */
  readonly bestFrame: number | undefined;
}

/** Head movements whose unexpected appearance means the applicant followed the wrong order. */
const HEAD_MOVES = new Set([LivenessChallenge.TurnLeft, LivenessChallenge.TurnRight, LivenessChallenge.LookUp]);

/** Which challenges a frame shows, relative to the first (neutral) frame. */
export function performedChallenges(baseline: FrameObservation, frame: FrameObservation, t: LivenessThresholds): Set<LivenessChallenge> {
  const out = new Set<LivenessChallenge>();
  if (!baseline.pose || !frame.pose) return out;
  const dYaw = frame.pose.yaw - baseline.pose.yaw;
  const dPitch = frame.pose.pitch - baseline.pose.pitch;
  // yaw > 0 is the applicant's own left in an unmirrored frame (see estimateHeadPose).
  if (dYaw >= t.minTurnDegrees) out.add(LivenessChallenge.TurnLeft);
  if (dYaw <= -t.minTurnDegrees) out.add(LivenessChallenge.TurnRight);
  if (dPitch >= t.minLookUpDegrees) out.add(LivenessChallenge.LookUp);
  const open0 = baseline.eyeOpenness;
  const open = frame.eyeOpenness;
  if (open0 != null && open != null && open < open0 * t.blinkRelativeOpenness && open < t.blinkMaxOpenness) out.add(LivenessChallenge.Blink);
  if ((frame.smile ?? 0) >= t.minSmile && (baseline.smile ?? 0) < t.smileBaselineMax) out.add(LivenessChallenge.Smile);
  return out;
}

/**
 * Judges a frame sequence against the requested challenges: one face throughout, the same person
 * throughout (each checked frame's embedding close to some earlier checked frame's), challenges
 * performed in the requested order, each within its time limit. The first frame is the neutral
 * reference. Frames without an embedding are not identity-checked (see {@link identityFrames}).
 */
export function judgeChallenges(challenges: readonly LivenessChallenge[], frames: readonly FrameObservation[], t: LivenessThresholds = DEFAULT_LIVENESS_THRESHOLDS): ChallengeJudgement {
  const failures = new Set<LivenessFailure>();
  const completed: ChallengeJudgement['completed'] = [];
  if (frames.length === 0) return { passed: false, failures: [LivenessFailure.NoFrames], completed, bestFrame: undefined };
  const ordered = [...frames].sort((a, b) => a.timestampMs - b.timestampMs);
  if (ordered.some((f) => f.faceCount === 0)) failures.add(LivenessFailure.FaceMissing);
  if (ordered.some((f) => f.faceCount > 1)) failures.add(LivenessFailure.SeveralFaces);
  const withFace = ordered.filter((f) => f.faceCount >= 1 && f.pose);
  if (withFace.length === 0) return { passed: false, failures: [...failures], completed, bestFrame: undefined };

  const checked = withFace.filter((f) => f.embedding && f.embedding.length > 0);
  for (let i = 1; i < checked.length; i++) {
    const closest = Math.max(...checked.slice(0, i).map((earlier) => cosineSimilarity(earlier.embedding!, checked[i].embedding!)));
    if (closest < t.minContinuitySimilarity) failures.add(LivenessFailure.FaceChanged);
  }

  const baseline = withFace[0];
  let next = 0;
  let lastDoneAt = baseline.timestampMs;
  for (const frame of withFace.slice(1)) {
    if (next >= challenges.length) break;
    if (frame.timestampMs - lastDoneAt > t.challengeTimeoutMs) {
      failures.add(LivenessFailure.ChallengeTimeout);
      break;
    }
    const shown = performedChallenges(baseline, frame, t);
    const expected = challenges[next];
    if (shown.has(expected)) {
      completed.push({ challenge: expected, timestampMs: frame.timestampMs });
      lastDoneAt = frame.timestampMs;
      next++;
      continue;
    }
    const previous = next > 0 ? challenges[next - 1] : undefined;
    if ([...shown].some((c) => HEAD_MOVES.has(c) && c !== previous)) {
      failures.add(LivenessFailure.WrongOrder);
      break;
    }
  }
  if (next < challenges.length && !failures.has(LivenessFailure.WrongOrder) && !failures.has(LivenessFailure.ChallengeTimeout)) {
    failures.add(LivenessFailure.ChallengeNotCompleted);
  }

  let bestFrame = 0;
  let bestScore = Infinity;
  ordered.forEach((f, i) => {
    if (!f.pose || f.faceCount !== 1) return;
    const off = offAxis(f, t);
    if (off < bestScore) {
      bestScore = off;
      bestFrame = i;
    }
  });
  return { passed: failures.size === 0, failures: [...failures], completed, bestFrame };
}

/** How far a frame is from a frontal, eyes-open view (degrees; a blink adds 90). */
export function offAxis(f: Pick<FrameObservation, 'pose' | 'eyeOpenness'>, t: LivenessThresholds = DEFAULT_LIVENESS_THRESHOLDS): number {
  if (!f.pose) return Infinity;
  return Math.abs(f.pose.yaw) + Math.abs(f.pose.pitch) + ((f.eyeOpenness ?? 1) < t.blinkMaxOpenness ? 90 : 0);
}

/**
 * The frames whose identity must be checked: the first frame with a face (the reference), every
 * frame that completed a challenge, and the best (most frontal) frame. Only these carry proof, so
 * only these need an embedding: 30 frames cost 5 embeddings, not 30.
 */
export function identityFrames(frames: readonly FrameObservation[], judgement: Pick<ChallengeJudgement, 'completed' | 'bestFrame'>): number[] {
  const ordered = [...frames].sort((a, b) => a.timestampMs - b.timestampMs);
  const at = new Set<number>();
  const first = ordered.findIndex((f) => f.faceCount >= 1 && f.pose);
  if (first >= 0) at.add(ordered[first].timestampMs);
  for (const c of judgement.completed) at.add(c.timestampMs);
  if (judgement.bestFrame !== undefined) at.add(ordered[judgement.bestFrame].timestampMs);
  return frames.map((f, i) => (at.has(f.timestampMs) && f.faceCount >= 1 ? i : -1)).filter((i) => i >= 0);
}
