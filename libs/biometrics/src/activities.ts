import { ApplicationFailure } from '@temporalio/common';
import { TASK_QUEUES } from '@app/contracts';
import { whileHeartbeating } from '@app/heartbeat';
import type { BiometricsEngine } from './engine/biometrics-engine';
import { BiometricSampleError, BiometricSampleErrorCode, ImageRejectedError, LivenessSessionError } from './errors';
import { comparable, compareFaces, hasCurrentTemplates, isComparableFace, MATCH_THRESHOLD, matchThreeWayFaces, type ComparableFace, type FaceMatchResult, type ThreeWayMatchResult } from './face-match';
import { decodeImage, type DecodeImageOptions, type DecodedImage } from './image-decoder';
import { CHALLENGE_INSTRUCTIONS, pickChallenges, type LivenessChallenge } from './liveness/challenges';
import { LIVENESS_FAILURE_MESSAGES, LivenessFailure, type LivenessThresholds } from './liveness/liveness-judge';
import { verifyLivenessFrames } from './liveness/verify-liveness';
import type { LivenessVerdict } from './liveness/liveness-sessions';
import { DEFAULT_SELFIE_CRITERIA, judgeSelfie, type SelfieCheckResult, type SelfieCriteria } from './selfie-check';
import { BiometricSampleKind, type BiometricSample, type BiometricStore } from './store/biometric-store';

/** Task queue of the CPU-heavy face activities, so their workers scale apart from orchestration. */
export const BIOMETRICS_TASK_QUEUE = TASK_QUEUES.biometrics;

export interface BiometricsActivityDeps {
  /** Usually `BiometricsEngine.shared()`, initialised before the worker starts polling. */
  engine: Pick<BiometricsEngine, 'analyse' | 'templates' | 'smile' | 'passiveLiveness'>;
  /** Sealed storage the API saved the uploads into; activities read them by sample id. */
  store: Pick<BiometricStore, 'load' | 'attachFace' | 'markDecided' | 'purgeDecided' | 'sessionFrames'>;
  decode?: DecodeImageOptions;
  matchThreshold?: number;
  selfieCriteria?: SelfieCriteria;
  liveness?: { minAntispoof?: number; minLiveness?: number; thresholds?: LivenessThresholds };
}

/**
 * Activities of the biometrics task queue. Inputs are sample ids (images never travel in
 * workflow history); outputs carry no images and no descriptors. Bad images and missing samples
 * become non-retryable ApplicationFailures whose `type` is the error code.
 */
