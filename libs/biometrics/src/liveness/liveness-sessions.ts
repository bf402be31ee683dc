import { randomUUID } from 'node:crypto';
import type { AnalyseOptions, DetectedFace, FaceTemplates, ImageAnalysis, PassiveLivenessScore } from '../engine/biometrics-engine';
import type { Point } from '../engine/face-geometry';
import { LivenessErrorCode, LivenessSessionError } from '../errors';
import { comparable, type ComparableFace } from '../face-match';
import type { DecodedImage } from '../image-decoder';
import { CHALLENGE_INSTRUCTIONS, LivenessChallenge, pickChallenges } from './challenges';
import { DEFAULT_LIVENESS_THRESHOLDS, judgeChallenges, LivenessFailure, offAxis, type ChallengeJudgement, type FrameObservation, type LivenessThresholds } from './liveness-judge';

/** The model calls liveness needs (BiometricsEngine implements it; tests may pass a fake). */
export interface FaceAnalyser {
  analyse(image: DecodedImage, options?: AnalyseOptions): Promise<ImageAnalysis>;
  /** Many frames at once (an engine pool spreads them over its threads); `analyse` of each when absent. */
  analyseAll?(images: readonly DecodedImage[], options?: AnalyseOptions): Promise<ImageAnalysis[]>;
  templates(image: DecodedImage, landmarks: readonly Point[], options?: { descriptor?: boolean }): Promise<FaceTemplates>;
  smile(image: DecodedImage, landmarks: readonly Point[]): Promise<number>;
  passiveLiveness(image: DecodedImage, face: DetectedFace): Promise<PassiveLivenessScore>;
}

/** What a liveness frame needs from the models: pose and eye state; no templates (identity is checked on a few frames), no quality. */
export const FRAME_ANALYSIS: AnalyseOptions = { templates: 'none', quality: false, maxFaces: 3 };

/**
 * Fills in the "happy" probability where a smile can count: on the first frame (the baseline must
 * not already smile) and, after the challenge issued before the smile was done (`judgedWithout`,
 * a judgement made without smiles), on frames whose mouth widened enough (`smileMinMouthWidening`),
 * up to the first that shows the smile. Does nothing unless the smile challenge was issued.
 */
export async function measureSmiles(
  analyser: Pick<FaceAnalyser, 'smile'>,
  challenges: readonly LivenessChallenge[],
  frames: ReadonlyArray<{ image: DecodedImage; face: DetectedFace | undefined; observation: FrameObservation }>,
  thresholds: LivenessThresholds,
  judgedWithout?: Pick<ChallengeJudgement, 'completed'>,
): Promise<FrameObservation[]> {
  const position = challenges.indexOf(LivenessChallenge.Smile);
  if (position < 0) return frames.map((f) => f.observation);
  // The judge looks for the smile only after the challenges before it; earlier frames cannot count.
  const done = judgedWithout?.completed ?? [];
  const canCount = position === 0 || !judgedWithout ? true : done.length >= position;
  const after = position > 0 && judgedWithout && done.length >= position ? done[position - 1].timestampMs : -Infinity;
  const first = frames.findIndex((f) => f.face);
  const baseline = frames[first]?.face?.mouthWidthRatio;
  const out: FrameObservation[] = [];
  let shown = false;
  for (const [i, { image, face, observation }] of frames.entries()) {
    // Once a frame shows the smile the judge has what it needs; later frames are not measured.
    const possible = face !== undefined && (i === first || (!shown && canCount && observation.timestampMs > after && smilePossible(baseline, face, thresholds)));
    const measured = possible ? { ...observation, smile: await analyser.smile(image, face.landmarks) } : observation;
    if (i !== first && (measured.smile ?? 0) >= thresholds.minSmile) shown = true;
    out.push(measured);
  }
  return out;
}

/** Whether a frame can show a smile: it is the first face (no baseline yet) or its mouth widened enough over the baseline. */
export function smilePossible(baselineMouth: number | undefined, face: Pick<DetectedFace, 'mouthWidthRatio'>, thresholds: LivenessThresholds): boolean {
  return baselineMouth === undefined || face.mouthWidthRatio >= baselineMouth * thresholds.smileMinMouthWidening;
}

