import path from 'node:path';
import sharp from 'sharp';
import { BiometricsEngine, calibrate, collectLabelledDescriptors, evaluateAt, isComparableFace, decodeImage, MATCH_THRESHOLD, matchFaces, matchThreeWay, pairDistances, type LabelledDescriptor } from '@app/biometrics';
import { facesDir } from '@app/fixtures';
import { fixture } from './support/face-fixtures';

// Model inference on a shared 2-core machine: allow well over the usual 5 s per test.
jest.setTimeout(60_000);

const engine = BiometricsEngine.shared();
const load = async (name: string) => decodeImage(fixture(name));

describe('face matching on the fixture photos', () => {
  let samples: LabelledDescriptor[];

  beforeAll(async () => {
    samples = await collectLabelledDescriptors(engine, facesDir());
  }, 120_000);

  it('recomputes the calibration and lands on the threshold the code uses', () => {
    const calibration = calibrate(samples);
    expect(calibration.genuinePairs).toBeGreaterThanOrEqual(65);
    expect(calibration.impostorPairs).toBeGreaterThanOrEqual(500);
    expect(calibration.chosenThreshold).toBeCloseTo(MATCH_THRESHOLD, 2);
  });

  it('rejects every impostor pair at the calibrated threshold (at most 0.1% false accepts)', () => {
    const { impostor } = pairDistances(samples);
    const accepted = impostor.filter((p) => p.distance <= MATCH_THRESHOLD);
    expect(accepted.length / impostor.length).toBeLessThanOrEqual(0.001);
  });

  it('rejects impostors from photos it was not calibrated on (face-api demo crowds) when the faces are comparable', async () => {
    const demo = path.join(path.dirname(require.resolve('@vladmandic/face-api/package.json')), 'demo');
    const heldOut = (await collectLabelledDescriptors(engine, demo, { allCrowds: true, only: /^sample\d\.jpg$/ })).map((s) => ({ ...s, source: `held-out:${s.source}`, identity: `held-out:${s.identity}`, crowd: `held-out:${s.crowd}` }));
    expect(heldOut.length).toBeGreaterThanOrEqual(15);
    const comparableOnly = [...samples, ...heldOut].filter((s) => isComparableFace(s));
    const point = evaluateAt(comparableOnly, MATCH_THRESHOLD, (s) => s.source.startsWith('held-out:'));
    expect(point.impostorPairs).toBeGreaterThanOrEqual(150);
    expect(point.falseAccepts).toBe(0);
  }, 120_000);

  it('accepts the genuine pairs of frontal photos of the same person', async () => {
    for (const [a, b] of [
      ['stock-emotions-a-1', 'stock-emotions-a-3'],
      ['stock-emotions-a-6', 'stock-emotions-a-7'],
      ['stock-teen-1', 'stock-teen-4'],
    ]) {
      const result = await matchFaces(engine, await load(a), await load(b));
      expect({ pair: `${a}~${b}`, match: result.match }).toEqual({ pair: `${a}~${b}`, match: true });
      expect(result.distance).toBeLessThanOrEqual(result.threshold);
    }
  });

  it('rejects two different people', async () => {
    const result = await matchFaces(engine, await load('stock-emotions-a-1'), await load('stock-teen-4'));
    expect(result.match).toBe(false);
    expect(result.distance).toBeGreaterThan(MATCH_THRESHOLD);
  });
});

describe(matchThreeWay.name, () => {
  /** A document portrait: the face cut out tight and grey-scaled a little, as printed on an ID card. */
  async function documentPortrait(name: string) {
    const image = await load(name);
    const face = (await engine.analyse(image)).faces[0];
    const pad = face.box.width * 0.1;
    const left = Math.max(0, Math.round(face.box.x - pad));
    const top = Math.max(0, Math.round(face.box.y - pad * 2));
    const crop = await sharp(Buffer.from(image.data), { raw: { width: image.width, height: image.height, channels: 3 } })
      .extract({ left, top, width: Math.min(image.width - left, Math.round(face.box.width + 2 * pad)), height: Math.min(image.height - top, Math.round(face.box.height + 3 * pad)) })
      .resize({ width: 300 })
      .modulate({ saturation: 0.6 })
      .jpeg({ quality: 80 })
      .toBuffer();
    return decodeImage(crop);
  }

  it('matches selfie, document portrait and register photo of one person', async () => {
    const result = await matchThreeWay(engine, { selfie: await load('stock-emotions-a-6'), documentPortrait: await documentPortrait('stock-emotions-a-3'), registerPhoto: await load('stock-emotions-a-7') });
    expect(result.missingFaces).toEqual([]);
    expect(Object.values(result.pairs).map((p) => p.comparable)).toEqual([true, true, true]);
    expect(result.match).toBe(true);
  });

  it('refuses when the register photo shows someone else', async () => {
    const result = await matchThreeWay(engine, { selfie: await load('stock-emotions-a-6'), documentPortrait: await documentPortrait('stock-emotions-a-3'), registerPhoto: await load('stock-emotions-b-6') });
    expect(result.match).toBe(false);
    expect(result.pairs.selfieDocument.match).toBe(true);
    expect(result.pairs.selfieRegister.match).toBe(false);
  });
});
