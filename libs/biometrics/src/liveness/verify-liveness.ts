import type { DecodedImage } from '../image-decoder';
import type { LivenessChallenge } from './challenges';
import { judgeChallenges, LivenessFailure, type FrameObservation } from './liveness-judge';
import { DEFAULT_LIVENESS_SESSION_OPTIONS, observe, type FaceAnalyser, type LivenessSessionOptions, type LivenessVerdict } from './liveness-sessions';

/**
 * Stateless liveness verdict over a whole frame sequence (the activity's form: frames were stored
 * by the API, the challenges were issued earlier and kept in the workflow). Frames are analysed in
 * timestamp order; the most frontal single-face frame gets the passive anti-spoof check.
 */
export async function verifyLivenessFrames(
  analyser: FaceAnalyser,
  challenges: readonly LivenessChallenge[],
  frames: ReadonlyArray<{ timestampMs: number; image: DecodedImage }>,
  options: Partial<Pick<LivenessSessionOptions, 'minAntispoof' | 'minLiveness' | 'thresholds'>> = {},
): Promise<LivenessVerdict> {
  const o = { ...DEFAULT_LIVENESS_SESSION_OPTIONS, ...options };
  const ordered = [...frames].sort((a, b) => a.timestampMs - b.timestampMs);
  const observations: FrameObservation[] = [];
  let best: { frame: number; face: NonNullable<Awaited<ReturnType<FaceAnalyser['analyse']>>['faces'][number]>; offAxis: number } | undefined;
  for (const [i, frame] of ordered.entries()) {
    const analysis = await analyser.analyse(frame.image);
    observations.push(observe(frame.timestampMs, analysis));
    const face = analysis.faces[0];
    if (face && analysis.faces.length === 1) {
      const offAxis = Math.abs(face.pose.yaw) + Math.abs(face.pose.pitch);
      if (!best || offAxis < best.offAxis) best = { frame: i, face, offAxis };
    }
  }
  const judgement = judgeChallenges(challenges, observations, o.thresholds);
  const failures = [...judgement.failures];
  const passive = best ? await analyser.passiveLiveness(ordered[best.frame].image, best.face) : undefined;
  if (passive && (passive.antispoof < o.minAntispoof || passive.liveness < o.minLiveness)) failures.push(LivenessFailure.SpoofSuspected);
  return {
    passed: failures.length === 0,
    failures,
    challenges: [...challenges],
    completed: judgement.completed,
    frames: frames.length,
    passive,
    bestDescriptor: best?.face.descriptor,
    bestFrameIndex: best?.frame,
  };
}
