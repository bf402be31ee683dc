/**
 * @jest-environment ./libs/biometrics/test/support/onnx-test-environment.ts
 */
import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ARCFACE_TEMPLATE_112, applyAffine, BiometricsEngine, decodeImage, defaultFaceModelsDir, FACE_MODEL_FILES, FaceModelFileError, fivePoints, similarityTransform, verifiedModelPath } from '@app/biometrics';
import { fixture } from './support/face-fixtures';

jest.setTimeout(60_000);

describe('face model files', () => {
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'face-models-'));
    for (const { file } of Object.values(FACE_MODEL_FILES)) await copyFile(path.join(defaultFaceModelsDir(), file), path.join(dir, file));
  });

  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('accepts the committed files, whose sha256 match the pinned ones', async () => {
    for (const model of Object.values(FACE_MODEL_FILES)) await expect(verifiedModelPath(defaultFaceModelsDir(), model)).resolves.toBe(path.join(defaultFaceModelsDir(), model.file));
  });

  it('stops the engine at start with a message naming an altered model file', async () => {
    const altered = path.join(dir, FACE_MODEL_FILES.embedding.file);
    const bytes = await readFile(altered);
    bytes[bytes.length - 1] ^= 0xff;
    await writeFile(altered, bytes);
    const failure = await new BiometricsEngine({ modelsDir: dir }).init().catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(FaceModelFileError);
    expect((failure as Error).message).toContain(altered);
    expect((failure as Error).message).toMatch(/sha256/);
  });

  it('stops the engine at start with a message naming a missing model file', async () => {
    const missing = path.join(dir, FACE_MODEL_FILES.detector.file);
    await rm(missing);
    await expect(new BiometricsEngine({ modelsDir: dir }).init()).rejects.toThrow(missing);
  });
});

describe(similarityTransform.name, () => {
  it('recovers a rotation, scale and shift from five points', () => {
    const angle = 0.3;
    const scale = 1.7;
    const moved = ARCFACE_TEMPLATE_112.map((p) => ({ x: scale * (Math.cos(angle) * p.x - Math.sin(angle) * p.y) + 40, y: scale * (Math.sin(angle) * p.x + Math.cos(angle) * p.y) - 12 }));
    const m = similarityTransform(ARCFACE_TEMPLATE_112, moved);
    expect(m.a).toBeCloseTo(scale * Math.cos(angle), 6);
    expect(m.d).toBeCloseTo(scale * Math.sin(angle), 6);
    expect(m.c).toBeCloseTo(40, 6);
    expect(m.f).toBeCloseTo(-12, 6);
  });
});

describe(BiometricsEngine.name, () => {
  const engine = BiometricsEngine.shared();

  it('finds every face of a crowd photo and each one’s landmarks inside its box', async () => {
    const image = await decodeImage(fixture('group-1'), { analysisMaxSide: 2048 });
    const detections = await engine.detect(image);
    expect(detections).toHaveLength(14);
    const [largest] = detections;
    const landmarks = await engine.landmarks(image, largest.box);
    expect(landmarks).toHaveLength(68);
    for (const p of landmarks) {
      expect(p.x).toBeGreaterThan(largest.box.x - largest.box.width * 0.2);
      expect(p.x).toBeLessThan(largest.box.x + largest.box.width * 1.2);
    }
  });

  it('aligns a frontal face so its five points land on the ArcFace template', async () => {
    const image = await decodeImage(fixture('stock-emotions-a-4'));
    const [face] = (await engine.analyse(image, { templates: 'none' })).faces;
    const points = fivePoints(face.landmarks);
    const m = similarityTransform(points, ARCFACE_TEMPLATE_112);
    const residuals = points.map((p, i) => Math.hypot(applyAffine(m, p).x - ARCFACE_TEMPLATE_112[i].x, applyAffine(m, p).y - ARCFACE_TEMPLATE_112[i].y));
    expect(Math.max(...residuals)).toBeLessThan(4);
  });

  it('computes a unit 512-d embedding and a 128-d descriptor for the main face only, unless asked for all', async () => {
    const image = await decodeImage(fixture('group-2'));
    const main = await engine.analyse(image);
    expect(main.faces.length).toBeGreaterThanOrEqual(3);
    expect(main.faces[0].embedding).toHaveLength(512);
    expect(main.faces[0].descriptor).toHaveLength(128);
    expect(Math.hypot(...main.faces[0].embedding)).toBeCloseTo(1, 4);
    expect(main.faces[1].embedding).toEqual([]);
    const all = await engine.analyse(image, { templates: 'all', descriptorOnly: true });
    expect(all.faces.every((f) => f.embedding.length === 512)).toBe(true);
  });

  it('gives the same templates for the same image analysed concurrently', async () => {
    const [a, b] = await Promise.all([decodeImage(fixture('stock-emotions-a-1')), decodeImage(fixture('stock-teen-4'))]);
    const sequential = [await engine.analyse(a), await engine.analyse(b)];
    const concurrent = await Promise.all([engine.analyse(a), engine.analyse(b)]);
    expect(concurrent.map((x) => x.faces[0].embedding)).toEqual(sequential.map((x) => x.faces[0].embedding));
    expect(concurrent.map((x) => x.faces[0].descriptor)).toEqual(sequential.map((x) => x.faces[0].descriptor));
  });
});
