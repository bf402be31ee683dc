import { ApplicationFailure } from '@temporalio/common';
import { BiometricsEngine, BIOMETRICS_TASK_QUEUE, BiometricSampleKind, createBiometricsActivities, ImageRejectionCode, type BiometricSample } from '@app/biometrics';
import { fixture } from './support/face-fixtures';

// Model inference on a shared 2-core machine: allow well over the usual 5 s per test.
jest.setTimeout(60_000);

/** An in-memory stand-in for the sealed store, keyed by sample id. */
function storeWith(images: Record<string, Buffer>) {
  return {
    load: async (id: string): Promise<BiometricSample> => ({ id, applicationId: 'app', kind: BiometricSampleKind.Selfie, image: images[id], createdAt: new Date(), decidedAt: null }),
    markDecided: async () => 0,
    purgeDecided: async () => 0,
  };
}

describe(createBiometricsActivities.name, () => {
  const photo = fixture('stock-emotions-a-1');
  const activities = createBiometricsActivities({
    engine: BiometricsEngine.shared(),
    store: storeWith({ good: photo, empty: Buffer.alloc(0), truncated: photo.subarray(0, 20_000), text: Buffer.from('hello') }),
  });

  it('names its task queue "biometrics"', () => {
    expect(BIOMETRICS_TASK_QUEUE).toBe('biometrics');
  });

  it('turns bad uploads into non-retryable failures typed by code, and keeps serving good ones', async () => {
    for (const [id, code] of [
      ['empty', ImageRejectionCode.Empty],
      ['truncated', ImageRejectionCode.Corrupt],
      ['text', ImageRejectionCode.NotAnImage],
    ] as const) {
      const failure = await activities.checkSelfie({ sampleId: id }).catch((e: unknown) => e);
      expect(failure).toBeInstanceOf(ApplicationFailure);
      expect(failure).toMatchObject({ type: code, nonRetryable: true });
    }
    await expect(activities.checkSelfie({ sampleId: 'good' })).resolves.toMatchObject({ faces: 1, problems: [] });
  }, 60_000);

  it('matches three stored images and reports all three distances', async () => {
    const result = await activities.matchThreeWay({ selfieSampleId: 'good', documentPortraitSampleId: 'good', registerPhotoSampleId: 'good' });
    expect(result.match).toBe(true);
    expect(result.pairs.selfieRegister.distance).toBeLessThan(0.05);
  }, 60_000);
});
