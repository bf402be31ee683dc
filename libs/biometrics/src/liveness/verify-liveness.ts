import type { DetectedFace } from '../engine/biometrics-engine';
import { comparable } from '../face-match';
import type { DecodedImage } from '../image-decoder';
import type { LivenessChallenge } from './challenges';
import { identityFrames, judgeChallenges, LivenessFailure, type FrameObservation } from './liveness-judge';
import { DEFAULT_LIVENESS_SESSION_OPTIONS, FRAME_ANALYSIS, measureSmiles, observe, type FaceAnalyser, type LivenessSessionOptions, type LivenessVerdict } from './liveness-sessions';

/**
 * Stateless liveness verdict over a whole frame sequence (the activity's form: frames were stored
 * by the API, the challenges were issued earlier and kept in the workflow). Every frame gets pose and
 * eye state, the frames that can show a smile the expression net; then only the frames that prove something — the first,
 * each challenge's, the most frontal — get an embedding for the same-person check, and the most
 * frontal one the passive anti-spoof check and full templates for the selfie match.
 */
export async function verifyLivenessFrames(
  analyser: FaceAnalyser,
  challenges: readonly LivenessChallenge[],
  frames: ReadonlyArray<{ timestampMs: number; image: DecodedImage }>,
  options: Partial<Pick<LivenessSessionOptions, 'minAntispoof' | 'minLiveness' | 'thresholds'>> = {},
): Promise<LivenessVerdict> {
  const o = { ...DEFAULT_LIVENESS_SESSION_OPTIONS, ...options };
  const ordered = [...frames].sort((a, b) => a.timestampMs - b.timestampMs);
  // The frames are independent: an engine pool spreads them over its threads.
  const images = ordered.map((frame) => frame.image);
  const analyses = analyser.analyseAll ? await analyser.analyseAll(images, FRAME_ANALYSIS) : await Promise.all(images.map((image) => analyser.analyse(image, FRAME_ANALYSIS)));
  const faces: Array<DetectedFace | undefined> = analyses.map((analysis) => analysis.faces[0]);
  const seen: FrameObservation[] = analyses.map((analysis, i) => observe(ordered[i].timestampMs, analysis));
  const withoutSmiles = judgeChallenges(challenges, seen, o.thresholds);
  const observations = await measureSmiles(analyser, challenges, ordered.map((f, i) => ({ image: f.image, face: faces[i], observation: seen[i] })), o.thresholds, withoutSmiles);
  const first = judgeChallenges(challenges, observations, o.thresholds);
  const best = first.bestFrame !== undefined && observations[first.bestFrame].faceCount === 1 ? first.bestFrame : undefined;
  let bestFace;
  // The identity frames' templates and the passive check on the best frame are independent too.
  const passiveCheck = best !== undefined ? analyser.passiveLiveness(ordered[best].image, faces[best]!) : undefined;
  passiveCheck?.catch(() => undefined); // awaited below
  await Promise.all(
    identityFrames(observations, first).map(async (i) => {
      const face = faces[i]!;
      const templates = await analyser.templates(ordered[i].image, face.landmarks, { descriptor: i === best });
      observations[i] = { ...observations[i], embedding: templates.embedding };
      if (i === best) bestFace = comparable({ ...face, ...templates });
    }),
  );
  const judgement = judgeChallenges(challenges, observations, o.thresholds);
  const failures = [...judgement.failures];
  const passive = await passiveCheck;
  if (passive && (passive.antispoof < o.minAntispoof || passive.liveness < o.minLiveness)) failures.push(LivenessFailure.SpoofSuspected);
  return {
    passed: failures.length === 0,
    failures,
    challenges: [...challenges],
    completed: judgement.completed,
    frames: frames.length,
    passive,
    bestFace,
    bestFrameIndex: best,
  };
}
