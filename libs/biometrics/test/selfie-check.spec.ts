/**
 * @jest-environment ./libs/biometrics/test/support/onnx-test-environment.ts
 */
import sharp from 'sharp';
import { BiometricsEngine, checkSelfie, decodeImage, SelfieProblemCode } from '@app/biometrics';
import { fixture } from './support/face-fixtures';

// Model inference on a shared 2-core machine: allow well over the usual 5 s per test.
jest.setTimeout(60_000);

const engine = BiometricsEngine.shared();
const codes = async (bytes: Buffer) => (await checkSelfie(engine, await decodeImage(bytes))).problems.map((p) => p.code);

/** The photo cut down to its face box plus a margin (negative: cutting into the face), like a document portrait. */
async function tightCrop(name: string, relativeMargin = 0.08): Promise<Buffer> {
  const image = await decodeImage(fixture(name));
  const face = (await engine.analyse(image)).faces[0];
  const margin = face.box.width * relativeMargin;
  const left = Math.max(0, Math.round(face.box.x - margin));
  const top = Math.max(0, Math.round(face.box.y - margin));
  return sharp(Buffer.from(image.data), { raw: { width: image.width, height: image.height, channels: 3 } })
    .extract({ left, top, width: Math.min(image.width - left, Math.round(face.box.width + 2 * margin)), height: Math.min(image.height - top, Math.round(face.box.height + 2 * margin)) })
    .jpeg()
    .toBuffer();
}

/** The photo shrunk and pasted on a large grey canvas at (left, top) as shares of the canvas. */
async function onCanvas(name: string, scale: number, left: number, top: number): Promise<Buffer> {
  const canvas = 2000;
  const small = await sharp(fixture(name)).resize({ width: Math.round(canvas * scale) }).toBuffer();
  return sharp({ create: { width: canvas, height: canvas, channels: 3, background: '#7f7f7f' } })
    .composite([{ input: small, left: Math.round(canvas * left), top: Math.round(canvas * top) }])
    .jpeg()
    .toBuffer();
}

describe(checkSelfie.name, () => {
  beforeAll(() => engine.init(), 60_000);

  it('accepts a sharp, lit, centred portrait with open eyes', async () => {
    await expect(codes(fixture('stock-emotions-a-1'))).resolves.toEqual([]);
  });

  it('finds the face in a tightly cropped portrait (document photos are tight crops)', async () => {
    const result = await checkSelfie(engine, await decodeImage(await tightCrop('stock-emotions-a-3')));
    expect(result.faces).toBe(1);
    expect(result.problems.map((p) => p.code)).not.toContain(SelfieProblemCode.NoFace);
  });

  it('finds the face even when the crop cuts into it (forehead and chin cut off)', async () => {
    const result = await checkSelfie(engine, await decodeImage(await tightCrop('stock-emotions-a-3', -0.2)));
    expect(result.faces).toBe(1);
  });

  it('says there is no face in a photo of nothing', async () => {
    const blank = await sharp({ create: { width: 640, height: 480, channels: 3, background: '#406080' } }).jpeg().toBuffer();
    await expect(codes(blank)).resolves.toEqual([SelfieProblemCode.NoFace]);
  });

  it('reports several faces in a group photo', async () => {
    await expect(codes(fixture('group-2'))).resolves.toContain(SelfieProblemCode.SeveralFaces);
  });

  it('reports a face too small when the person stands far away', async () => {
    await expect(codes(await onCanvas('stock-teen-4', 0.2, 0.4, 0.35))).resolves.toContain(SelfieProblemCode.FaceTooSmall);
  });

  it('reports a face off-centre when it sits in a corner', async () => {
    await expect(codes(await onCanvas('stock-teen-4', 0.45, 0, 0))).resolves.toContain(SelfieProblemCode.FaceOffCentre);
  });

  it('reports a photo too dark', async () => {
    await expect(codes(await sharp(fixture('stock-emotions-a-1')).linear(0.25, 0).jpeg().toBuffer())).resolves.toContain(SelfieProblemCode.TooDark);
  });

  it('reports a photo too bright', async () => {
    await expect(codes(await sharp(fixture('stock-teen-4')).linear(1.5, 40).jpeg().toBuffer())).resolves.toContain(SelfieProblemCode.TooBright);
  });

  it('reports a blurred photo', async () => {
    await expect(codes(await sharp(fixture('stock-emotions-a-4')).blur(12).jpeg().toBuffer())).resolves.toContain(SelfieProblemCode.Blurred);
  });

  it('reports closed eyes', async () => {
    await expect(codes(fixture('stock-emotions-b-1'))).resolves.toContain(SelfieProblemCode.EyesClosed);
  });

  it('gives the same answers when checks run concurrently (activity concurrency > 1)', async () => {
    const [open, shut] = await Promise.all([decodeImage(fixture('stock-emotions-a-1')), decodeImage(fixture('stock-emotions-b-1'))]);
    const sequential = [await engine.analyse(open), await engine.analyse(shut)];
    const concurrent = await Promise.all([engine.analyse(open), engine.analyse(shut)]);
    expect(concurrent.map((a) => a.faces[0].eyeOpenness)).toEqual(sequential.map((a) => a.faces[0].eyeOpenness));
    expect(concurrent.map((a) => a.faces[0].descriptor)).toEqual(sequential.map((a) => a.faces[0].descriptor));
  });

  it('gives every problem a Russian and an English message', async () => {
    const result = await checkSelfie(engine, await decodeImage(fixture('group-2')));
    for (const problem of result.problems) {
      expect(problem.message.ru).toMatch(/[а-яё]/i);
      expect(problem.message.en).toMatch(/[a-z]/i);
    }
  });
});
