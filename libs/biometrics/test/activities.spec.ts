/**
 * @jest-environment ./libs/biometrics/test/support/onnx-test-environment.ts
 */
import { ApplicationFailure } from '@temporalio/common';
import { BiometricsEngine, BIOMETRICS_TASK_QUEUE, BiometricSampleKind, createBiometricsActivities, ImageRejectionCode, LivenessChallenge, LivenessFailure, type BiometricSample, type ComparableFace } from '@app/biometrics';
import { fixture } from './support/face-fixtures';

// Model inference on a shared 2-core machine: allow well over the usual 5 s per test.
jest.setTimeout(60_000);

/** An in-memory stand-in for the sealed store, keyed by sample id. */
function storeWith(images: Record<string, Buffer>) {
  const faces = new Map<string, ComparableFace>();
  return {
    faces,
    load: async (id: string): Promise<BiometricSample> => ({ id, applicationId: 'app', kind: BiometricSampleKind.Selfie, image: images[id], face: faces.get(id), createdAt: new Date(), decidedAt: null }),
    attachFace: async (id: string, _kind: BiometricSampleKind, face: ComparableFace) => {
      faces.set(id, face);
    },
    markDecided: async () => 0,
    purgeDecided: async () => 0,
    sessionFrames: async () => [],
  };
}

describe(createBiometricsActivities.name, () => {
  const photo = fixture('stock-emotions-a-1');
  const store = storeWith({ good: photo, same: fixture('stock-emotions-a-3'), other: fixture('stock-teen-4'), a4: fixture('stock-emotions-a-4'), a2: fixture('stock-emotions-a-2'), a7: fixture('stock-emotions-a-7'), empty: Buffer.alloc(0), truncated: photo.subarray(0, 20_000), text: Buffer.from('hello') });
  const activities = createBiometricsActivities({ engine: BiometricsEngine.shared(), store });

  it('names its task queue "biometrics"', () => {
    expect(BIOMETRICS_TASK_QUEUE).toBe('biometrics');
  });

  it('turns bad uploads into non-retryable failures typed by code, and keeps serving good ones', async () => {
    for (const [id, code] of [
      ['empty', ImageRejectionCode.Empty],
      ['truncated', ImageRejectionCode.Corrupt],
      ['text', ImageRejectionCode.NotAnImage],
    ] as const) {
      const failure = await activities.checkSelfie({ applicationId: 'app', sampleId: id }).catch((e: unknown) => e);
      expect(failure).toBeInstanceOf(ApplicationFailure);
      expect(failure).toMatchObject({ type: code, nonRetryable: true });
    }
    await expect(activities.checkSelfie({ applicationId: 'app', sampleId: 'good' })).resolves.toMatchObject({ faces: 1, problems: [] });
    expect(store.faces.get('good')?.descriptor).toHaveLength(128);
    expect(store.faces.get('good')?.embedding).toHaveLength(512);
  }, 60_000);

  it('matches three stored images, reusing the faces stored when they were checked', async () => {
    await expect(activities.analysePortrait({ applicationId: 'app', sampleId: 'same' })).resolves.toEqual({ faceFound: true, comparable: true });
    const result = await activities.matchThreeWay({ applicationId: 'app', selfieSampleId: 'good', documentPortraitSampleId: 'same', registerPhotoSampleId: 'good' });
    expect(result).toMatchObject({ match: true, decision: 'match' });
    expect(result.pairs.selfieRegister.distance).toBeLessThan(0.05);
    expect(result.pairs.selfieRegister.similarity).toBeGreaterThan(0.99);
    const impostor = await activities.matchThreeWay({ applicationId: 'app', selfieSampleId: 'good', documentPortraitSampleId: 'same', registerPhotoSampleId: 'other' });
    expect(impostor).toMatchObject({ match: false, decision: 'no_match' });
    expect(store.faces.has('other')).toBe(true);
  }, 60_000);

  it('analyses again a face stored by the old engine (no templates of the current version)', async () => {
    store.faces.set('old', { descriptor: Array.from({ length: 128 }, () => 0.05), pose: { yaw: 0, pitch: 0, roll: 0 }, widthPx: 300 });
    const images = { old: fixture('stock-emotions-a-3') };
    const legacy = createBiometricsActivities({ engine: BiometricsEngine.shared(), store: { ...store, load: async (id: string) => ({ ...(await store.load(id)), image: images[id as 'old'] ?? (await store.load(id)).image }) } });
    await expect(legacy.matchThreeWay({ applicationId: 'app', selfieSampleId: 'good', documentPortraitSampleId: 'old', registerPhotoSampleId: 'same' })).resolves.toMatchObject({ match: true });
    expect(store.faces.get('old')?.embedding).toHaveLength(512);
  }, 60_000);

  it('fails liveness done by someone other than the selfie person', async () => {
    const frames = ['a4', 'a2', 'a7'].map((sampleId, i) => ({ sampleId, timestampMs: 1_000 + i * 900 }));
    const challenges = [LivenessChallenge.TurnLeft, LivenessChallenge.Smile];
    const same = await activities.verifyLiveness({ applicationId: 'app', challenges, frames, selfieSampleId: 'good' });
    expect(same).toMatchObject({ passed: true, selfieMatch: { match: true } });
    const other = await activities.verifyLiveness({ applicationId: 'app', challenges, frames, selfieSampleId: 'other' });
    expect(other.passed).toBe(false);
    expect(other.failures).toEqual([LivenessFailure.SelfieMismatch]);
  }, 90_000);
});
