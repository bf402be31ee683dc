/**
 * @jest-environment ./libs/biometrics/test/support/onnx-test-environment.ts
 */
import { BiometricsEngine, decodeImage, SPOOF_PROXIES, LivenessChallenge, LivenessErrorCode, LIVENESS_FAILURE_MESSAGES, LivenessFailure, LivenessSessions, verifyLivenessFrames, type DecodedImage } from '@app/biometrics';
import { fixture, mirrored } from './support/face-fixtures';

// Model inference on a shared 2-core machine: allow well over the usual 5 s per test.
jest.setTimeout(60_000);

const engine = BiometricsEngine.shared();
const photo = async (name: string) => decodeImage(fixture(name));

/** A session whose RNG is rigged to issue exactly `wanted` (the pool order is ALL_CHALLENGES). */
function sessionsIssuing(wanted: LivenessChallenge[], now = () => 1_000_000) {
  const pool = Object.values(LivenessChallenge);
  const queue = [...wanted];
  const random = () => {
    const next = queue.shift()!;
    const index = pool.indexOf(next);
    pool.splice(index, 1);
    return index;
  };
  return new LivenessSessions(engine, { random, now, challengeCount: wanted.length });
}

async function run(sessions: LivenessSessions, frames: DecodedImage[]) {
  const { sessionId, challenges } = sessions.create();
  for (const [i, frame] of frames.entries()) await sessions.addFrame(sessionId, 1_000_000 + (i + 1) * 800, frame);
  return { challenges, verdict: await sessions.verdict(sessionId) };
}

