import { DEFAULT_LIVENESS_THRESHOLDS, judgeChallenges, LivenessChallenge, measureSmiles, type DecodedImage, type DetectedFace, type FrameObservation } from '@app/biometrics';

/** A frame whose face has the given yaw and mouth width (the rest is irrelevant to the judge). */
function frame(timestampMs: number, yaw: number, mouthWidthRatio: number) {
  const face = { mouthWidthRatio, landmarks: [] } as unknown as DetectedFace;
  const observation: FrameObservation = { timestampMs, faceCount: 1, pose: { yaw, pitch: 0, roll: 0 }, eyeOpenness: 1 };
  return { image: {} as DecodedImage, face, observation };
}

describe(measureSmiles.name, () => {
  // neutral, wide mouth while still neutral (too early to count), turned left, then a wide smile.
  const frames = [frame(1000, 0, 0.55), frame(1300, 0, 0.62), frame(1600, 30, 0.55), frame(1900, 0, 0.63), frame(2200, 0, 0.56)];

  it('runs the expression net only on the first frame and on widened-mouth frames after the challenge before the smile', async () => {
    const challenges = [LivenessChallenge.TurnLeft, LivenessChallenge.Smile];
    const asked: number[] = [];
    const analyser = { smile: async () => (asked.push(asked.length), 0.9) };
    const without = judgeChallenges(challenges, frames.map((f) => f.observation));
    const measured = await measureSmiles(analyser, challenges, frames, DEFAULT_LIVENESS_THRESHOLDS, without);
    expect(measured.map((o) => o.smile)).toEqual([0.9, undefined, undefined, 0.9, undefined]);
  });

  it('measures every widened frame when the smile comes first, up to the first smile, and none when no smile was asked for', async () => {
    const analyser = { smile: async () => 0.1 };
    const first = await measureSmiles(analyser, [LivenessChallenge.Smile], frames, DEFAULT_LIVENESS_THRESHOLDS);
    expect(first.map((o) => o.smile)).toEqual([0.1, 0.1, undefined, 0.1, undefined]);
    const smiling = await measureSmiles({ smile: async () => 0.95 }, [LivenessChallenge.Smile], frames, DEFAULT_LIVENESS_THRESHOLDS);
    expect(smiling.map((o) => o.smile)).toEqual([0.95, 0.95, undefined, undefined, undefined]);
    const none = await measureSmiles(analyser, [LivenessChallenge.TurnLeft], frames, DEFAULT_LIVENESS_THRESHOLDS);
    expect(none.every((o) => o.smile === undefined)).toBe(true);
  });
});
