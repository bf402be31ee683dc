/**
 * @jest-environment ./libs/biometrics/test/support/onnx-test-environment.ts
 */
import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { BiometricsEngine, decodeImage, defaultFaceModelsDir, FACE_MODEL_FILES, FaceEnginePool, FaceModelFileError, LivenessChallenge, matchThreeWay, verifyLivenessFrames } from '@app/biometrics';
import { fixture, mirrored } from './support/face-fixtures';

jest.setTimeout(120_000);

describe(FaceEnginePool.name, () => {
  const pool = new FaceEnginePool({ threads: 2 });
  const engine = BiometricsEngine.shared();

  beforeAll(() => Promise.all([pool.init(), engine.init()]));
  afterAll(() => pool.destroy());

  it('gives exactly what the engine gives in this thread: boxes, landmarks, pose, eyes and both templates', async () => {
    const image = await decodeImage(fixture('stock-emotions-a-1'));
    const [there, here] = await Promise.all([pool.analyse(image), engine.analyse(image)]);
    expect(there.faces).toHaveLength(1);
    expect(there).toEqual(here);
    expect(there.faces[0].embedding).toHaveLength(512);
    expect(there.faces[0].descriptor).toHaveLength(128);
  });

  it('makes the same three-way decision with the same scores, the three faces analysed at once', async () => {
    const images = () => ({
      selfie: decodeImage(fixture('stock-emotions-a-6')),
      documentPortrait: decodeImage(fixture('stock-emotions-a-3')),
      registerPhoto: decodeImage(fixture('person-vlado')),
    });
    const [there, here] = await Promise.all([matchThreeWay(pool, images()), matchThreeWay(engine, images())]);
    expect(there).toEqual(here);
    expect(there.decision).toBe('no_match');
    expect(there.pairs.selfieDocument.match).toBe(true);
  });

  it('judges a liveness sequence as the engine does, its frames spread over the threads', async () => {
    const [neutral, left, right] = await Promise.all([fixture('stock-emotions-a-4'), fixture('stock-emotions-a-2'), mirrored('stock-emotions-a-2')].map(async (b) => decodeImage(await b)));
    const frames = [neutral, neutral, left, left, right, right].map((image, i) => ({ timestampMs: 1_000 + i * 400, image }));
    const challenges = [LivenessChallenge.TurnLeft, LivenessChallenge.TurnRight];
    const [there, here] = await Promise.all([verifyLivenessFrames(pool, challenges, frames), verifyLivenessFrames(engine, challenges, frames)]);
    expect(there.passed).toBe(true);
    expect(there).toEqual(here);
  });
});

describe(`${FaceEnginePool.name}: model files`, () => {
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'face-models-pool-'));
    for (const { file } of Object.values(FACE_MODEL_FILES)) await copyFile(path.join(defaultFaceModelsDir(), file), path.join(dir, file));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('refuses to start, naming an altered model file, before any thread loads it', async () => {
    const altered = path.join(dir, FACE_MODEL_FILES.landmarks.file);
    const bytes = await readFile(altered);
    bytes[0] ^= 0xff;
    await writeFile(altered, bytes);
    const pool = new FaceEnginePool({ threads: 1, modelsDir: dir });
    const failure = await pool.init().catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(FaceModelFileError);
    expect((failure as Error).message).toContain(altered);
    expect((failure as Error).message).toMatch(/sha256/);
    await pool.destroy();
  });
});