describe(LivenessSessions.name, () => {
  // Woman A: a-4 neutral, a-2 turned to her left, a-2 mirrored = turned right, a-1 chin up, a-7 smiling.
  let neutral: DecodedImage, left: DecodedImage, right: DecodedImage, up: DecodedImage, smile: DecodedImage;

  beforeAll(async () => {
    await engine.init();
    [neutral, left, right, up, smile] = await Promise.all([photo('stock-emotions-a-4'), photo('stock-emotions-a-2'), mirrored('stock-emotions-a-2').then((b) => decodeImage(b)), photo('stock-emotions-a-1'), photo('stock-emotions-a-7')]);
  }, 60_000);

  it('passes a sequence that performs the three challenges in order', async () => {
    const { challenges, verdict } = await run(sessionsIssuing([LivenessChallenge.TurnLeft, LivenessChallenge.TurnRight, LivenessChallenge.Smile]), [neutral, left, right, smile]);
    expect(challenges).toEqual([LivenessChallenge.TurnLeft, LivenessChallenge.TurnRight, LivenessChallenge.Smile]);
    expect(verdict.failures).toEqual([]);
    expect(verdict.passed).toBe(true);
    expect(verdict.completed.map((c) => c.challenge)).toEqual(challenges);
    expect(verdict.passive?.antispoof).toBeGreaterThan(0);
  });

  it('passes look-up and blink challenges (woman B: b-8 neutral, b-1 eyes shut, b-6 mirrored = turned left)', async () => {
    const { verdict } = await run(sessionsIssuing([LivenessChallenge.Blink, LivenessChallenge.TurnLeft]), [await photo('stock-emotions-b-8'), await photo('stock-emotions-b-1'), await decodeImage(await mirrored('stock-emotions-b-6'))]);
    expect(verdict.failures).toEqual([]);
    expect(verdict.passed).toBe(true);
    const lookUp = await run(sessionsIssuing([LivenessChallenge.LookUp]), [neutral, up]);
    expect(lookUp.verdict.passed).toBe(true);
  });

  it('fails a still photo repeated', async () => {
    const { verdict } = await run(sessionsIssuing([LivenessChallenge.TurnLeft, LivenessChallenge.TurnRight, LivenessChallenge.Smile]), [neutral, neutral, neutral, neutral, neutral]);
    expect(verdict.passed).toBe(false);
    expect(verdict.failures).toContain(LivenessFailure.ChallengeNotCompleted);
    expect(verdict.completed).toEqual([]);
  });

  it('fails the challenges performed in the wrong order', async () => {
    const { verdict } = await run(sessionsIssuing([LivenessChallenge.TurnRight, LivenessChallenge.TurnLeft, LivenessChallenge.Smile]), [neutral, left, right, smile]);
    expect(verdict.passed).toBe(false);
    expect(verdict.failures).toContain(LivenessFailure.WrongOrder);
  });

  it('fails when another person takes over mid-session', async () => {
    // The girl's photos perform "turn right" (teen-3) and the rest is done by woman A.
    const { verdict } = await run(sessionsIssuing([LivenessChallenge.TurnLeft, LivenessChallenge.TurnRight, LivenessChallenge.Smile]), [neutral, left, await photo('stock-teen-3'), smile]);
    expect(verdict.passed).toBe(false);
    expect(verdict.failures).toContain(LivenessFailure.FaceChanged);
  });

  it('fails a challenge done after its time limit', async () => {
    const sessions = sessionsIssuing([LivenessChallenge.TurnLeft]);
    const { sessionId } = sessions.create();
    await sessions.addFrame(sessionId, 1_000_100, neutral);
    await sessions.addFrame(sessionId, 1_000_100 + 11_000, left);
    await expect(sessions.verdict(sessionId)).resolves.toMatchObject({ passed: false, failures: [LivenessFailure.ChallengeTimeout] });
  });

  it('limits concurrent sessions and expires stale ones', async () => {
    let now = 5_000_000;
    const sessions = new LivenessSessions(engine, { maxConcurrentSessions: 2, sessionTtlMs: 60_000, now: () => now });
    const first = sessions.create();
    sessions.create();
    expect(() => sessions.create()).toThrow(expect.objectContaining({ code: LivenessErrorCode.TooManySessions }));
    now += 61_000;
    await expect(sessions.addFrame(first.sessionId, now, neutral)).rejects.toMatchObject({ code: LivenessErrorCode.SessionExpired });
    expect(sessions.create().challenges).toHaveLength(3);
    expect(sessions.size).toBe(1);
  });

  it('gives the same verdicts statelessly over stored frames (the activity form)', async () => {
    const challenges = [LivenessChallenge.TurnLeft, LivenessChallenge.TurnRight, LivenessChallenge.Smile];
    const frames = (images: DecodedImage[]) => images.map((image, i) => ({ timestampMs: 2_000_000 + i * 900, image }));
    const pass = await verifyLivenessFrames(engine, challenges, frames([neutral, left, right, smile]));
    expect(pass).toMatchObject({ passed: true, failures: [] });
    const swapped = await verifyLivenessFrames(engine, challenges, frames([neutral, left, await photo('stock-teen-3'), smile]));
    expect(swapped.failures).toContain(LivenessFailure.FaceChanged);
  });

  it('reports fr_liveness.onnx beside human’s scores, and it drops on a replayed-screen stand-in', async () => {
    const face = (await engine.analyse(neutral, { templates: 'none' })).faces[0];
    const real = await engine.passiveLiveness(neutral, face);
    const screenImage = await decodeImage(await SPOOF_PROXIES.screen(fixture('stock-emotions-a-4')));
    const screen = await engine.passiveLiveness(screenImage, (await engine.analyse(screenImage, { templates: 'none' })).faces[0]);
    expect(real.onnxLive).toBeGreaterThan(0.5);
    expect(screen.onnxLive).toBeLessThan(0.2);
  });

  it('has a Russian and an English message for every failure', () => {
    for (const failure of Object.values(LivenessFailure)) {
      expect(LIVENESS_FAILURE_MESSAGES[failure].ru).toMatch(/[а-яё]/i);
      expect(LIVENESS_FAILURE_MESSAGES[failure].en).toMatch(/[a-z]/i);
    }
  });

  it('issues three distinct challenges from the five', () => {
    const { challenges } = new LivenessSessions(engine).create();
    expect(new Set(challenges).size).toBe(3);
    for (const c of challenges) expect(Object.values(LivenessChallenge)).toContain(c);
  });
});