export interface LivenessSessionOptions {
  /** Sessions open at once in this process; more are refused (default 4: each holds a frame and costs CPU). */
  maxConcurrentSessions: number;
  /** A session expires this long after creation (default 2 minutes). */
  sessionTtlMs: number;
  /** Frames accepted per session (default 40). */
  maxFrames: number;
  /** Challenges per session (default 3). */
  challengeCount: number;
  /** Passive scores below these fail the verdict (see docs/biometrics.md: no spoof samples exist to calibrate them). */
  minAntispoof: number;
  minLiveness: number;
  thresholds: LivenessThresholds;
  /** Clock and RNG, injectable for tests. */
  now: () => number;
  random?: (maxExclusive: number) => number;
}

export const DEFAULT_LIVENESS_SESSION_OPTIONS: LivenessSessionOptions = {
  maxConcurrentSessions: 4,
  sessionTtlMs: 120_000,
  maxFrames: 40,
  challengeCount: 3,
  minAntispoof: 0.2,
  minLiveness: 0.5,
  thresholds: DEFAULT_LIVENESS_THRESHOLDS,
  now: () => Date.now(),
};

export interface LivenessSessionTicket {
  readonly sessionId: string;
  readonly challenges: LivenessChallenge[];
  readonly instructions: Array<{ ru: string; en: string }>;
  readonly expiresAtMs: number;
}

export interface LivenessVerdict {
  readonly passed: boolean;
  readonly failures: LivenessFailure[];
  readonly challenges: LivenessChallenge[];
  readonly completed: Array<{ challenge: LivenessChallenge; timestampMs: number }>;
  readonly frames: number;
  /** Passive scores on the most frontal frame, when there was one. */
  readonly passive?: PassiveLivenessScore;
  /** That frame's face with its templates, to match against the selfie (kept in the worker, never logged or returned by activities). */
  readonly bestFace?: ComparableFace;
  /** Position of that frame in timestamp order. */
  readonly bestFrameIndex?: number;
}

interface Session {
  readonly id: string;
  readonly challenges: LivenessChallenge[];
  readonly createdAtMs: number;
  readonly observations: FrameObservation[];
  /** The most frontal frame so far and its face, for the passive check. */
  best?: { image: DecodedImage; face: DetectedFace; offAxis: number; index: number };
  /** Mouth width of the first face seen, the smile baseline. */
  baselineMouth?: number;
  closed: boolean;
}

/** Observations of one analysed frame; exported so a stateless activity can reuse it. */
export function observe(timestampMs: number, analysis: ImageAnalysis): FrameObservation {
  const face = analysis.faces[0];
  return {
    timestampMs,
    faceCount: analysis.faces.length,
    pose: face?.pose,
    eyeOpenness: face?.eyeOpenness,
    smile: face?.smile,
    embedding: face && face.embedding.length > 0 ? face.embedding : undefined,
  };
}

/**
 * Active liveness sessions of one process: create (random challenges) → frames → verdict.
 * Frames are analysed as they arrive, so the verdict itself only judges and runs the passive
 * anti-spoof nets once. Sessions are bounded in number, frames and lifetime; call
 * `purgeExpired()` periodically (creation also purges).
 */
export class LivenessSessions {
  private readonly sessions = new Map<string, Session>();
  private readonly options: LivenessSessionOptions;

  constructor(
    private readonly analyser: FaceAnalyser,
    options: Partial<LivenessSessionOptions> = {},
  ) {
    this.options = { ...DEFAULT_LIVENESS_SESSION_OPTIONS, ...options };
  }

  /** Opens a session with a random challenge sequence; refuses when too many are open. */
  create(): LivenessSessionTicket {
    this.purgeExpired();
    if (this.sessions.size >= this.options.maxConcurrentSessions) {
      throw new LivenessSessionError(LivenessErrorCode.TooManySessions, 'Слишком много одновременных сессий видеоидентификации. Попробуйте еще раз через минуту.');
    }
    const challenges = pickChallenges(this.options.challengeCount, this.options.random);
    const session: Session = { id: randomUUID(), challenges, createdAtMs: this.options.now(), observations: [], closed: false };
    this.sessions.set(session.id, session);
    return { sessionId: session.id, challenges, instructions: challenges.map((c) => CHALLENGE_INSTRUCTIONS[c]), expiresAtMs: session.createdAtMs + this.options.sessionTtlMs };
  }