export function createBiometricsActivities(deps: BiometricsActivityDeps) {
  const { engine } = deps;
  const decoded = async (sample: BiometricSample): Promise<DecodedImage> => {
    if (!sample.image) throw new BiometricSampleError(BiometricSampleErrorCode.NotFound, 'The sample holds no image.');
    return decodeImage(sample.image, deps.decode);
  };
  /** Samples are read by application, id and kind together: never another application's. */
  const load = (applicationId: string, sampleId: string, ...kinds: BiometricSampleKind[]) => deps.store.load(sampleId, { applicationId, kinds });
  /** The sample's face: the one stored when it was checked (if the current engine made it), else analysed now and stored for next time. */
  const faceOf = async (applicationId: string, sampleId: string, kind: BiometricSampleKind): Promise<ComparableFace | undefined> => {
    const sample = await load(applicationId, sampleId, kind);
    if (hasCurrentTemplates(sample.face)) return sample.face;
    const face = comparable((await engine.analyse(await decoded(sample), { descriptorOnly: true, templates: 'main' })).faces[0]);
    if (face) await deps.store.attachFace(sample.id, sample.kind, face);
    return face;
  };

  return {
    /**
     * Selfie quality: faces found and the problems to fix («Попробовать еще раз» when any). A usable
     * selfie's face is stored sealed with the sample, so the three-way match does not analyse it again.
     */
    async checkSelfie(input: { applicationId: string; sampleId: string }): Promise<SelfieCheckResult> {
      return permanent(async () => {
        const sample = await load(input.applicationId, input.sampleId, BiometricSampleKind.Selfie);
        const img = await decoded(sample);
        const analysis = await engine.analyse(img, { templates: 'main' });
        const result = judgeSelfie(img, analysis.faces, deps.selfieCriteria ?? DEFAULT_SELFIE_CRITERIA);
        if (result.problems.length === 0) await deps.store.attachFace(sample.id, sample.kind, comparable(analysis.faces[0])!);
        return result;
      });
    },

    /** Finds the portrait on a document photo (or a register photo) and stores its face for matching. */
    async analysePortrait(input: { applicationId: string; sampleId: string; kind?: BiometricSampleKind }): Promise<{ faceFound: boolean; comparable: boolean }> {
      return permanent(async () => {
        const face = await faceOf(input.applicationId, input.sampleId, input.kind ?? BiometricSampleKind.DocumentPortrait);
        return { faceFound: face !== undefined, comparable: face !== undefined && isComparableFace(face) };
      });
    },

    /**
     * Selfie ↔ document portrait ↔ register photo: fused scores and one decision (faces stored
     * earlier are reused). `decision: 'review'` (with each pair's `cautions`) means a moderator
     * compares: a turned or small face that is neither a clear match nor a clear non-match.
     */
    async matchThreeWay(input: { applicationId: string; selfieSampleId: string; documentPortraitSampleId: string; registerPhotoSampleId: string }): Promise<ThreeWayMatchResult> {
      const { applicationId } = input;
      return permanent(async () =>
        // Concurrently: loading and decoding (sharp's threads) overlap the model work on the main thread.
        Promise.all([
          faceOf(applicationId, input.selfieSampleId, BiometricSampleKind.Selfie),
          faceOf(applicationId, input.documentPortraitSampleId, BiometricSampleKind.DocumentPortrait),
          faceOf(applicationId, input.registerPhotoSampleId, BiometricSampleKind.RegisterPhoto),
        ]).then(([selfie, documentPortrait, registerPhoto]) =>
          matchThreeWayFaces({ selfie, documentPortrait, registerPhoto }, deps.matchThreshold ?? MATCH_THRESHOLD),
        ),
      );
    },

    /** A new video-identification session's instructions: random challenges and what the page shows for each. */
    async openLivenessSession(input: { count?: number } = {}): Promise<{ challenges: LivenessChallenge[]; instructions: Array<{ ru: string; en: string }> }> {
      const challenges = pickChallenges(input.count ?? 3);
      return { challenges, instructions: challenges.map((c) => CHALLENGE_INSTRUCTIONS[c]) };
    },

    /** The frames uploaded against a session, stamped with the server's receipt time (never the client's clock). */
    async livenessFrames(input: { applicationId: string; sessionId: string }): Promise<Array<{ timestampMs: number; sampleId: string }>> {
      return deps.store.sessionFrames(input.applicationId, input.sessionId);
    },

    /**
     * Liveness verdict over the stored frames of one session. With `selfieSampleId`, the most
     * frontal frame must also match the selfie (`SELFIE_MISMATCH` otherwise), so the person who
     * moves in the video is the person of the selfie.
     */
    async verifyLiveness(input: {
      applicationId: string;
      challenges: LivenessChallenge[];
      frames: Array<{ timestampMs: number; sampleId: string }>;
      selfieSampleId?: string;
    }): Promise<LivenessActivityVerdict> {
      return permanent(async () => {
        // Decoding runs on sharp's threads: start them all, then analyse in order.
        const images = await Promise.all(input.frames.map(async (f) => decoded(await load(input.applicationId, f.sampleId, BiometricSampleKind.LivenessFrame))));
        const frames = input.frames.map((f, i) => ({ timestampMs: f.timestampMs, image: images[i] }));
        const { bestFace, ...verdict } = await verifyLivenessFrames(engine, input.challenges, frames, deps.liveness ?? {});
        const bestFrameSampleId = verdict.bestFrameIndex === undefined ? undefined : input.frames[verdict.bestFrameIndex]?.sampleId;
        const explained = (failures: LivenessFailure[]) => ({ failures, failureMessages: failures.map((f) => LIVENESS_FAILURE_MESSAGES[f]) });
        if (!input.selfieSampleId) return { ...verdict, bestFrameSampleId, ...explained(verdict.failures) };
        const selfie = await faceOf(input.applicationId, input.selfieSampleId, BiometricSampleKind.Selfie);
        const selfieMatch = compareFaces(bestFace, selfie, deps.matchThreshold ?? MATCH_THRESHOLD);
        if (selfieMatch.match) return { ...verdict, bestFrameSampleId, selfieMatch, ...explained(verdict.failures) };
        return { ...verdict, bestFrameSampleId, selfieMatch, passed: false, ...explained([...verdict.failures, LivenessFailure.SelfieMismatch]) };
      });
    },

    /** Starts the retention period of an application's samples once it is decided. */
    async markBiometricsDecided(input: { applicationId: string }): Promise<number> {
      return deps.store.markDecided(input.applicationId);
    },

    /** Retention: deletes samples decided more than `olderThanMs` ago. */
    async purgeDecidedBiometrics(input: { olderThanMs: number }): Promise<number> {
      return deps.store.purgeDecided(input.olderThanMs);
    },
  };
}

/** What the workflow learns of a video identification: the verdict, the frame a moderator sees, the reasons in words. */
export type LivenessActivityVerdict = Omit<LivenessVerdict, 'bestFace' | 'bestFrameIndex'> & {
  selfieMatch?: FaceMatchResult;
  bestFrameSampleId?: string;
  failureMessages: Array<{ ru: string; en: string }>;
};

/** Model work heartbeats while it runs; bad images and missing samples become non-retryable failures typed by their code. */
async function permanent<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await whileHeartbeating(run);
  } catch (error) {
    if (error instanceof ImageRejectedError || error instanceof BiometricSampleError || error instanceof LivenessSessionError) {
      throw ApplicationFailure.nonRetryable(error.message, error.code);
    }
    throw error;
  }
}