  /** Analyses one frame (timestamps from the client, strictly increasing, within the session's life). */
  async addFrame(sessionId: string, timestampMs: number, image: DecodedImage): Promise<{ faces: number; frames: number }> {
    const session = this.open(sessionId);
    if (session.observations.length >= this.options.maxFrames) {
      throw new LivenessSessionError(LivenessErrorCode.TooManyFrames, `A session takes at most ${this.options.maxFrames} frames.`);
    }
    const last = session.observations.at(-1);
    if (last && timestampMs <= last.timestampMs) throw new LivenessSessionError(LivenessErrorCode.FrameOutOfOrder, 'Frame timestamps must increase.');
    if (!Number.isFinite(timestampMs) || timestampMs < session.createdAtMs - 5_000 || timestampMs > session.createdAtMs + this.options.sessionTtlMs) {
      throw new LivenessSessionError(LivenessErrorCode.FrameTimestampInvalid, 'The frame timestamp is outside the session.');
    }
    // Frames arrive seconds apart, so each gets its embedding (and smile, where possible) now and the verdict only judges.
    const analysis = await this.analyser.analyse(image, { ...FRAME_ANALYSIS, templates: 'embedding' });
    const face = analysis.faces[0];
    let observation = observe(timestampMs, analysis);
    if (face && session.challenges.includes(LivenessChallenge.Smile) && smilePossible(session.baselineMouth, face, this.options.thresholds)) {
      observation = { ...observation, smile: await this.analyser.smile(image, face.landmarks) };
    }
    if (face) session.baselineMouth ??= face.mouthWidthRatio;
    session.observations.push(observation);
    if (face && analysis.faces.length === 1) {
      const off = offAxis(observation, this.options.thresholds);
      if (!session.best || off < session.best.offAxis) session.best = { image, face, offAxis: off, index: session.observations.length - 1 };
    }
    return { faces: analysis.faces.length, frames: session.observations.length };
  }

  /** Judges the session and closes it (a session yields one verdict). */
  async verdict(sessionId: string): Promise<LivenessVerdict> {
    const session = this.open(sessionId);
    session.closed = true;
    try {
      const judgement = judgeChallenges(session.challenges, session.observations, this.options.thresholds);
      const failures = [...judgement.failures];
      let passive: PassiveLivenessScore | undefined;
      let bestFace: ComparableFace | undefined;
      if (session.best) {
        const { image, face } = session.best;
        passive = await this.analyser.passiveLiveness(image, face);
        if (passive.antispoof < this.options.minAntispoof || passive.liveness < this.options.minLiveness) failures.push(LivenessFailure.SpoofSuspected);
        bestFace = comparable({ ...face, ...(await this.analyser.templates(image, face.landmarks)) });
      }
      return {
        passed: failures.length === 0,
        failures,
        challenges: session.challenges,
        completed: judgement.completed,
        frames: session.observations.length,
        passive,
        bestFace,
        bestFrameIndex: session.best?.index,
      };
    } finally {
      this.sessions.delete(sessionId);
    }
  }

  /** Drops sessions past their TTL (frames included); returns how many. */
  purgeExpired(): number {
    const now = this.options.now();
    let purged = 0;
    for (const [id, s] of this.sessions) {
      if (now - s.createdAtMs > this.options.sessionTtlMs) {
        this.sessions.delete(id);
        purged++;
      }
    }
    return purged;
  }

  /** Sessions currently open. */
  get size(): number {
    return this.sessions.size;
  }

  private open(sessionId: string): Session {
    const session = this.sessions.get(sessionId);
    if (!session) throw new LivenessSessionError(LivenessErrorCode.SessionNotFound, 'Сессия видеоидентификации не найдена.');
    if (this.options.now() - session.createdAtMs > this.options.sessionTtlMs) {
      this.sessions.delete(sessionId);
      throw new LivenessSessionError(LivenessErrorCode.SessionExpired, 'Время сессии видеоидентификации истекло. Попробуйте еще раз.');
    }
    if (session.closed) throw new LivenessSessionError(LivenessErrorCode.SessionClosed, 'Сессия видеоидентификации уже завершена.');
    return session;
  }
}
